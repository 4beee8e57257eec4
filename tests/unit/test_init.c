/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The init replayed on the scripted dispatcher: the whole success path
 * with every argument, every failure point (the SYNC_ERROR text, exit 1,
 * nothing called after it), the namespaces and the start handshake. */
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

/* ---- the success path ---- */

static void test_init_full_plan_runs_every_step_in_order(void **state)
{
	struct plan p = full_plan();

	list_begin(-1);
	list_full();
	stub_sys_expect("signal_wait", SIGCHLD, 0, "%d, -1", SFD);
	stub_sys_expect_data("wait4", PID, 0, &(int){3 << 8}, sizeof(int), "-1, 0x1");
	stub_sys_expect("now_ms", 1000, 0, "%s", "");
	stub_sys_expect("wait4", -1, ECHILD, "-1, 0x1");
	expect_exit(3);
	assert_int_equal(replay_fds(&p, &await_cgroup_fds), 3);
	assert_int_equal(stub_sys_sync_count(), 3);
	assert_int_equal(stub_sys_sync_sent(0)->type, SYNC_USERNS);
	assert_int_equal(stub_sys_sync_sent(1)->type, SYNC_CREATED);
	assert_int_equal(stub_sys_sync_sent(2)->type, SYNC_STARTED);
}

/* An unprivileged runtime writes the maps of a dumpable init only: the
 * init is dumpable for that exchange alone, and never again. */
static void test_init_unprivileged_runtime_gets_a_dumpable_init_for_the_maps(void **state)
{
	struct plan p = minimal_plan();

	p.clone_flags |= CLONE_NEWUSER;
	list_begin(-1);
	list_dumpable_for_the_maps();
	call("set_dumpable", 0, NULL, "0");
	list_refused_ns_gid();
	assert_int_equal(replay_fds(&p, &unprivileged_fds), 1);
}

/* org.hrun.init "none": after start the init reports SYNC_STARTED and
 * becomes the workload: no fork, no signalfd wait, no reaping. */
static void test_init_none_becomes_the_workload(void **state)
{
	struct plan p = full_plan();

	p.init = PLAN_INIT_NONE;
	list_begin(-1);
	list_full_create();
	list_start();
	call("access", 0, NULL, "\"late\", 0");
	list_started();
	call("become_workload", 7, NULL, "\"/bin/true\", [\"true\"]");
	list_end();
	assert_int_equal(replay_fds(&p, &await_cgroup_fds), 7);
	assert_int_equal(stub_sys_sync_count(), 3);
	assert_int_equal(stub_sys_sync_sent(2)->type, SYNC_STARTED);
}

/* `run` (no start FIFO): after "created" the init waits for SYNC_START
 * on the sync socket, unless told to start at once (no seccomp agent to
 * serve first), and reports SYNC_STARTED there. */
static void test_init_run_waits_for_start_unless_it_starts_at_once(void **state)
{
	static const struct sync_msg start = {.type = SYNC_START};
	struct init_fds run_fds = {.sync = SYNC_FD,
				   .start = -1,
				   .state = -1,
				   .result = -1,
				   .host_mnt = -1,
				   .sealed_exe = -1};
	struct plan p = minimal_plan();

	for (int at_once = 0; at_once < 2; at_once++) {
		run_fds.start_at_once = at_once;
		list_begin(-1);
		list_minimal_to_cwd();
		list_exec_found("/bin/sh");
		list_minimal_created();
		if (!at_once)
			call_data("read", sizeof start, NULL, &start, sizeof start, "%d, %zu",
				  SYNC_FD, sizeof start);
		list_spawn("/bin/sh", "[\"/bin/sh\"]");
		stub_sys_expect_sync_send(SYNC_FD, SYNC_STARTED, 0, NULL);
		list_end();
		stub_sys_expect("close", 0, 0, "%d", SYNC_FD);
		stub_sys_expect("signal_wait", SIGCHLD, 0, "%d, -1", SFD);
		stub_sys_expect_data("wait4", PID, 0, &(int){0}, sizeof(int), "-1, 0x1");
		stub_sys_expect("now_ms", 1000, 0, "%s", "");
		stub_sys_expect("wait4", -1, ECHILD, "-1, 0x1");
		expect_exit(0);
		assert_int_equal(replay_fds(&p, &run_fds), 0);
	}
}

