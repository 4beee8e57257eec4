/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The seccomp part of create, timed in-process (tests/bench/seccomp.sh):
 *
 *   seccomp_bench CONFIG.JSON STATE_ROOT [ROUNDS]
 *
 * builds the filter of CONFIG.JSON, then times ROUNDS compilations with
 * libseccomp (no cache) and ROUNDS prepares that hit the cache under
 * STATE_ROOT, and prints the mean and best of each in milliseconds. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "oci/spec.h"
#include "seccomp/seccomp.h"
#include "util/error.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static struct seccomp_filter *build(struct oci_spec *spec)
{
	struct hrun_error err = {0};
	struct seccomp_filter *f = NULL;

	if (seccomp_filter_build(spec, &f, &err) < 0 || !f) {
		fprintf(stderr, "seccomp_bench: %s\n", f ? err.msg : "no seccomp in the config");
		exit(1);
	}
	return f;
}

/* One round: a fresh filter, compiled (cache NULL) or prepared (cache root). */
static double round_ms(struct oci_spec *spec, const char *root, size_t *insns, int *cached)
{
	struct hrun_error err = {0};
	struct seccomp_filter *f = build(spec);
	double t0 = now_ms(), t;
	int r = 0;

	for (size_t i = 0; !root && r == 0 && i < f->n_programs; i++)
		r = seccomp_program_compile(&f->programs[i], &err);
	if (root)
		r = seccomp_filter_prepare(f, root, &err);
	t = now_ms() - t0;
	if (r < 0) {
		fprintf(stderr, "seccomp_bench: %s\n", err.msg);
		exit(1);
	}
	*insns = 0;
	*cached = 1;
	for (size_t i = 0; i < f->n_programs; i++) {
		*insns += f->programs[i].n_insns;
		*cached &= f->programs[i].from_cache;
	}
	seccomp_filter_free(f);
	return t;
}

static void report(const char *what, struct oci_spec *spec, const char *root, int rounds)
{
	double sum = 0, best = 1e9;
	size_t insns = 0;
	int cached = 0;

	for (int i = 0; i < rounds; i++) {
		double t = round_ms(spec, root, &insns, &cached);

		sum += t;
		best = t < best ? t : best;
	}
	printf("%-28s mean %8.3f ms  best %8.3f ms  (%zu BPF instructions%s)\n", what, sum / rounds,
	       best, insns, root ? (cached ? ", from the cache" : ", MISSED") : "");
}

int main(int argc, char **argv)
{
	struct hrun_error err = {0};
	struct oci_spec *spec;
	size_t insns;
	int cached, rounds = argc > 3 ? atoi(argv[3]) : 100;

	if (argc < 3 || rounds <= 0) {
		fprintf(stderr, "usage: seccomp_bench CONFIG.JSON STATE_ROOT [ROUNDS]\n");
		return 2;
	}
	spec = oci_spec_load(argv[1], &err);
	if (!spec) {
		fprintf(stderr, "seccomp_bench: %s\n", err.msg);
		return 1;
	}
	report("compile (libseccomp)", spec, NULL, rounds);
	if (mkdir(argv[2], 0700) < 0 && errno != EEXIST) {
		fprintf(stderr, "seccomp_bench: `%s`: %s\n", argv[2], strerror(errno));
		return 1;
	}
	round_ms(spec, argv[2], &insns, &cached); /* fill the cache */
	report("prepare (cache hit)", spec, argv[2], rounds);
	oci_spec_free(spec);
	return 0;
}
