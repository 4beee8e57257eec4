/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Real filters in forked children: each action, errnoRet and
 * defaultErrnoRet, each operator, args ANDed and ORed, 64-bit values, the
 * arch list with x86 and x32.  The probe is getppid(2), which ignores its
 * arguments, so any argument values can be matched without side effects;
 * a child reports through its exit status only (exit_group is all it needs). */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_seccomp_helpers.h"

#define I386_GETPPID 64
#define X32_BIT	     0x40000000L

struct probe {
	uint64_t a0, a1;
};

/* Exit with the errno getppid failed with, 0 when it succeeded. */
static int probe_errno(void *arg)
{
	const struct probe *p = arg;
	long r = test_syscall(SYS_getppid, p->a0, p->a1);

	return r < 0 ? (int)-r : 0;
}

static int run_profile(const char *seccomp, uint64_t a0, uint64_t a1)
{
	struct seccomp_filter *f = test_filter_ok(seccomp, NULL);
	struct probe p = {a0, a1};
	int status = test_run_filtered(f, probe_errno, &p);

	seccomp_filter_free(f);
	return status;
}

static void expect_exit(int status, int code)
{
	if (!WIFEXITED(status))
		fail_msg("child killed by signal %d", WIFSIGNALED(status) ? WTERMSIG(status) : -1);
	assert_int_equal(WEXITSTATUS(status), code);
}

static void expect_sigsys(int status)
{
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGSYS);
}