/* ---- every failure point of the full plan, generated ---- */

static void test_init_reports_failure(void **state)
{
	int at = (int)(intptr_t)*state;
	struct plan p = full_plan();

	list_begin(at);
	list_full();
	assert_true(list_failed());
	assert_int_equal(replay_fds(&p, &await_cgroup_fds), 1);
	const struct sync_msg *m = stub_sys_sync_sent(stub_sys_sync_count() - 1);

	assert_int_equal(m->type, SYNC_ERROR);
	assert_int_equal(m->code, EINVAL);
	assert_string_equal(m->msg, list_failure());
}

/* ---- single failure cases that do not fit the generated list ---- */

static void test_init_invalid_op_fails_before_any_early(void **state)
{
	struct op bad = {.type = &fake_type, .flags = 0xbad};
	struct plan p = minimal_plan();

	p.ops = &bad;
	p.n_ops = 1;
	list_begin(-1);
	list_minimal_setup();
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, 0, "valid op 0 (fake): bad");
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

static void test_init_join_error_names_the_namespace_and_path(void **state)
{
	struct plan_ns_join net = {CLONE_NEWNET, "/run/netns/x"};
	struct plan p = minimal_plan();

	p.joins = &net;
	p.n_joins = 1;
	list_begin(-1);
	list_opening(true);
	call("getpid", 1, NULL, "%s", "");
	call("open", 9, NULL, "\"/run/netns/x\", 0x%x, 00", O_RDONLY | O_CLOEXEC);
	stub_sys_expect("setns", -1, EINVAL, "9, 0x%x", CLONE_NEWNET);
	call("close", 0, NULL, "9");
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EINVAL,
				  "join network namespace `/run/netns/x`: Invalid argument");
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

/* rslave while the root is built (pivot_root refuses a shared mount), the
 * configured propagation on the container's own / once it is in place. */
static void test_init_rootfs_propagation_from_the_plan(void **state)
{
	struct plan p = minimal_plan();

	p.rootfs_propagation = MS_SHARED | MS_REC;
	list_begin(-1);
	list_minimal_setup();
	list_pivots("/r", NULL);
	stub_sys_expect("mount", 0, 0, "NULL, \"/\", NULL, 0x104000, NULL");
	list_cwd("/", NULL);
	list_created_then_abandoned();
	assert_int_equal(replay(&p), 1);

	/* before the identity step: it drops CAP_SYS_ADMIN from most workloads */
	list_begin(-1);
	list_minimal_setup();
	list_pivots("/r", NULL);
	stub_sys_expect("mount", -1, EPERM, "NULL, \"/\", NULL, 0x104000, NULL");
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EPERM,
				  "cannot make / rshared: Operation not permitted");
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

/* The minimal plan up to "created", then abandoned, made to fail at its
 * fallible call `at` (-1: none), the listing set up by knobs() first;
 * replayed with fds (NULL: the usual ones). */
static void replay_minimal_failing(struct plan *p, const struct init_fds *fds, int at,
				   void (*knobs)(void))
{
	list_begin(at);
	knobs();
	list_minimal_setup();
	list_pivots("/r", NULL);
	list_cwd("/", NULL);
	list_created_then_abandoned();
	assert_int_equal(fds ? replay_fds(p, fds) : replay(p), 1);
}

static void rootfs_nodev(void)
{
	list_rootfs_nodev = true;
}

static void sealed_exe(void)
{
	list_sealed_exe = SEALED_EXE_FD;
}

/* No device cgroup policy: the rootfs is bound nodev before any op runs
 * on it (the /dev tmpfs and devices made later are other mounts); every
 * failure of the pivots, that one included, is reported. */
static void test_init_rootfs_nodev_without_a_device_policy(void **state)
{
	struct plan p = minimal_plan();
	int first;

	p.rootfs_nodev = true;
	list_begin(-1);
	list_minimal_setup();
	first = list_fallible();
	for (int at = -1; at <= 8; at++) {
		replay_minimal_failing(&p, NULL, at < 0 ? -1 : first + at, rootfs_nodev);
		if (at == 8)
			assert_string_equal(list_failure(),
					    "cannot make rootfs `/r` nodev: Invalid argument");
	}
}

