/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the seccomp unit tests: filters from config.json text, and
 * running code under a filter in a forked child. */
#ifndef HRUN_TEST_SECCOMP_HELPERS_H
#define HRUN_TEST_SECCOMP_HELPERS_H

#include <stdint.h>

#include "seccomp/seccomp.h"
#include "util/error.h"

/* A config.json with `seccomp` as linux.seccomp (NULL: none) and the
 * annotation org.hrun.seccomp.presets = presets (NULL: none). */
char *test_config(const char *seccomp, const char *presets);

/* Parse and build; NULL with err filled (parser or seccomp errors). */
struct seccomp_filter *test_filter(const char *seccomp, const char *presets,
				   struct hrun_error *err);

/* Same, failing the test on any error, and compiled (no cache). */
struct seccomp_filter *test_filter_ok(const char *seccomp, const char *presets);

/* Fork; the child sets no_new_privs, installs f and exits with fn(arg)
 * (fn may only make syscalls the filter lets through).  Returns the wait
 * status. */
int test_run_filtered(const struct seccomp_filter *f, int (*fn)(void *), void *arg);

/* syscall(2) with errno folded in: the result, or -errno. */
long test_syscall(long nr, uint64_t a0, uint64_t a1);

#endif
