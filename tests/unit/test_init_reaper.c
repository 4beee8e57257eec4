/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The init's reaper, replayed after the minimal plan's spawn: signal
 * forwarding, exit statuses, lingering orphans and the adopt wait. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include <cmocka.h>

#include "container/sync.h"
#include "stub_sys.h"
#include "test_init_script.h"

static void sig(int signo, int timeout)
{
	stub_sys_expect("signal_wait", signo, 0, "%d, %d", SFD, timeout);
}

static void reaped(pid_t pid, int wstatus)
{
	stub_sys_expect_data("wait4", pid, 0, &wstatus, sizeof wstatus, "-1, 0x1");
}

static void wait4_fails(int err)
{
	stub_sys_expect("wait4", -1, err, "-1, 0x1");
}

/* ---- the reaper ---- */

static int replay_minimal_then(void (*reaper)(void))
{
	struct plan p = minimal_plan();

	list_begin(-1);
	list_minimal_to_spawn();
	reaper();
	return replay(&p);
}

static void reaper_forwards(void)
{
	sig(SIGTERM, -1);
	stub_sys_expect("kill", 0, 0, "%d, %d", PID, SIGTERM);
	sig(SIGHUP, -1);
	stub_sys_expect("kill", 0, 0, "%d, %d", PID, SIGHUP);
	sig(SIGUSR1, -1);
	stub_sys_expect("kill", -1, ESRCH, "%d, %d", PID, SIGUSR1);
	stub_sys_expect("log", 0, 0, "\"cannot forward SIGUSR1 to 42: No such process\"");
	/* TERM asked the container to stop: no grace delay once it did */
	sig(SIGCHLD, -1);
	reaped(PID, 0);
	expect_exit(0);
}

static void test_init_forwards_term_hup_usr1(void **state)
{
	assert_int_equal(replay_minimal_then(reaper_forwards), 0);
}

static void reaper_killed(void)
{
	sig(SIGCHLD, -1);
	reaped(PID, SIGKILL);
	stub_sys_expect("now_ms", 0, 0, "%s", "");
	wait4_fails(ECHILD);
	expect_exit(128 + SIGKILL);
}

static void test_init_workload_killed_by_signal_exits_128_plus_n(void **state)
{
	assert_int_equal(replay_minimal_then(reaper_killed), 137);
}

static void reaper_strange_status(void)
{
	sig(SIGCHLD, -1);
	reaped(PID, 0x137f); /* stopped: not an exit */
	stub_sys_expect("now_ms", 0, 0, "%s", "");
	wait4_fails(ECHILD);
	expect_exit(255);
}

static void test_init_workload_strange_status_exits_255(void **state)
{
	assert_int_equal(replay_minimal_then(reaper_strange_status), 255);
}

/* An orphan reaped before the workload, another one lingering after it. */
static void reaper_lingering(void)
{
	sig(SIGCHLD, -1);
	reaped(43, 1 << 8);
	reaped(0, 0);
	sig(SIGCHLD, -1);
	reaped(PID, 5 << 8);
	stub_sys_expect("now_ms", 1000, 0, "%s", "");
	reaped(0, 0);
	stub_sys_expect("now_ms", 1000, 0, "%s", "");
	sig(SIGCHLD, 500);
	reaped(44, 0);
	reaped(0, 0);
	stub_sys_expect("now_ms", 1400, 0, "%s", "");
	sig(SIGUSR1, 100); /* nobody to forward to: dropped */
	stub_sys_expect("now_ms", 1600, 0, "%s", "");
	sig(0, 0);
	stub_sys_expect("log", 0, 0, "\"timeout exceeded waiting for lingering processes\"");
	expect_exit(5);
}

static void test_init_lingering_orphan_exits_after_adopt_wait(void **state)
{
	assert_int_equal(replay_minimal_then(reaper_lingering), 5);
}

static void reaper_term_while_lingering(void)
{
	sig(SIGCHLD, -1);
	reaped(PID, 0);
	stub_sys_expect("now_ms", 1000, 0, "%s", "");
	reaped(0, 0);
	stub_sys_expect("now_ms", 1000, 0, "%s", "");
	sig(SIGTERM, 500);
	expect_exit(0);
}