/* hrun's sealed binary (fd 14) is attached in the intermediate root as
 * soon as it is mounted, to be detached with it at the last pivot; its
 * fd and its place's are closed whether that works or not. */
static void test_init_keeps_the_sealed_binary_in_the_intermediate_root(void **state)
{
	static const struct init_fds sealed_fds = {.sync = SYNC_FD,
						   .start = START_FD,
						   .state = -1,
						   .result = RESULT_FD,
						   .host_mnt = -1,
						   .sealed_exe = SEALED_EXE_FD};
	static const char *const failures[] = {
		"cannot make a place for hrun's sealed binary: Invalid argument",
		"cannot keep hrun's sealed binary: attach_mount: Invalid argument",
	};
	struct plan p = minimal_plan();
	int first;

	list_begin(-1);
	list_minimal_setup();
	/* the intermediate root's mount and chdir, then ours */
	first = list_fallible() + 2;
	for (int at = -1; at < 2; at++) {
		replay_minimal_failing(&p, &sealed_fds, at < 0 ? -1 : first + at, sealed_exe);
		if (at >= 0)
			assert_string_equal(list_failure(), failures[at]);
	}
}

/* No mount namespace asked: the root, once built, is carried into the
 * host's namespace (fd 12), before the cwd is entered. */
static void test_init_carries_the_root_into_the_hosts_mount_namespace(void **state)
{
	static const struct init_fds host_fds = {.sync = SYNC_FD,
						 .start = START_FD,
						 .state = -1,
						 .result = RESULT_FD,
						 .host_mnt = 12, .sealed_exe = -1};
	struct plan p = minimal_plan();

	p.host_mount_ns = true;
	list_begin(-1);
	list_minimal_setup();
	list_pivots("/r", NULL);
	stub_sys_expect("carry_root", 0, 0, "12");
	stub_sys_expect("close", 0, 0, "12");
	list_cwd("/", NULL);
	list_exec_found("/bin/sh");
	list_minimal_created();
	stub_sys_expect("wait_start", -1, 0, "%d, %d", START_FD, SFD);
	expect_exit(1);
	assert_int_equal(replay_fds(&p, &host_fds), 1);

	list_begin(-1);
	list_minimal_setup();
	list_pivots("/r", NULL);
	stub_sys_expect_msg("carry_root", -1, EPERM,
			    "join the host's mount namespace: Operation not permitted", "12");
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EPERM,
				  "join the host's mount namespace: Operation not permitted");
	expect_exit(1);
	assert_int_equal(replay_fds(&p, &host_fds), 1);
}

/* A lost sync socket: the message still reaches the log. */
static void test_init_logs_the_error_when_the_runtime_is_gone(void **state)
{
	struct plan p = minimal_plan();

	list_begin(-1);
	list_minimal_basics(1);
	stub_sys_expect("mount", -1, EPERM, "NULL, \"/\", NULL, 0x84000, NULL");
	stub_sys_expect("send", -1, EPIPE, NULL);
	stub_sys_expect("log", 0, 0, "\"cannot make / rslave: Operation not permitted\"");
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

static void test_init_not_pid1_becomes_subreaper(void **state)
{
	struct plan p = minimal_plan();

	list_begin(-1);
	list_minimal_basics(7);
	stub_sys_expect("mount", -1, EPERM, "NULL, \"/\", NULL, 0x84000, NULL");
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EPERM,
				  "cannot make / rslave: Operation not permitted");
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

static void test_init_subreaper_failure_is_reported(void **state)
{
	struct plan p = minimal_plan();

	list_begin(-1);
	list_opening(true);
	call("getpid", 7, NULL, "%s", "");
	stub_sys_expect("set_child_subreaper", -1, EINVAL, "%s", "");
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EINVAL,
				  "cannot become a child subreaper: Invalid argument");
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

/* A foreground run: the init dies with it, set after the identity step
 * (a credentials change clears it). */
static void test_init_foreground_dies_with_its_parent(void **state)
{
	struct plan p = minimal_plan();
	struct init_fds f = {.sync = SYNC_FD,
			     .start = START_FD,
			     .state = -1,
			     .result = RESULT_FD,
			     .host_mnt = -1, .sealed_exe = -1,
			     .die_with_parent = true};

	list_begin(-1);
	list_minimal_to_ids();
	list_minimal_identity();
	call("signalfd_all", SFD, NULL, "%s", "");
	stub_sys_expect("die_with_parent", -1, EPERM, "%s", "");
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EPERM,
				  "cannot set the parent death signal: Operation not permitted");
	expect_exit(1);
	assert_int_equal(replay_fds(&p, &f), 1);
}

