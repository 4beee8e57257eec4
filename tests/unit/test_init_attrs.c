/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The init's steps for a new time namespace (unshare, offsets, enter) and
 * for the LSM exec labels, replayed on the scripted dispatcher: every call
 * with its arguments, and every failure point with its report. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "container/sync.h"
#include "oci/spec.h"
#include "stub_sys.h"
#include "test_init_script.h"

static struct plan_time_offset offsets[] = {
	{CLOCK_MONOTONIC, 3600, 0},
	{CLOCK_BOOTTIME, -5, 7},
};

static struct plan timens_plan(void)
{
	struct plan p = minimal_plan();

	p.unshare_flags = CLONE_NEWTIME;
	p.time_offsets = offsets;
	p.n_time_offsets = 2;
	return p;
}

/* Right after the user namespace step, inside the window an unprivileged
 * runtime's init is dumpable in (closed by set_dumpable 0 after it); one
 * write per clock. */
static void list_timens(void)
{
	call("unshare", 0, "cannot create the time namespace", "0x%x", CLONE_NEWTIME);
	call("write_file", 0,
	     "linux.timeOffsets.monotonic: cannot write `3600 0` to `/proc/self/timens_offsets`",
	     "\"/proc/self/timens_offsets\", \"monotonic 3600 0\\n\"");
	call("write_file", 0,
	     "linux.timeOffsets.boottime: cannot write `-5 7` to `/proc/self/timens_offsets`",
	     "\"/proc/self/timens_offsets\", \"boottime -5 7\\n\"");
	call("open", 9, "cannot open `/proc/self/ns/time_for_children`",
	     "\"/proc/self/ns/time_for_children\", 0x%x, 00", O_RDONLY | O_CLOEXEC);
	call("setns", 0, "cannot enter the time namespace", "9, 0x%x", CLONE_NEWTIME);
	call("close", 0, ALWAYS, "9");
	call("set_dumpable", 0, "cannot set SUID_DUMP_DISABLE", "0");
}

static void list_timens_create(void)
{
	list_opening(true);
	call("getpid", 1, NULL, "%s", "");
	list_timens();
}

/* The rest, up to a refused "/" rslave that ends the replay. */
static void expect_basics_then_stop(void)
{
	stub_sys_expect("umask", 022, 0, "0000");
	stub_sys_expect("cap_last_cap", 2, 0, "%s", "");
	stub_sys_expect("mount", -1, EPERM, "NULL, \"/\", NULL, 0x84000, NULL");
	stub_sys_expect_sync_send(SYNC_FD, SYNC_ERROR, EPERM,
				  "cannot make / rslave: Operation not permitted");
	expect_exit(1);
}

static void test_init_unshares_time_writes_offsets_and_enters(void **state)
{
	struct plan p = timens_plan();

	list_begin(-1);
	list_timens_create();
	list_end();
	expect_basics_then_stop();
	assert_int_equal(replay(&p), 1);
}

static void test_init_time_namespace_without_offsets_writes_none(void **state)
{
	struct plan p = timens_plan();

	p.n_time_offsets = 0;
	list_begin(-1);
	list_opening(true);
	call("getpid", 1, NULL, "%s", "");
	call("unshare", 0, NULL, "0x%x", CLONE_NEWTIME);
	call("open", 9, NULL, "\"/proc/self/ns/time_for_children\", 0x%x, 00",
	     O_RDONLY | O_CLOEXEC);
	call("setns", 0, NULL, "9, 0x%x", CLONE_NEWTIME);
	call("close", 0, NULL, "9");
	call("set_dumpable", 0, NULL, "0");
	expect_basics_then_stop();
	assert_int_equal(replay(&p), 1);
}

/* Replay with the fallible call `at` failing; false when there is none. */
static bool replay_failure(struct plan *p, void (*listing)(void), int at)
{
	list_begin(at);
	listing();
	list_end();
	if (!list_failed())
		return false;
	assert_int_equal(replay(p), 1);
	const struct sync_msg *m = stub_sys_sync_sent(stub_sys_sync_count() - 1);

	assert_int_equal(m->type, SYNC_ERROR);
	assert_int_equal(m->code, EINVAL);
	assert_string_equal(m->msg, list_failure());
	return true;
}

static void test_init_time_namespace_failures_are_reported(void **state)
{
	struct plan p = timens_plan();
	int at = 0;

	while (replay_failure(&p, list_timens_create, at))
		at++;
	assert_int_equal(at, 8);
}

/* An unprivileged runtime's init opens its own timens_offsets as their
 * owner only while dumpable: the offsets are written in the window the
 * maps opened, closed right after. */
static void test_init_unprivileged_writes_offsets_while_dumpable_for_the_maps(void **state)
{
	struct plan p = timens_plan();

	p.clone_flags |= CLONE_NEWUSER;
	list_begin(-1);
	list_dumpable_for_the_maps();
	list_timens();
	list_refused_ns_gid();
	assert_int_equal(replay_fds(&p, &unprivileged_fds), 1);
}