#define ONE_RULE(action)                                                                           \
	"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": "                      \
	"[\"getppid\"], " action "}]}"

static void test_errno_ret_is_returned(void **state)
{
	expect_exit(run_profile(ONE_RULE("\"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 77"), 0, 0),
		    77);
}

static void test_errno_without_ret_is_eperm(void **state)
{
	expect_exit(run_profile(ONE_RULE("\"action\": \"SCMP_ACT_ERRNO\""), 0, 0), EPERM);
}

static void test_default_errno_ret(void **state)
{
	/* everything but exit_group fails with 99 */
	expect_exit(run_profile("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 99,"
				" \"syscalls\": [{\"names\": [\"exit_group\"], \"action\": "
				"\"SCMP_ACT_ALLOW\"}]}",
				0, 0),
		    99);
}

/* Exit with the errno syscall *arg failed with, 0 when it succeeded. */
static int probe_nr(void *arg)
{
	long r = test_syscall(*(const long *)arg, 0, 0);

	return r < 0 ? (int)-r : 0;
}

/* runc's ENOSYS rule (src/seccomp/enosys.c): exit_group is x86_64's 231,
 * the highest name here; above it ENOSYS, below it the default action,
 * an errno or a kill alike. */
static void test_newer_than_the_profile_is_enosys(void **state)
{
	static const char *const defaults[] = {"\"SCMP_ACT_ERRNO\", \"defaultErrnoRet\": 99",
					       "\"SCMP_ACT_KILL_PROCESS\""};
	long above = 1000, below = SYS_getppid;

	for (size_t i = 0; i < 2; i++) {
		char profile[256];

		snprintf(profile, sizeof profile,
			 "{\"defaultAction\": %s, \"syscalls\": [{\"names\": [\"exit_group\"],"
			 " \"action\": \"SCMP_ACT_ALLOW\"}]}",
			 defaults[i]);
		struct seccomp_filter *f = test_filter_ok(profile, NULL);

		expect_exit(test_run_filtered(f, probe_nr, &above), ENOSYS);
		if (i == 0)
			expect_exit(test_run_filtered(f, probe_nr, &below), 99);
		else
			expect_sigsys(test_run_filtered(f, probe_nr, &below));
		seccomp_filter_free(f);
	}
}

static void test_kill_actions_kill_with_sigsys(void **state)
{
	expect_sigsys(run_profile(ONE_RULE("\"action\": \"SCMP_ACT_KILL\""), 0, 0));
	expect_sigsys(run_profile(ONE_RULE("\"action\": \"SCMP_ACT_KILL_THREAD\""), 0, 0));
	expect_sigsys(run_profile(ONE_RULE("\"action\": \"SCMP_ACT_KILL_PROCESS\""), 0, 0));
	expect_sigsys(run_profile("{\"defaultAction\": \"SCMP_ACT_KILL_PROCESS\"}", 0, 0));
}

static void test_trap_raises_sigsys(void **state)
{
	expect_sigsys(run_profile(ONE_RULE("\"action\": \"SCMP_ACT_TRAP\""), 0, 0));
}

/* With no tracer attached the kernel answers ENOSYS. */
static void test_trace_without_tracer_is_enosys(void **state)
{
	expect_exit(run_profile(ONE_RULE("\"action\": \"SCMP_ACT_TRACE\", \"errnoRet\": 3"), 0, 0),
		    ENOSYS);
}

static void test_log_and_allow_let_it_through(void **state)
{
	expect_exit(run_profile(ONE_RULE("\"action\": \"SCMP_ACT_LOG\""), 0, 0), 0);
	expect_exit(run_profile("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": ["
				"{\"names\": [\"getppid\", \"exit_group\"], \"action\": "
				"\"SCMP_ACT_ALLOW\"}]}",
				0, 0),
		    0);
}

/* Every flag the kernel takes goes to seccomp(2) with the program. */
static void test_flags_reach_the_kernel(void **state)
{
	expect_exit(run_profile("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": ["
				"\"SECCOMP_FILTER_FLAG_TSYNC\", \"SECCOMP_FILTER_FLAG_LOG\","
				" \"SECCOMP_FILTER_FLAG_SPEC_ALLOW\"], \"syscalls\": [{\"names\": "
				"[\"getppid\"],"
				" \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 77}]}",
				0, 0),
		    77);
}

struct op_case {
	const char *op;
	uint64_t value, value_two;
	uint64_t probes[3];
	int matches; /* bit i: probes[i] matches */
};

static const struct op_case ops[] = {
	{"SCMP_CMP_NE", 10, 0, {9, 10, 11}, 0x5},
	{"SCMP_CMP_LT", 10, 0, {9, 10, 11}, 0x1},
	{"SCMP_CMP_LE", 10, 0, {9, 10, 11}, 0x3},
	{"SCMP_CMP_EQ", 10, 0, {9, 10, 11}, 0x2},
	{"SCMP_CMP_GE", 10, 0, {9, 10, 11}, 0x6},
	{"SCMP_CMP_GT", 10, 0, {9, 10, 11}, 0x4},
	{"SCMP_CMP_MASKED_EQ", 0xF0, 0x10, {0x1F, 0x20, 0x110}, 0x5},
	/* the whole 64 bits are compared */
	{"SCMP_CMP_EQ", 0x100000001ULL, 0, {1, 0x100000001ULL, 0x200000001ULL}, 0x2},
};

static void test_each_operator(void **state)
{
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		char *profile = NULL;

		assert_true(asprintf(&profile,
				     ONE_RULE("\"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 42, "
					      "\"args\": "
					      "[{\"index\": 0, \"value\": %llu, \"valueTwo\": "
					      "%llu, \"op\": \"%s\"}]"),
				     (unsigned long long)ops[i].value,
				     (unsigned long long)ops[i].value_two, ops[i].op) > 0);
		for (int p = 0; p < 3; p++) {
			int status = run_profile(profile, ops[i].probes[p], 0);

			expect_exit(status, ops[i].matches & (1 << p) ? 42 : 0);
		}
		free(profile);
	}
}

static void test_args_of_one_entry_are_anded(void **state)
{
	const char *profile =
		ONE_RULE("\"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 42, \"args\": ["
			 "{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"},"
			 "{\"index\": 1, \"value\": 2, \"op\": \"SCMP_CMP_EQ\"}]");

	expect_exit(run_profile(profile, 1, 2), 42);
	expect_exit(run_profile(profile, 1, 3), 0);
	expect_exit(run_profile(profile, 0, 2), 0);
}

static void test_repeated_index_is_ored(void **state)
{
	const char *profile =
		ONE_RULE("\"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 42, \"args\": ["
			 "{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"},"
			 "{\"index\": 0, \"value\": 2, \"op\": \"SCMP_CMP_EQ\"}]");

	expect_exit(run_profile(profile, 1, 0), 42);
	expect_exit(run_profile(profile, 2, 0), 42);
	expect_exit(run_profile(profile, 3, 0), 0);
}