/* ---- the start handshake ---- */

static void test_init_exits_quietly_when_start_is_abandoned(void **state)
{
	struct plan p = minimal_plan();

	list_begin(-1);
	list_minimal_to_cwd();
	list_exec_found("/bin/sh");
	list_minimal_created();
	stub_sys_expect("wait_start", -1, 0, "%d, %d", START_FD, SFD);
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
	assert_int_equal(stub_sys_sync_count(), 1);
}

/* A `start` with nothing to wait for (no startContainer or poststart
 * hooks) gave no result FIFO: nothing goes there after the spawn. */
static const struct init_fds no_result_fds = {
	.sync = SYNC_FD, .start = START_FD, .state = -1, .result = -1, .host_mnt = -1,
	.sealed_exe = -1};

static void list_minimal_started_without_result(void)
{
	list_begin(-1);
	list_minimal_to_ids();
	list_minimal_identity();
	list_created();
	list_start_without_result();
}

static void test_init_start_without_result_fifo_reports_nothing(void **state)
{
	struct plan p = minimal_plan();

	p.adopt_wait_ms = 0;
	list_minimal_started_without_result();
	list_spawn("/bin/sh", "[\"/bin/sh\"]");
	stub_sys_expect("signal_wait", SIGCHLD, 0, "%d, -1", SFD);
	stub_sys_expect_data("wait4", PID, 0, &(int){3 << 8}, sizeof(int), "-1, 0x1");
	expect_exit(3);
	assert_int_equal(replay_fds(&p, &no_result_fds), 3);
	assert_int_equal(stub_sys_sync_count(), 1); /* SYNC_CREATED alone */
}

/* ... and a spawn that fails there goes to the log and to the workload's
 * stderr, the container's exit 1 */
static void test_init_start_without_result_fifo_fails_to_stderr(void **state)
{
	struct plan p = minimal_plan();

	list_minimal_started_without_result();
	stub_sys_expect("spawn_workload", -1, EACCES, "\"/bin/sh\", [\"/bin/sh\"]");
	stub_sys_expect("log", 0, 0, "\"spawn_workload: Permission denied\"");
	stub_sys_expect("write", 0, 0, "2, \"hrun: spawn_workload: Permission denied\\n\"");
	expect_exit(1);
	assert_int_equal(replay_fds(&p, &no_result_fds), 1);
}

/* ---- placement in the cgroup ---- */

/* Without a cgroup namespace to make, the init only waits, then goes on. */
static void test_init_waits_for_its_cgroup_before_anything(void **state)
{
	struct plan p = minimal_plan();

	list_begin(-1);
	stub_sys_expect_sync_read(SYNC_FD, SYNC_CGROUP_DONE);
	list_minimal_basics(1);
	stub_sys_expect("mount", -1, EPERM, "NULL, \"/\", NULL, 0x84000, NULL");
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EPERM,
				  "cannot make / rslave: Operation not permitted");
	expect_exit(1);
	assert_int_equal(replay_fds(&p, &await_cgroup_fds), 1);
}

/* On v1 the init enters each hierarchy itself, writing "0" into the
 * `tasks` files the runtime opened (no grace period, cgroup/self.c), closes
 * them, and makes its cgroup namespace only then: no round trip. */
static const int tasks_fds[] = {20, 21};
static const struct init_fds self_enter_fds = {.sync = SYNC_FD,
					       .start = START_FD,
					       .cgroup_tasks = tasks_fds,
					       .n_cgroup_tasks = 2,
					       .state = -1,
					       .result = RESULT_FD,
					       .host_mnt = -1, .sealed_exe = -1};

