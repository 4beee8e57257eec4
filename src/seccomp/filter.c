/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The whole filter of a container: build it from the spec, show it,
 * prepare it on the host (kernel checks, compile or cache, listener). */
#include <errno.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "oci/spec.h"
#include "seccomp/seccomp_internal.h"
#include "util/cleanup.h"
#include "util/error.h"

void seccomp_filter_free(struct seccomp_filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_programs; i++)
		seccomp_program_clear(&f->programs[i]);
	free(f->programs);
	free(f->listener_path);
	free(f->listener_metadata);
	seccomp_listener_release(f);
	free(f);
}

static int build_presets(const char *list, struct seccomp_filter *f, struct hrun_error *err)
{
	unsigned int bits;

	if (seccomp_presets_parse(list, &bits, err) < 0)
		return -1;
	return seccomp_presets_build(bits, &f->programs[f->n_programs++], err);
}

int seccomp_filter_build(const struct oci_spec *spec, struct seccomp_filter **out,
			 struct hrun_error *err)
{
	const char *presets = oci_spec_annotation(spec, SECCOMP_PRESETS_ANNOTATION);
	bool profile = spec->linux_ && spec->linux_->seccomp;
	struct seccomp_filter *f;

	*out = NULL;
	if (!presets && !profile)
		return 0;
	f = calloc(1, sizeof *f);
	if (!f || !(f->programs = calloc(2, sizeof *f->programs))) {
		free(f);
		return hrun_error_set(err, ENOMEM, "seccomp filter");
	}
	f->agent_fd = f->state_fd = -1;
	/* presets first: the later filter's errno wins a tie (seccomp.h) */
	if ((presets && build_presets(presets, f, err) < 0) ||
	    (profile && seccomp_profile_build(spec, f, &f->programs[f->n_programs++], err) < 0)) {
		seccomp_filter_free(f);
		return -1;
	}
	*out = f;
	return 0;
}

/* The profile's flags, without their common prefix. */
static void print_flags(const struct seccomp_filter *f, const char *indent, FILE *out)
{
	const size_t prefix = strlen("SECCOMP_FILTER_FLAG_");

	if (!f->flags)
		return;
	fprintf(out, "%sflags", indent);
	for (unsigned int bit = 1; bit && bit <= f->flags; bit <<= 1) {
		const char *name = f->flags & bit ? seccomp_flag_name(bit) : NULL;

		if (name)
			fprintf(out, " %s", name + prefix);
	}
	fputc('\n', out);
}

int seccomp_filter_print(const struct seccomp_filter *f, const char *indent, FILE *out,
			 struct hrun_error *err)
{
	print_flags(f, indent, out);
	if (f->listener_path)
		fprintf(out, "%slistener %s%s%s\n", indent, f->listener_path,
			f->listener_metadata ? " metadata " : "",
			f->listener_metadata ? f->listener_metadata : "");
	for (size_t i = 0; i < f->n_programs; i++) {
		_cleanup_free_ char *text = seccomp_program_text(&f->programs[i], indent);

		if (!text)
			return hrun_error_set(err, ENOMEM, "print the seccomp filter");
		fputs(text, out);
	}
	return ferror(out) ? hrun_error_set(err, EIO, "print the seccomp filter") : 0;
}

/* A cache that cannot be written costs a compile next time, nothing more. */
static int compile_program(struct seccomp_program *p, const char *dir, struct hrun_error *err)
{
	struct hrun_error ignored;

	if (dir && seccomp_cache_load(dir, p) == 1)
		return 0;
	if (seccomp_program_compile(p, err) < 0)
		return -1;
	if (dir)
		seccomp_cache_store(dir, p, &ignored);
	return 0;
}

/* The state root exists already: create and exec have opened their
 * container's state directory under it. */
static char *cache_dir(const char *state_root)
{
	char *dir = NULL;

	if (!state_root || !*state_root || asprintf(&dir, "%s/seccomp", state_root) < 0)
		return NULL;
	return dir;
}

int seccomp_filter_prepare(struct seccomp_filter *f, const char *state_root, struct hrun_error *err)
{
	_cleanup_free_ char *dir = NULL;

	if (seccomp_filter_check_kernel(f, err) < 0)
		return -1;
	dir = cache_dir(state_root);
	for (size_t i = 0; i < f->n_programs; i++)
		if (compile_program(&f->programs[i], dir, err) < 0)
			return -1;
	if (f->listener_path && f->agent_fd < 0)
		return seccomp_listener_connect(f, err);
	return 0;
}