static void test_unknown_syscall_is_skipped(void **state)
{
	expect_exit(run_profile(ONE_RULE("\"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 42"), 0, 0),
		    42);
	expect_exit(
		run_profile("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": "
			    "[\"no_such_call\", \"getppid\"], \"action\": \"SCMP_ACT_ERRNO\", "
			    "\"errnoRet\": 42}]}",
			    0, 0),
		42);
}

#ifdef __x86_64__
/* i386's getppid through int $0x80: the arch token is AUDIT_ARCH_I386. */
static long i386_getppid(void)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(I386_GETPPID) : "memory");
	return r;
}

static int probe_arches(void *arg)
{
	long x86 = i386_getppid();
	long x32 = test_syscall(SYS_getppid | X32_BIT, 0, 0);

	/* bit 0: x86 got 42, bit 1: x32 got 42 */
	return (x86 == -42 ? 1 : 0) | (x32 == -42 ? 2 : 0);
}

static bool ia32_emulation(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(i386_getppid() == getppid() ? 0 : 1);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

#else
static bool ia32_emulation(void)
{
	return false;
}

static int probe_arches(void *arg)
{
	return 0;
}
#endif

#define ARCH_PROFILE(arches)                                                                       \
	"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"architectures\": [" arches "],"                 \
	" \"syscalls\": [{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_ERRNO\", "              \
	"\"errnoRet\": 42}]}"

static void test_arches_x86_and_x32(void **state)
{
	struct seccomp_filter *f;

	if (!ia32_emulation())
		skip();
	f = test_filter_ok(
		ARCH_PROFILE("\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\""), NULL);
	expect_exit(test_run_filtered(f, probe_arches, NULL), 3);
	seccomp_filter_free(f);
}

/* An arch missing from the list meets libseccomp's bad-arch action: kill. */
static void test_arch_not_listed_is_killed(void **state)
{
	struct seccomp_filter *f;

	if (!ia32_emulation())
		skip();
	f = test_filter_ok(ARCH_PROFILE("\"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X32\""), NULL);
	expect_sigsys(test_run_filtered(f, probe_arches, NULL));
	seccomp_filter_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errno_ret_is_returned),
		cmocka_unit_test(test_errno_without_ret_is_eperm),
		cmocka_unit_test(test_default_errno_ret),
		cmocka_unit_test(test_newer_than_the_profile_is_enosys),
		cmocka_unit_test(test_kill_actions_kill_with_sigsys),
		cmocka_unit_test(test_trap_raises_sigsys),
		cmocka_unit_test(test_trace_without_tracer_is_enosys),
		cmocka_unit_test(test_log_and_allow_let_it_through),
		cmocka_unit_test(test_flags_reach_the_kernel),
		cmocka_unit_test(test_each_operator),
		cmocka_unit_test(test_args_of_one_entry_are_anded),
		cmocka_unit_test(test_repeated_index_is_ored),
		cmocka_unit_test(test_unknown_syscall_is_skipped),
		cmocka_unit_test(test_arches_x86_and_x32),
		cmocka_unit_test(test_arch_not_listed_is_killed),
	};

	return cmocka_run_group_tests_name("seccomp_actions", tests, NULL, NULL);
}
