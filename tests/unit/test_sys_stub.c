/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The scripted dispatcher fails a test when it should: each broken script
 * runs as a cmocka test of its own in a forked child, whose output must
 * carry the stub's message and whose run must fail. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "stub_sys.h"

/* Run body as a one-test group in a child; its output into out. */
static int run_broken(CMUnitTestFunction body, char *out, size_t len)
{
	const struct CMUnitTest t[] = {{"broken", body, NULL, NULL, NULL}};
	int p[2], status;
	size_t n = 0;
	ssize_t r;

	assert_int_equal(pipe(p), 0);
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(p[1], 1);
		dup2(p[1], 2);
		_exit(_cmocka_run_group_tests("broken", t, 1, NULL, NULL));
	}
	close(p[1]);
	while (n + 1 < len && (r = read(p[0], out + n, len - n - 1)) > 0)
		n += (size_t)r;
	out[n] = '\0';
	close(p[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void expect_broken(CMUnitTestFunction body, const char *message)
{
	char out[8192];

	assert_int_equal(run_broken(body, out, sizeof out), 1);
	if (!strstr(out, message))
		fail_msg("expected \"%s\" in:\n%s", message, out);
}

static void getpid_then_exit(void *arg)
{
	stub_sys.getpid();
	stub_sys.exit(1);
}

static void body_calls_after_exit(void **state)
{
	stub_sys_reset();
	stub_sys_expect("getpid", 1, 0, "%s", "");
	stub_sys_expect("exit", 0, 0, "1");
	stub_sys_expect("chdir", 0, 0, "\"/\"");
	stub_sys_run(getpid_then_exit, NULL);
}

static void body_wrong_args(void **state)
{
	stub_sys_reset();
	stub_sys_expect("mount", 0, 0, "NULL, \"/\", NULL, 0x84000, NULL");
	stub_sys.mount(NULL, "/", NULL, MS_SILENT | MS_SLAVE | MS_REC, NULL);
}

static void body_wrong_call(void **state)
{
	stub_sys_reset();
	stub_sys_expect("chdir", 0, 0, "\"/\"");
	stub_sys.fchdir(3);
}

static void body_overrun(void **state)
{
	stub_sys_reset();
	stub_sys.getpid();
}

static void body_missed_mark(void **state)
{
	stub_sys_reset();
	stub_sys_expect("mkdir", 0, 0, "\"/a\", 0755");
	stub_sys_expect_mark("apply");
	stub_sys_mark("apply");
}

static void test_stub_flags_calls_listed_after_a_fatal_exit(void **state)
{
	expect_broken(body_calls_after_exit,
		      "2 of 3 expected calls made (the last: exit(1)); never made: chdir(\"/\")");
}

static void test_stub_flags_wrong_arguments(void **state)
{
	expect_broken(body_wrong_args, "expected: mount(NULL, \"/\", NULL, 0x84000, NULL)");
	expect_broken(body_wrong_args, "got:      mount(NULL, \"/\", NULL, 0x8c000, NULL)");
}

static void test_stub_flags_a_wrong_call(void **state)
{
	expect_broken(body_wrong_call, "call 0: expected chdir(\"/\"), got fchdir(3)");
}

static void test_stub_flags_an_overrun(void **state)
{
	expect_broken(body_overrun, "call 0: getpid() made after the end of the script");
}

static void test_stub_flags_a_phase_with_missing_calls(void **state)
{
	expect_broken(body_missed_mark,
		      "call 0: expected mkdir(\"/a\", 0755), got mark(\"apply\")");
}

/* The scripted results reach the caller. */
static void test_stub_returns_scripted_results(void **state)
{
	struct hrun_error err = {0};
	int wstatus = 0;

	stub_sys_reset();
	stub_sys_expect("open", -1, ENOENT, "\"/x\", 0x0, 00");
	stub_sys_expect_data("wait4", 42, 0, &(int){0x300}, sizeof(int), "-1, 0x1");
	stub_sys_expect_msg("bind_mount", -1, EPERM, "bind `a` on `b`: nope", NULL);
	stub_sys_expect("bind_source_open", 20, 0, "\"/r\", true");
	assert_int_equal(stub_sys.open("/x", 0, 0), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(stub_sys.wait4(-1, &wstatus, 1, NULL), 42);
	assert_int_equal(wstatus, 0x300);
	assert_int_equal(stub_sys.bind_mount("a", "b", 0, true, &err), -1);
	assert_int_equal(err.code, EPERM);
	assert_string_equal(err.msg, "bind `a` on `b`: nope");
	assert_int_equal(stub_sys.bind_source_open("/r", true, &err), 20);
	stub_sys_verify();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stub_flags_calls_listed_after_a_fatal_exit),
		cmocka_unit_test(test_stub_flags_wrong_arguments),
		cmocka_unit_test(test_stub_flags_a_wrong_call),
		cmocka_unit_test(test_stub_flags_an_overrun),
		cmocka_unit_test(test_stub_flags_a_phase_with_missing_calls),
		cmocka_unit_test(test_stub_returns_scripted_results),
	};

	return cmocka_run_group_tests_name("stub_sys", tests, NULL, NULL);
}