static void test_init_enters_its_v1_cgroups_itself_first(void **state)
{
	struct plan p = minimal_plan();

	p.clone_flags |= CLONE_NEWCGROUP;
	list_begin(-1);
	stub_sys_expect("write", 1, 0, "20, \"0\"");
	stub_sys_expect("close", 0, 0, "20");
	stub_sys_expect("write", 1, 0, "21, \"0\"");
	stub_sys_expect("close", 0, 0, "21");
	stub_sys_expect("unshare", -1, EPERM, "0x%x", CLONE_NEWCGROUP);
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EPERM,
				  "cannot create the cgroup namespace: Operation not permitted");
	expect_exit(1);
	assert_int_equal(replay_fds(&p, &self_enter_fds), 1);
}

static void test_init_self_enter_failure_stops_everything(void **state)
{
	struct plan p = minimal_plan();

	list_begin(-1);
	stub_sys_expect("write", -1, ENOSPC, "20, \"0\"");
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, ENOSPC,
				  "cannot enter the container's cgroup: No space left on device");
	expect_exit(1);
	assert_int_equal(replay_fds(&p, &self_enter_fds), 1);
}

static void test_init_cgroup_runtime_gone_before_placement(void **state)
{
	struct plan p = minimal_plan();

	list_begin(-1);
	stub_sys_expect("read", 0, 0, "%d, %zu", SYNC_FD, sizeof(struct sync_msg));
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EPIPE,
				  "runtime went away before SYNC_CGROUP_DONE: Broken pipe");
	expect_exit(1);
	assert_int_equal(replay_fds(&p, &await_cgroup_fds), 1);
}

/* ---- the user namespace handshake ---- */

static void list_userns_prefix(void)
{
	list_opening(true);
	call("getpid", 1, NULL, "%s", "");
	/* never dumpable, not even for the maps: the runtime writes them as
	 * the host's root, who owns a non-dumpable init's /proc files */
	call("send", sizeof(struct sync_msg), NULL, "%d, SYNC_USERNS, 0, \"\"", SYNC_FD);
}

static void test_init_userns_runtime_gone_before_maps(void **state)
{
	struct plan p = minimal_plan();

	p.clone_flags |= CLONE_NEWUSER;
	list_begin(-1);
	list_userns_prefix();
	stub_sys_expect("read", 0, 0, "%d, %zu", SYNC_FD, sizeof(struct sync_msg));
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EPIPE,
				  "runtime went away before SYNC_USERNS_DONE: Broken pipe");
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

static void test_init_userns_unexpected_message(void **state)
{
	struct plan p = minimal_plan();

	p.clone_flags |= CLONE_NEWUSER;
	list_begin(-1);
	list_userns_prefix();
	stub_sys_expect_sync_read(SYNC_FD, SYNC_CREATED);
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EPROTO,
				  "expected SYNC_USERNS_DONE, got message 3: Protocol error");
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

