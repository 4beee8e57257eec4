/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The seed's presets: the rule counts its tests assert (strict without
 * multiarch = 73, ext+deny-ns+deny-tty with multiarch = 65), the exact
 * argument filters and errnos, the socket family allowlist, the names the
 * annotation takes, and the presets at work, alone and stacked under a
 * linux.seccomp profile. */
#include <errno.h>
#include <linux/sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_seccomp_helpers.h"

static void count_rules(const char *presets, size_t *plain, size_t *sockets)
{
	struct hrun_error err = {0};
	struct seccomp_filter *f = test_filter(NULL, presets, &err);

	if (!f)
		fail_msg("%s", err.msg);
	assert_int_equal(f->n_programs, 1);
	*plain = *sockets = 0;
	for (size_t i = 0; i < f->programs[0].n_rules; i++)
		(*(f->programs[0].rules[i].exact_optional ? sockets : plain))++;
	seccomp_filter_free(f);
}

static void expect_counts(const char *presets, size_t plain, size_t sockets)
{
	size_t p, s;

	count_rules(presets, &p, &s);
	assert_int_equal(p, plain);
	assert_int_equal(s, sockets);
}

static void test_rule_counts_match_the_seed(void **state)
{
	expect_counts("strict", 73, 13);
	expect_counts("ext,deny-ns,deny-tty,deny-devel", 73, 13);
	expect_counts("ext,deny-ns,deny-tty,multiarch", 65, 13);
	expect_counts("strict,multiarch", 68, 13);
	expect_counts("common", 13, 13); /* + modify_ldt without multiarch */
	expect_counts("common,multiarch", 12, 13);
	expect_counts("strict,can", 73, 25);
	expect_counts("strict,can,bluetooth", 73, 26);
}

static char *preset_text(const char *presets)
{
	struct hrun_error err = {0};
	struct seccomp_filter *f = test_filter(NULL, presets, &err);
	char *text;

	if (!f)
		fail_msg("%s", err.msg);
	text = seccomp_program_text(&f->programs[0], "");
	seccomp_filter_free(f);
	return text;
}

static void expect_line(const char *text, const char *line)
{
	char *want = NULL;

	assert_true(asprintf(&want, "\n%s\n", line) > 0);
	if (!strstr(text, want))
		fail_msg("missing line `%s` in:\n%s", line, text);
	free(want);
}

static void test_exact_rules(void **state)
{
	char *text = preset_text("strict");
	char *linux32 = preset_text("deny-devel,linux32");

	const char *head = "filter presets deny-ns,deny-tty,deny-devel,ext: default ALLOW, "
			   "arches native, 86 rules\n";

	assert_true(strncmp(text, head, strlen(head)) == 0);
	expect_line(text, "ERRNO(1) syslog");
	expect_line(text, "ERRNO(1) clone arg0 MASKED_EQ 0x10000000 0x10000000");
	expect_line(text, "ERRNO(38) clone3");
	expect_line(text, "ERRNO(38) mount_setattr");
	expect_line(text, "ERRNO(1) ioctl arg1 MASKED_EQ 0xffffffff 0x5412");
	expect_line(text, "ERRNO(1) ioctl arg1 MASKED_EQ 0xffffffff 0x541c");
	expect_line(text, "ERRNO(1) personality arg0 NE 0");
	expect_line(text, "ERRNO(1) modify_ldt");
	expect_line(text, "ERRNO(1) setuid32");
	expect_line(text, "ERRNO(38) vm86old");
	expect_line(text, "ERRNO(97) socket arg0 EQ 0x3 (exact, where the arch allows)");
	expect_line(text, "ERRNO(97) socket arg0 GE 0x11 (exact, where the arch allows)");
	expect_line(linux32, "ERRNO(1) personality arg0 NE 0x8");
	free(text);
	free(linux32);
}

static void test_multiarch_adds_the_secondary_arch(void **state)
{
	char *text;

#ifndef __x86_64__
	skip();
#endif
	text = preset_text("common,multiarch");

	assert_non_null(strstr(text, "arches native x86,"));
	free(text);
}

static void test_unknown_preset_is_refused(void **state)
{
	struct hrun_error err = {0};

	assert_null(test_filter(NULL, "strict,lax", &err));
	assert_string_equal(err.msg,
			    "annotations[\"org.hrun.seccomp.presets\"]: unknown preset "
			    "\"lax\" (common, deny-ns, deny-tty, deny-devel, ext, multiarch, "
			    "strict, linux32, can, bluetooth)");
	assert_null(test_filter(NULL, "", &err));
	assert_non_null(strstr(err.msg, "unknown preset \"\""));
}

/* Bits of the result: what the strict presets deny, and what they let by. */
static int probe_strict(void *arg)
{
	int r = 0;
	long fd;

	r |= test_syscall(SYS_unshare, CLONE_NEWNS, 0) == -EPERM ? 1 : 0;
	r |= test_syscall(SYS_clone3, 0, 0) == -ENOSYS ? 2 : 0;
	r |= test_syscall(SYS_socket, AF_PACKET, SOCK_RAW) == -EAFNOSUPPORT ? 4 : 0;
	fd = test_syscall(SYS_socket, AF_INET, SOCK_DGRAM);
	r |= fd >= 0 ? 8 : 0;
	/* the upper half of the command word cannot hide TIOCSTI */
	r |= test_syscall(SYS_ioctl, 0, TIOCSTI | 0x100000000ULL) == -EPERM ? 16 : 0;
	r |= test_syscall(SYS_personality, PER_BSD, 0) == -EPERM ? 32 : 0;
	r |= test_syscall(SYS_getppid, 0, 0) > 0 ? 64 : 0;
	return r;
}

static void test_strict_at_work(void **state)
{
	struct seccomp_filter *f = test_filter_ok(NULL, "strict");
	int status = test_run_filtered(f, probe_strict, NULL);

	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 127);
	seccomp_filter_free(f);
}

/* Two stacked filters: each denial holds; for two errnos the profile's
 * (the later filter) wins; a preset's conditional rule survives a profile
 * that allows the syscall outright. */
static int probe_stacked(void *arg)
{
	int r = 0;

	r |= test_syscall(SYS_getppid, 0, 0) == -77 ? 1 : 0;
	r |= test_syscall(SYS_unshare, CLONE_NEWNS, 0) == -EPERM ? 2 : 0;
	r |= test_syscall(SYS_umount2, 0, 0) == -99 ? 4 : 0;
	r |= test_syscall(SYS_ioctl, 0, TIOCSTI) == -EPERM ? 8 : 0;
	return r;
}

static void test_presets_stack_with_a_profile(void **state)
{
	struct seccomp_filter *f = test_filter_ok(
		"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": ["
		"{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 77},"
		"{\"names\": [\"umount2\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 99},"
		"{\"names\": [\"ioctl\"], \"action\": \"SCMP_ACT_LOG\"}]}",
		"strict");
	int status;

	assert_int_equal(f->n_programs, 2);
	status = test_run_filtered(f, probe_stacked, NULL);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 15);
	seccomp_filter_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_counts_match_the_seed),
		cmocka_unit_test(test_exact_rules),
		cmocka_unit_test(test_multiarch_adds_the_secondary_arch),
		cmocka_unit_test(test_unknown_preset_is_refused),
		cmocka_unit_test(test_strict_at_work),
		cmocka_unit_test(test_presets_stack_with_a_profile),
	};

	return cmocka_run_group_tests_name("seccomp_presets", tests, NULL, NULL);
}
