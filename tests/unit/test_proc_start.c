/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A process's start time: gone once it is a zombie for everyone, but not
 * for its parent, who holds its pid until it reaps it (a `run` whose init
 * ended before the runtime looked). */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "runtime/state.h"

static void test_a_zombie_child_keeps_its_start_time_for_its_parent(void **state)
{
	int fds[2];
	uint64_t alive;
	siginfo_t si;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char c;

		/* alive until the parent has looked */
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);
	}
	close(fds[0]);
	alive = proc_start_time(pid);
	assert_true(alive > 0);
	assert_int_equal(child_start_time(pid), alive);
	close(fds[1]);
	/* exited, not reaped */
	assert_int_equal(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT), 0);
	assert_int_equal(proc_start_time(pid), 0);
	assert_int_equal(child_start_time(pid), alive);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	assert_int_equal(child_start_time(pid), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_zombie_child_keeps_its_start_time_for_its_parent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
