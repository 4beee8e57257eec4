/* SPDX-License-Identifier: GPL-2.0-or-later */
/* process.terminal in the init, replayed: the pty from the container's
 * /dev/ptmx after the final pivot, its peer from the master, bound on
 * /dev/console by fd, the size, the master to the runtime, the peer as
 * stdio -- and every failure point with its message. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "container/sync.h"
#include "stub_sys.h"
#include "test_init_script.h"

#define MASTER	12
#define PEER	13
#define ROOT	14
#define CONSOLE 15

static void list_console(bool sized)
{
	call("open", MASTER, "cannot open /dev/ptmx", "\"/dev/ptmx\", 0x%x, 00",
	     O_RDWR | O_NOCTTY | O_CLOEXEC);
	call("pty_peer", PEER, "cannot open the peer of the pty", "%d", MASTER);
	/* fails only with what runc does not skip: not EINVAL, which the listing injects */
	call("fchown", 0, NULL, "%d, 0, -1", PEER);
	if (sized)
		call("set_winsize", 0, "cannot set the console size to 24x80", "%d, 24, 80",
		     MASTER);
	call("open", ROOT, "cannot open the container root", "\"/\", 0x%x, 00",
	     O_PATH | O_DIRECTORY | O_CLOEXEC);
	call("target_open_exact", CONSOLE, "cannot create /dev/console: target_open_exact",
	     "%d, \"/dev/console\", 0100000", ROOT);
	call("close", 0, ALWAYS, "%d", ROOT);
	call("bind_fd", 0, "cannot bind the console on /dev/console: bind_fd", "%d, %d", PEER,
	     CONSOLE);
	call("close", 0, NULL, "%d", CONSOLE);
	call("send_fd", sizeof(struct sync_msg), "cannot send SYNC_CONSOLE",
	     "%d, SYNC_CONSOLE, 0, \"\", %d", SYNC_FD, MASTER);
	call("close", 0, NULL, "%d", MASTER);
	for (int fd = 0; fd < 3; fd++) {
		char what[64];

		snprintf(what, sizeof what, "cannot make the console fd %d", fd);
		call("dup2", fd, what, "%d, %d", PEER, fd);
	}
	call("close", 0, NULL, "%d", PEER);
}

/* The first failure point of the console step. */
static int first_console_point;

/* The minimal plan with a terminal, up to an abandoned start. */
static void list_terminal_plan(bool sized)
{
	list_minimal_setup();
	list_pivots("/r", NULL);
	first_console_point = list_fallible();
	list_console(sized);
	list_cwd("/", NULL);
	list_created_then_abandoned();
}

static struct plan terminal_plan(bool sized)
{
	struct plan p = minimal_plan();

	p.process.terminal = true;
	if (sized) {
		p.process.console_height = 24;
		p.process.console_width = 80;
	}
	return p;
}

static void test_init_console_made_after_the_pivot_and_sent(void **state)
{
	struct plan p = terminal_plan(true);

	list_begin(-1);
	list_terminal_plan(true);
	assert_int_equal(replay(&p), 1);
	assert_int_equal(stub_sys_sync_count(), 2);
	assert_int_equal(stub_sys_sync_sent(0)->type, SYNC_CONSOLE);
	assert_int_equal(stub_sys_sync_sent(1)->type, SYNC_CREATED);
}

static void test_init_console_without_size_keeps_the_default(void **state)
{
	struct plan p = terminal_plan(false);

	list_begin(-1);
	list_terminal_plan(false);
	assert_int_equal(replay(&p), 1);
}

static void test_init_console_reports_every_failure(void **state)
{
	struct plan p = terminal_plan(true);
	int n;

	list_begin(-1);
	list_terminal_plan(true);
	n = list_fallible();
	assert_int_equal(n - first_console_point, 10);
	for (int at = first_console_point; at < n; at++) {
		list_begin(at);
		list_terminal_plan(true);
		assert_true(list_failed());
		assert_int_equal(replay(&p), 1);
		const struct sync_msg *m = stub_sys_sync_sent(stub_sys_sync_count() - 1);

		assert_int_equal(m->type, SYNC_ERROR);
		assert_string_equal(m->msg, list_failure());
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_console_made_after_the_pivot_and_sent),
		cmocka_unit_test(test_init_console_without_size_keeps_the_default),
		cmocka_unit_test(test_init_console_reports_every_failure),
	};

	return cmocka_run_group_tests_name("init_console", tests, NULL, NULL);
}
