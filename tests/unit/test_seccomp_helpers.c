/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "test_seccomp_helpers.h"

#include <errno.h>
#include <signal.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "oci/spec.h"

char *test_config(const char *seccomp, const char *presets)
{
	char *text = NULL;

	if (asprintf(&text, "{\"ociVersion\": \"1.3.0\"%s%s%s%s%s%s}",
		     presets ? ", \"annotations\": {\"" SECCOMP_PRESETS_ANNOTATION "\": \"" : "",
		     presets ? presets : "", presets ? "\"}" : "",
		     seccomp ? ", \"linux\": {\"seccomp\": " : "", seccomp ? seccomp : "",
		     seccomp ? "}" : "") < 0)
		return NULL;
	return text;
}

struct seccomp_filter *test_filter(const char *seccomp, const char *presets, struct hrun_error *err)
{
	char *text = test_config(seccomp, presets);
	struct oci_spec *spec;
	struct seccomp_filter *f = NULL;

	assert_non_null(text);
	spec = oci_spec_parse(text, strlen(text), "config.json", err);
	free(text);
	if (!spec)
		return NULL;
	if (seccomp_filter_build(spec, &f, err) < 0)
		f = NULL;
	oci_spec_free(spec);
	return f;
}

struct seccomp_filter *test_filter_ok(const char *seccomp, const char *presets)
{
	struct hrun_error err = {0};
	struct seccomp_filter *f = test_filter(seccomp, presets, &err);

	if (!f)
		fail_msg("%s", err.msg);
	for (size_t i = 0; i < f->n_programs; i++)
		if (seccomp_program_compile(&f->programs[i], &err) < 0)
			fail_msg("%s", err.msg);
	return f;
}

int test_run_filtered(const struct seccomp_filter *f, int (*fn)(void *), void *arg)
{
	int status;
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		struct hrun_error err = {0};
		struct rlimit no_core = {0, 0};

		setrlimit(RLIMIT_CORE, &no_core);
		signal(SIGSYS, SIG_DFL); /* cmocka catches it */
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
		    seccomp_filter_install(f, &err) < 0) {
			dprintf(2, "install: %s\n", err.msg);
			_exit(250);
		}
		syscall(SYS_exit_group, fn(arg));
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return status;
}

long test_syscall(long nr, uint64_t a0, uint64_t a1)
{
	long r = syscall(nr, a0, a1, 0, 0, 0, 0);

	return r < 0 ? -errno : r;
}