static void test_init_term_ends_the_adopt_wait(void **state)
{
	assert_int_equal(replay_minimal_then(reaper_term_while_lingering), 0);
}

/* No grace delay (the default): the workload's exit is the container's. */
static void reaper_no_grace(void)
{
	sig(SIGCHLD, -1);
	reaped(PID, 3 << 8);
	expect_exit(3);
}

static void test_init_exits_with_the_workload_without_a_grace_delay(void **state)
{
	struct plan p = minimal_plan();

	p.adopt_wait_ms = 0;
	list_begin(-1);
	list_minimal_to_spawn();
	reaper_no_grace();
	assert_int_equal(replay(&p), 3);
}

/* Not pid 1: no kernel kills what is left when the init exits; it does. */
static void test_init_not_pid1_kills_what_is_left(void **state)
{
	struct plan p = minimal_plan();

	p.adopt_wait_ms = 0;
	list_begin(-1);
	list_minimal_to_spawn_as(7);
	sig(SIGCHLD, -1);
	reaped(PID, 0);
	stub_sys_expect("kill_children", 0, 0, "%d", PROC_FD);
	expect_exit(0);
	assert_int_equal(replay(&p), 0);
}

/* ... after the grace delay too, and says so when it cannot */
static void test_init_not_pid1_kills_what_is_left_after_the_delay(void **state)
{
	struct plan p = minimal_plan();

	list_begin(-1);
	list_minimal_to_spawn_as(7);
	sig(SIGCHLD, -1);
	reaped(PID, 0);
	stub_sys_expect("now_ms", 1000, 0, "%s", "");
	reaped(0, 0);
	stub_sys_expect("now_ms", 1000, 0, "%s", "");
	sig(0, 500);
	stub_sys_expect("log", 0, 0, "\"timeout exceeded waiting for lingering processes\"");
	stub_sys_expect("kill_children", -1, ENOENT, "%d", PROC_FD);
	stub_sys_expect("log", 0, 0,
			"\"cannot kill the processes left: No such file or directory\"");
	expect_exit(0);
	assert_int_equal(replay(&p), 0);
}

static void reaper_unexpected_wait4(void)
{
	sig(SIGCHLD, -1);
	wait4_fails(EINVAL);
	stub_sys_expect("log", 0, 0, "\"unexpected wait4 response: Invalid argument\"");
	expect_exit(2);
}

static void test_init_unexpected_wait4_exits_2(void **state)
{
	assert_int_equal(replay_minimal_then(reaper_unexpected_wait4), 2);
}

static void reaper_echild_first(void)
{
	sig(SIGCHLD, -1);
	wait4_fails(ECHILD);
	expect_exit(2);
}

static void test_init_no_child_before_workload_reaped_exits_2(void **state)
{
	assert_int_equal(replay_minimal_then(reaper_echild_first), 2);
}

static void reaper_spawn_ok_signal_error(void)
{
	stub_sys_expect("signal_wait", -1, EBADF, "%d, -1", SFD);
	stub_sys_expect("log", 0, 0, "\"cannot wait for signals: Bad file descriptor\"");
	expect_exit(2);
}

static void test_init_signalfd_error_exits_2(void **state)
{
	assert_int_equal(replay_minimal_then(reaper_spawn_ok_signal_error), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_forwards_term_hup_usr1),
		cmocka_unit_test(test_init_workload_killed_by_signal_exits_128_plus_n),
		cmocka_unit_test(test_init_workload_strange_status_exits_255),
		cmocka_unit_test(test_init_lingering_orphan_exits_after_adopt_wait),
		cmocka_unit_test(test_init_term_ends_the_adopt_wait),
		cmocka_unit_test(test_init_unexpected_wait4_exits_2),
		cmocka_unit_test(test_init_exits_with_the_workload_without_a_grace_delay),
		cmocka_unit_test(test_init_not_pid1_kills_what_is_left),
		cmocka_unit_test(test_init_not_pid1_kills_what_is_left_after_the_delay),
		cmocka_unit_test(test_init_no_child_before_workload_reaped_exits_2),
		cmocka_unit_test(test_init_signalfd_error_exits_2),
	};

	return cmocka_run_group_tests_name("init reaper", tests, NULL, NULL);
}