static void test_init_joined_userns_becomes_root_without_maps(void **state)
{
	struct plan_ns_join user = {CLONE_NEWUSER, "/proc/9/ns/user"};
	struct plan p = minimal_plan();

	p.joins = &user;
	p.n_joins = 1;
	list_begin(-1);
	list_opening(true);
	call("getpid", 1, NULL, "%s", "");
	/* no setns: the runtime's clone entered it (runtime/container.c) */
	call("set_dumpable", 0, NULL, "0");
	call("setresgid", 0, NULL, "0, 0, 0");
	stub_sys_expect("setresuid", -1, EPERM, "0, 0, 0");
	stub_sys_expect_sync_send(
		SYNC_FD, SYNC_ERROR, EPERM,
		"cannot become uid 0 in the user namespace: Operation not permitted");
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

/* A pid namespace by path is entered by the runtime's middle process
 * before the clone: the init never calls setns for it (in a new user
 * namespace it could not: the namespace is not its own). */
static void test_init_joined_pidns_is_the_clones(void **state)
{
	struct plan_ns_join pid = {CLONE_NEWPID, "/proc/9/ns/pid"};
	struct plan p = minimal_plan();

	p.clone_flags |= CLONE_NEWUSER;
	p.joins = &pid;
	p.n_joins = 1;
	list_begin(-1);
	list_opening(false);
	call("getpid", 7, NULL, "%s", "");
	call("set_child_subreaper", 0, NULL, "%s", "");
	call("open_own_proc", PROC_FD, NULL, "%s", "");
	call("send", sizeof(struct sync_msg), NULL, "%d, SYNC_USERNS, 0, \"\"", SYNC_FD);
	stub_sys_expect("read", 0, 0, "%d, %zu", SYNC_FD, sizeof(struct sync_msg));
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EPIPE,
				  "runtime went away before SYNC_USERNS_DONE: Broken pipe");
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

/* ---- identity corner ---- */

/* EPERM from setgroups with no gids asked: denied in this user namespace,
 * and nothing to drop; the init goes on (to a failing setresgid here). */
static void test_init_setgroups_denied_without_gids_is_fine(void **state)
{
	struct plan p = minimal_plan();

	list_begin(-1);
	list_minimal_to_ids();
	stub_sys_expect("setgroups", -1, EPERM, "[]");
	stub_sys_expect("setresgid", -1, EPERM, "0, 0, 0");
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EPERM,
				  "cannot set gid 0: Operation not permitted");
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

/* ---- main: the fixed tests, then one test per failure point ---- */

static const struct CMUnitTest fixed[] = {
	cmocka_unit_test(test_init_full_plan_runs_every_step_in_order),
	cmocka_unit_test(test_init_enters_its_v1_cgroups_itself_first),
	cmocka_unit_test(test_init_self_enter_failure_stops_everything),
	cmocka_unit_test(test_init_none_becomes_the_workload),
	cmocka_unit_test(test_init_invalid_op_fails_before_any_early),
	cmocka_unit_test(test_init_join_error_names_the_namespace_and_path),
	cmocka_unit_test(test_init_rootfs_propagation_from_the_plan),
	cmocka_unit_test(test_init_rootfs_nodev_without_a_device_policy),
	cmocka_unit_test(test_init_unprivileged_runtime_gets_a_dumpable_init_for_the_maps),
	cmocka_unit_test(test_init_keeps_the_sealed_binary_in_the_intermediate_root),
	cmocka_unit_test(test_init_run_waits_for_start_unless_it_starts_at_once),
	cmocka_unit_test(test_init_carries_the_root_into_the_hosts_mount_namespace),
	cmocka_unit_test(test_init_logs_the_error_when_the_runtime_is_gone),
	cmocka_unit_test(test_init_not_pid1_becomes_subreaper),
	cmocka_unit_test(test_init_subreaper_failure_is_reported),
	cmocka_unit_test(test_init_foreground_dies_with_its_parent),
	cmocka_unit_test(test_init_exits_quietly_when_start_is_abandoned),
	cmocka_unit_test(test_init_start_without_result_fifo_reports_nothing),
	cmocka_unit_test(test_init_start_without_result_fifo_fails_to_stderr),
	cmocka_unit_test(test_init_waits_for_its_cgroup_before_anything),
	cmocka_unit_test(test_init_cgroup_runtime_gone_before_placement),
	cmocka_unit_test(test_init_userns_runtime_gone_before_maps),
	cmocka_unit_test(test_init_userns_unexpected_message),
	cmocka_unit_test(test_init_joined_userns_becomes_root_without_maps),
	cmocka_unit_test(test_init_joined_pidns_is_the_clones),
	cmocka_unit_test(test_init_setgroups_denied_without_gids_is_fine),
};

/* One group (one TAP plan): the fixed tests, then a test per fallible
 * call of the full plan, named after the message it must report. */
int main(void)
{
	const size_t n_fixed = sizeof fixed / sizeof fixed[0];
	struct CMUnitTest *tests;
	char **names;
	size_t n;
	int failed;

	list_begin(-1);
	list_full();
	n = (size_t)list_fallible();
	tests = calloc(n_fixed + n, sizeof *tests);
	names = calloc(n, sizeof *names);
	if (!tests || !names)
		abort();
	memcpy(tests, fixed, sizeof fixed);
	for (size_t i = 0; i < n; i++) {
		list_begin((int)i);
		list_full();
		if (asprintf(&names[i], "init_reports_failure_at_%02zu: %s", i, list_failure()) < 0)
			abort();
		tests[n_fixed + i] = (struct CMUnitTest){.name = names[i],
							 .test_func = test_init_reports_failure,
							 .initial_state = (void *)(intptr_t)i};
	}
	stub_sys_reset();
	failed = _cmocka_run_group_tests("init", tests, n_fixed + n, NULL, NULL);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(tests);
	return failed;
}
