/* SPDX-License-Identifier: GPL-2.0-or-later */
/* seccomp_filter_allows: the compiled programs run in user space must
 * answer as the kernel does.  Each case is also run for real, getppid(2)
 * under the filter in a forked child, and the two answers compared. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "test_seccomp_helpers.h"

static int probe(void *arg)
{
	(void)arg;
	return test_syscall(SYS_getppid, 0, 0) < 0;
}

/* What the evaluator says of getppid and read, checked against the kernel
 * for getppid. */
static void expect(const char *seccomp, const char *presets, bool getppid, bool read)
{
	struct seccomp_filter *f = test_filter_ok(seccomp, presets);
	const int nr_getppid = SYS_getppid, nr_read = SYS_read, both[] = { SYS_read, SYS_getppid };
	int status = test_run_filtered(f, probe, NULL);

	assert_int_equal(seccomp_filter_allows(f, &nr_getppid, 1), getppid);
	assert_int_equal(seccomp_filter_allows(f, &nr_read, 1), read);
	assert_int_equal(seccomp_filter_allows(f, both, 2), getppid && read);
	/* the kernel's answer: killed, or getppid failed, when denied */
	assert_int_equal(WIFEXITED(status) && WEXITSTATUS(status) == 0, getppid);
	seccomp_filter_free(f);
}

static void test_default_allow_one_denied(void **state)
{
	expect("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"getppid\"],"
	       " \"action\": \"SCMP_ACT_ERRNO\"}]}", NULL, false, true);
}

static void test_allow_list(void **state)
{
	expect("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\","
	       " \"write\", \"exit_group\", \"getppid\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
	       NULL, true, true);
	expect("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"write\","
	       " \"exit_group\", \"getppid\"], \"action\": \"SCMP_ACT_ALLOW\"}]}",
	       NULL, true, false);
}

/* allowed only for an argument the evaluation (all zeros) does not have */
static void test_argument_conditions(void **state)
{
	expect("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\","
	       " \"exit_group\"], \"action\": \"SCMP_ACT_ALLOW\"}, {\"names\": [\"getppid\"],"
	       " \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 5,"
	       " \"op\": \"SCMP_CMP_EQ\"}]}]}", NULL, false, true);
	expect("{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\","
	       " \"exit_group\"], \"action\": \"SCMP_ACT_ALLOW\"}, {\"names\": [\"getppid\"],"
	       " \"action\": \"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, \"value\": 0,"
	       " \"op\": \"SCMP_CMP_EQ\"}]}]}", NULL, true, true);
}

static void test_log_and_kill(void **state)
{
	expect("{\"defaultAction\": \"SCMP_ACT_LOG\"}", NULL, true, true);
	expect("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"getppid\"],"
	       " \"action\": \"SCMP_ACT_KILL_PROCESS\"}]}", NULL, false, true);
}

/* two stacked programs: the presets' and the profile's */
static void test_presets_stacked(void **state)
{
	expect("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"getppid\"],"
	       " \"action\": \"SCMP_ACT_ERRNO\"}]}", "strict", false, true);
	expect(NULL, "strict", true, true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_allow_one_denied),
		cmocka_unit_test(test_allow_list),
		cmocka_unit_test(test_argument_conditions),
		cmocka_unit_test(test_log_and_kill),
		cmocka_unit_test(test_presets_stacked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