/* An offset out of the kernel's range: the message says which bound. */
static void test_init_time_offset_out_of_range_says_why(void **state)
{
	struct plan p = timens_plan();

	list_begin(-1);
	list_opening(false);
	call("getpid", 1, NULL, "%s", "");
	call("unshare", 0, NULL, "0x%x", CLONE_NEWTIME);
	stub_sys_expect("write_file", -1, ERANGE,
			"\"/proc/self/timens_offsets\", \"monotonic 3600 0\\n\"");
	stub_sys_expect_sync_send(
		SYNC_FD, SYNC_ERROR, ERANGE,
		"linux.timeOffsets.monotonic: cannot write `3600 0` to "
		"`/proc/self/timens_offsets` (the clock would read below 0 or above 146 years): "
		"Numerical result out of range");
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

/* ---- labels: after the apply phase, through the host's /proc ---- */

static struct plan labels_plan(void)
{
	struct plan p = minimal_plan();

	p.process.attrs.apparmor_profile = "hrun-test";
	p.process.attrs.selinux_label = "u:r:t:s0";
	return p;
}

static int labels_at; /* the fallible index of the first label write */

static void list_labels(void)
{
	labels_at = list_fallible();
	call("write_file", 0, "process.apparmorProfile: cannot set `hrun-test`",
	     "\"/host/proc/thread-self/attr/apparmor/exec\", \"exec hrun-test\"");
	call("write_file", 0, "process.selinuxLabel: cannot set `u:r:t:s0`",
	     "\"/host/proc/thread-self/attr/exec\", \"u:r:t:s0\"");
}

static void list_labels_create(void)
{
	list_minimal_setup();
	list_pivots("/r", list_labels);
	list_cwd("/", NULL);
	list_exec_found("/bin/sh");
	list_minimal_created();
}

static void test_init_writes_the_exec_labels_before_the_final_pivot(void **state)
{
	struct plan p = labels_plan();

	list_begin(-1);
	list_labels_create();
	list_end();
	stub_sys_expect("wait_start", -1, 0, "%d, %d", START_FD, SFD);
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

static void test_init_label_failures_are_reported(void **state)
{
	struct plan p = labels_plan();

	list_begin(-1);
	list_labels_create();
	assert_true(replay_failure(&p, list_labels_create, labels_at));
	assert_string_equal(list_failure(), "process.apparmorProfile: cannot set `hrun-test`: "
					    "Invalid argument");
	assert_true(replay_failure(&p, list_labels_create, labels_at + 1));
	assert_string_equal(list_failure(), "process.selinuxLabel: cannot set `u:r:t:s0`: "
					    "Invalid argument");
}

/* With create hooks the init is back in the host's tree: its /proc is the
 * host's at /proc, not /host/proc. */
static void list_hook_then_labels(void)
{
	static const struct sync_msg done = {.type = SYNC_HOOKS_DONE};

	stub_sys_expect_sync_send(SYNC_FD, SYNC_HOOKS, 0, NULL);
	stub_sys_expect_data("read", sizeof done, 0, &done, sizeof done, "%d, %zu", SYNC_FD,
			     sizeof done);
	stub_sys_expect("run_hook", 0, 0, "\"createContainer\", NULL, unconfined, \"/bin/cc\", -1");
	call("write_file", 0, NULL, "\"/proc/thread-self/attr/apparmor/exec\", \"exec hrun-test\"");
	call("write_file", 0, NULL, "\"/proc/thread-self/attr/exec\", \"u:r:t:s0\"");
}

static void test_init_labels_after_create_hooks_use_the_hosts_proc(void **state)
{
	static struct oci_hook cc = {.path = "/bin/cc"};
	struct oci_hooks h = {.create_container = &cc, .n_create_container = 1};
	struct plan p = labels_plan();

	p.hooks = &h;
	list_begin(-1);
	list_minimal_setup();
	list_pivots_via_host("/r", NULL, list_hook_then_labels);
	list_cwd("/", NULL);
	list_exec_found("/bin/sh");
	list_minimal_created();
	list_end();
	stub_sys_expect("wait_start", -1, 0, "%d, %d", START_FD, SFD);
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

static void list_apparmor_fallback(void)
{
	stub_sys_expect("write_file", -1, ENOENT,
			"\"/host/proc/thread-self/attr/apparmor/exec\", \"exec hrun-test\"");
	call("write_file", 0, NULL, "\"/host/proc/thread-self/attr/exec\", \"exec hrun-test\"");
}

/* A kernel without stacked LSM attributes has attr/exec only. */
static void test_init_apparmor_falls_back_to_attr_exec(void **state)
{
	struct plan p = minimal_plan();

	p.process.attrs.apparmor_profile = "hrun-test";
	list_begin(-1);
	list_minimal_setup();
	list_pivots("/r", list_apparmor_fallback);
	list_cwd("/", NULL);
	list_exec_found("/bin/sh");
	list_minimal_created();
	stub_sys_expect("wait_start", -1, 0, "%d, %d", START_FD, SFD);
	expect_exit(1);
	assert_int_equal(replay(&p), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init_unshares_time_writes_offsets_and_enters),
		cmocka_unit_test(test_init_time_namespace_without_offsets_writes_none),
		cmocka_unit_test(test_init_time_namespace_failures_are_reported),
		cmocka_unit_test(test_init_time_offset_out_of_range_says_why),
		cmocka_unit_test(test_init_unprivileged_writes_offsets_while_dumpable_for_the_maps),
		cmocka_unit_test(test_init_writes_the_exec_labels_before_the_final_pivot),
		cmocka_unit_test(test_init_label_failures_are_reported),
		cmocka_unit_test(test_init_apparmor_falls_back_to_attr_exec),
		cmocka_unit_test(test_init_labels_after_create_hooks_use_the_hosts_proc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
