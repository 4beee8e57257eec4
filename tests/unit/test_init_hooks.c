/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The hooks at the init's points, replayed: the SYNC_HOOKS handshake and
 * createContainer (back in the host's tree, cwd the rootfs) after the
 * mounts, startContainer before the spawn with its outcome on the start
 * result FIFO, and every failure point with its message. */
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
#include "oci/spec.h"
#include "stub_sys.h"
#include "test_init_script.h"

#define STATE_FD 8

static const struct init_fds hook_fds = {
	.sync = SYNC_FD, .start = START_FD, .state = STATE_FD, .result = RESULT_FD, .host_mnt = -1, .sealed_exe = -1};

static struct oci_hook pre = {.path = "/bin/pre"};
static struct oci_hook cc = {.path = "/bin/cc"};
static struct oci_hook sc = {.path = "/bin/sc"};

static struct plan plan_with(struct oci_hooks *h)
{
	struct plan p = minimal_plan();

	p.hooks = h;
	return p;
}

/* ---- prestart, createRuntime (the runtime's), createContainer ---- */

/* The failure points of the hooks' step: [first, last). */
static int first_hook_point, last_hook_point;

/* Right after the ops: the way back into the host's tree is the hooks' too. */
static void mark_first_hook_point(void)
{
	first_hook_point = list_fallible();
}

static void list_create_hooks(void)
{
	static const struct sync_msg done = {.type = SYNC_HOOKS_DONE};

	call("send", sizeof(struct sync_msg), "cannot send SYNC_HOOKS", "%d, SYNC_HOOKS, 0, \"\"",
	     SYNC_FD);
	call_data("read", sizeof done, "cannot receive SYNC_HOOKS_DONE", &done, sizeof done,
		  "%d, %zu", SYNC_FD, sizeof done);
	call("run_hook", 0, "run_hook", "\"createContainer\", NULL, unconfined, \"/bin/cc\", %d",
	     STATE_FD);
	last_hook_point = list_fallible();
}

/* Up to an abandoned start. */
static void list_create_plan(void)
{
	list_minimal_setup();
	list_pivots_via_host("/r", mark_first_hook_point, list_create_hooks);
	list_cwd("/", NULL);
	list_created_then_abandoned();
}

static void test_init_create_hooks_between_the_mounts_and_the_pivot(void **state)
{
	struct oci_hooks h = {.prestart = &pre,
			      .n_prestart = 1,
			      .create_container = &cc,
			      .n_create_container = 1};
	struct plan p = plan_with(&h);

	list_begin(-1);
	list_create_plan();
	assert_int_equal(replay_fds(&p, &hook_fds), 1);
	assert_int_equal(stub_sys_sync_count(), 2);
	assert_int_equal(stub_sys_sync_sent(0)->type, SYNC_HOOKS);
}

static void test_init_create_hooks_report_every_failure(void **state)
{
	struct oci_hooks h = {.create_container = &cc, .n_create_container = 1};
	struct plan p = plan_with(&h);

	list_begin(-1);
	list_create_plan();
	assert_int_equal(last_hook_point - first_hook_point, 12);
	for (int at = first_hook_point; at < last_hook_point; at++) {
		list_begin(at);
		list_create_plan();
		assert_int_equal(replay_fds(&p, &hook_fds), 1);
		assert_string_equal(stub_sys_sync_sent(stub_sys_sync_count() - 1)->msg,
				    list_failure());
	}
}

/* Hooks only the runtime runs at start or delete: no stop on the way. */
static void test_init_no_stop_for_host_hooks_after_create(void **state)
{
	struct oci_hooks h = {
		.poststart = &pre, .n_poststart = 1, .poststop = &pre, .n_poststop = 1};
	struct plan p = plan_with(&h);

	list_begin(-1);
	list_minimal_to_cwd();
	list_created_then_abandoned();
	assert_int_equal(replay_fds(&p, &hook_fds), 1);
}

/* ---- startContainer ---- */

static void list_to_start_hook(void)
{
	list_begin(-1);
	list_minimal_to_ids();
	list_minimal_identity();
	list_created();
	list_start();
}

static void expect_start_hook(int ret, int err)
{
	stub_sys_expect("run_hook", ret, err, "\"startContainer\", NULL, confined, \"/bin/sc\", %d",
			STATE_FD);
}

static void expect_reaper_gives_up(void)
{
	stub_sys_expect("signal_wait", -1, EBADF, "%d, -1", SFD);
	stub_sys_expect("log", 0, 0, "\"cannot wait for signals: Bad file descriptor\"");
	expect_exit(2);
}

static void test_init_start_hook_before_the_spawn_then_started(void **state)
{
	struct oci_hooks h = {.start_container = &sc, .n_start_container = 1};
	struct plan p = plan_with(&h);

	list_to_start_hook();
	expect_start_hook(0, 0);
	stub_sys_expect("close", 0, 0, "%d", STATE_FD);
	list_spawn("/bin/sh", "[\"/bin/sh\"]");
	stub_sys_expect_sync_write(RESULT_FD, SYNC_STARTED, 0, NULL);
	stub_sys_expect("close", 0, 0, "%d", RESULT_FD);
	expect_reaper_gives_up();
	assert_int_equal(replay_fds(&p, &hook_fds), 2);
}

/* The failure goes to `start`, which waits on the result FIFO. */
static void test_init_start_hook_failure_goes_to_start(void **state)
{
	struct oci_hooks h = {.start_container = &sc, .n_start_container = 1};
	struct plan p = plan_with(&h);

	list_to_start_hook();
	expect_start_hook(-1, EPERM);
	stub_sys_expect_sync_write(RESULT_FD, SYNC_ERROR, EPERM,
				   "run_hook: Operation not permitted");
	expect_exit(1);
	assert_int_equal(replay_fds(&p, &hook_fds), 1);
}

/* `start` gone: the workload runs anyway. */
static void test_init_started_report_is_best_effort(void **state)
{
	struct oci_hooks h = {.start_container = &sc, .n_start_container = 1};
	struct plan p = plan_with(&h);

	list_to_start_hook();
	expect_start_hook(0, 0);
	stub_sys_expect("close", 0, 0, "%d", STATE_FD);
	list_spawn("/bin/sh", "[\"/bin/sh\"]");
	stub_sys_expect("write", -1, EPIPE, NULL);
	stub_sys_expect("log", 0, 0, "\"cannot send SYNC_STARTED\"");
	stub_sys_expect("close", 0, 0, "%d", RESULT_FD);
	expect_reaper_gives_up();
	assert_int_equal(replay_fds(&p, &hook_fds), 2);
}

/* createContainer only: the state memfd is closed at start all the same. */
static void test_init_closes_the_state_memfd_after_its_last_hook(void **state)
{
	struct oci_hooks h = {.create_container = &cc, .n_create_container = 1};
	struct plan p = plan_with(&h);

	list_begin(-1);
	list_minimal_setup();
	list_pivots_via_host("/r", mark_first_hook_point, list_create_hooks);
	list_cwd("/", NULL);
	list_exec_found("/bin/sh");
	list_minimal_created();
	list_start();
	stub_sys_expect("close", 0, 0, "%d", STATE_FD);
	list_spawn("/bin/sh", "[\"/bin/sh\"]");
	list_started();
	expect_reaper_gives_up();
	assert_int_equal(replay_fds(&p, &hook_fds), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_create_hooks_between_the_mounts_and_the_pivot),
		cmocka_unit_test(test_init_create_hooks_report_every_failure),
		cmocka_unit_test(test_init_no_stop_for_host_hooks_after_create),
		cmocka_unit_test(test_init_start_hook_before_the_spawn_then_started),
		cmocka_unit_test(test_init_start_hook_failure_goes_to_start),
		cmocka_unit_test(test_init_started_report_is_best_effort),
		cmocka_unit_test(test_init_closes_the_state_memfd_after_its_last_hook),
	};

	return cmocka_run_group_tests_name("init_hooks", tests, NULL, NULL);
}
