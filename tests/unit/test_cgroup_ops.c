/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the verbs use, against stand-in trees: freeze and its wait, the
 * process list, and the statistics read from each layout's files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cgroup_helpers.h"
#include "runtime/events.h"

static void finish(struct cgroup *cg, char *root)
{
	standin_destroy(cg);
	standin_remove(root);
	free(root);
}

static void test_v1_freeze_writes_freezer_state(void **state)
{
	char *root = standin_v1("freezer memory");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	struct hrun_error err;
	bool frozen;
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/freezer/c1", root);
	assert_int_equal(cgroup_freeze(cg, true, &err), 0);
	assert_file(dir, "freezer.state", "FROZEN");
	assert_int_equal(cgroup_is_frozen(cg, &frozen, &err), 0);
	assert_true(frozen);
	assert_int_equal(cgroup_freeze(cg, false, &err), 0);
	assert_file(dir, "freezer.state", "THAWED");
	assert_int_equal(cgroup_is_frozen(cg, &frozen, &err), 0);
	assert_false(frozen);
	finish(cg, root);
}

static void test_v2_freeze_waits_for_cgroup_events(void **state)
{
	char *root = standin_v2("pids");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	struct hrun_error err;
	bool frozen;
	char dir[4096], want[4200];

	snprintf(dir, sizeof dir, "%s/c1", root);
	put_file(dir, "cgroup.events", "populated 1\nfrozen 1\n");
	assert_int_equal(cgroup_freeze(cg, true, &err), 0);
	assert_file(dir, "cgroup.freeze", "1");
	assert_int_equal(cgroup_is_frozen(cg, &frozen, &err), 0);
	assert_true(frozen);
	/* the stand-in never thaws: the wait ends, bounded */
	cg_freeze_timeout_ms = 50;
	assert_int_equal(cgroup_freeze(cg, false, &err), -1);
	snprintf(want, sizeof want, "thaw `%s`: Connection timed out", dir);
	assert_string_equal(err.msg, want);
	put_file(dir, "cgroup.events", "populated 1\nfrozen 0\n");
	assert_int_equal(cgroup_freeze(cg, false, &err), 0);
	assert_file(dir, "cgroup.freeze", "0");
	finish(cg, root);
}

static void test_freeze_needs_a_freezer(void **state)
{
	char *root = standin_v1("memory");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	struct hrun_error err;

	assert_int_equal(cgroup_freeze(cg, true, &err), -1);
	assert_string_equal(err.msg, "cgroup freezer is not available on this host");
	finish(cg, root);
}

static void test_pids_include_sub_cgroups(void **state)
{
	char *root = standin_hybrid("memory", "");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	struct hrun_error err;
	pid_t *pids;
	size_t n;
	char dir[4096];

	/* hybrid without a v1 freezer: the unified directory lists them */
	snprintf(dir, sizeof dir, "%s/unified/c1", root);
	put_file(dir, "cgroup.procs", "12\n34\n");
	put_file(dir, "sub/cgroup.procs", "56\n");
	assert_int_equal(cgroup_pids(cg, &pids, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(pids[0], 12);
	assert_int_equal(pids[1], 34);
	assert_int_equal(pids[2], 56);
	free(pids);
	finish(cg, root);
}

static void test_v1_stats(void **state)
{
	char *root = standin_v1("cpu,cpuacct memory pids blkio hugetlb");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	struct cgroup_stats st;
	struct hrun_error err;
	char dir[4096];
	uint64_t tick = 1000000000ull / (uint64_t)sysconf(_SC_CLK_TCK);

	snprintf(dir, sizeof dir, "%s/cpu,cpuacct/c1", root);
	put_file(dir, "cpuacct.usage", "1000\n");
	put_file(dir, "cpuacct.usage_percpu", "600 400 \n");
	put_file(dir, "cpuacct.stat", "user 3\nsystem 2\n");
	put_file(dir, "cpu.stat", "nr_periods 10\nnr_throttled 4\nthrottled_time 99\n");
	snprintf(dir, sizeof dir, "%s/memory/c1", root);
	put_file(dir, "memory.usage_in_bytes", "4096\n");
	put_file(dir, "memory.limit_in_bytes", "8192\n");
	put_file(dir, "memory.memsw.usage_in_bytes", "5000\n");
	put_file(dir, "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
	put_file(dir, "memory.stat", "cache 7\nrss 9\n");
	snprintf(dir, sizeof dir, "%s/pids/c1", root);
	put_file(dir, "pids.current", "4\n");
	put_file(dir, "pids.max", "max\n");
	snprintf(dir, sizeof dir, "%s/blkio/c1", root);
	put_file(dir, "blkio.throttle.io_service_bytes_recursive",
		 "8:0 Read 100\n8:0 Write 200\nTotal 300\n");
	snprintf(dir, sizeof dir, "%s/hugetlb/c1", root);
	put_file(dir, "hugetlb.2MB.limit_in_bytes", "-1\n");
	put_file(dir, "hugetlb.2MB.usage_in_bytes", "2097152\n");
	put_file(dir, "hugetlb.2MB.failcnt", "1\n");

	assert_int_equal(cgroup_stats(cg, &st, &err), 0);
	assert_true(st.has_cpu && st.has_memory && st.has_pids && st.has_blkio);
	assert_int_equal(st.cpu.total, 1000);
	assert_int_equal(st.cpu.n_percpu, 2);
	assert_int_equal(st.cpu.percpu[1], 400);
	assert_int_equal(st.cpu.user, 3 * tick);
	assert_int_equal(st.cpu.kernel, 2 * tick);
	assert_int_equal(st.cpu.throttled_periods, 4);
	assert_int_equal(st.memory.usage.usage, 4096);
	assert_int_equal(st.memory.usage.limit, 8192);
	assert_int_equal(st.memory.swap.usage, 5000);
	assert_int_equal(st.memory.oom_kill, 3);
	assert_int_equal(st.memory.cache, 7);
	assert_int_equal(st.memory.n_raw, 2);
	assert_string_equal(st.memory.raw[1].key, "rss");
	assert_int_equal(st.pids.current, 4);
	assert_int_equal(st.pids.limit, 0);
	assert_int_equal(st.blkio.n_service_bytes, 2);
	assert_string_equal(st.blkio.service_bytes[1].op, "Write");
	assert_int_equal(st.blkio.service_bytes[1].value, 200);
	assert_int_equal(st.n_hugetlb, 1);
	assert_string_equal(st.hugetlb[0].page_size, "2MB");
	assert_int_equal(st.hugetlb[0].usage, 2097152);
	assert_int_equal(st.hugetlb[0].failcnt, 1);
	cgroup_stats_free(&st);
	finish(cg, root);
}

/* A hybrid host with hugetlb on cgroup2 alone: its stats from there. */
static void test_hybrid_hugetlb_stats_from_cgroup2(void **state)
{
	char *root = standin_hybrid("cpu,cpuacct memory", "hugetlb");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	struct cgroup_stats st;
	struct hrun_error err;
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/unified/c1", root);
	put_file(dir, "cgroup.controllers", "hugetlb\n");
	put_file(dir, "hugetlb.1GB.max", "max\n");
	put_file(dir, "hugetlb.1GB.current", "1073741824\n");
	put_file(dir, "hugetlb.1GB.events", "max 2\n");
	assert_int_equal(cgroup_stats(cg, &st, &err), 0);
	assert_int_equal(st.n_hugetlb, 1);
	assert_string_equal(st.hugetlb[0].page_size, "1GB");
	assert_int_equal(st.hugetlb[0].usage, 1073741824);
	assert_int_equal(st.hugetlb[0].failcnt, 2);
	cgroup_stats_free(&st);
	finish(cg, root);
}

static void test_v2_stats(void **state)
{
	char *root = standin_v2("cpu memory pids io hugetlb");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	struct cgroup_stats st;
	struct hrun_error err;
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/c1", root);
	put_file(dir, "cpu.stat",
		 "usage_usec 5\nuser_usec 3\nsystem_usec 2\nnr_periods 1\nnr_throttled "
		 "1\nthrottled_usec 7\n");
	put_file(dir, "memory.current", "4096\n");
	put_file(dir, "memory.max", "8192\n");
	put_file(dir, "memory.swap.current", "100\n");
	put_file(dir, "memory.swap.max", "max\n");
	put_file(dir, "memory.events", "low 0\nhigh 0\nmax 6\noom 2\noom_kill 2\n");
	put_file(dir, "memory.stat", "anon 1\nfile 8\n");
	put_file(dir, "pids.current", "3\n");
	put_file(dir, "pids.max", "20\n");
	put_file(dir, "io.stat", "8:0 rbytes=10 wbytes=20 rios=1 wios=2 dbytes=0 dios=0\n");
	put_file(dir, "hugetlb.2MB.max", "max\n");
	put_file(dir, "hugetlb.2MB.rsvd.max", "max\n");
	put_file(dir, "hugetlb.2MB.current", "0\n");
	put_file(dir, "hugetlb.2MB.events", "max 5\n");

	assert_int_equal(cgroup_stats(cg, &st, &err), 0);
	assert_int_equal(st.cpu.total, 5000);
	assert_int_equal(st.cpu.user, 3000);
	assert_int_equal(st.cpu.throttled_time, 7000);
	assert_int_equal(st.memory.usage.usage, 4096);
	assert_int_equal(st.memory.usage.failcnt, 6);
	assert_int_equal(st.memory.swap.usage, 4196); /* memory+swap, as on v1 */
	assert_int_equal(st.memory.swap.limit, UINT64_MAX);
	assert_int_equal(st.memory.oom_kill, 2);
	assert_int_equal(st.memory.cache, 8);
	assert_int_equal(st.pids.limit, 20);
	assert_int_equal(st.blkio.n_service_bytes, 2);
	assert_int_equal(st.blkio.serviced[1].value, 2);
	assert_int_equal(st.n_hugetlb, 1); /* not the rsvd file */
	assert_int_equal(st.hugetlb[0].failcnt, 5);
	cgroup_stats_free(&st);
	finish(cg, root);
}

static void test_stats_without_controllers(void **state)
{
	char *root = standin_v1("systemd");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	struct cgroup_stats st;
	struct hrun_error err;

	assert_int_equal(cgroup_stats(cg, &st, &err), 0);
	assert_false(st.has_cpu || st.has_memory || st.has_pids || st.has_blkio);
	assert_int_equal(st.n_hugetlb, 0);
	cgroup_stats_free(&st);
	finish(cg, root);
}

/* runc's events/types.go: omitempty fields are left out at zero, the
 * others never; "unlimited" is 2^64-1 in full, not a signed overflow. */
static void test_event_lines_in_runcs_shape(void **state)
{
	struct cgroup_blkio_entry bytes[] = {{8, 0, "Read", 4096}};
	struct cgroup_hugetlb_stats huge[] = {{"2MB", 0, 0, 0}};
	struct cgroup_stats st = {.cpu = {.total = 5},
				  .memory = {.usage = {.limit = UINT64_MAX}},
				  .pids = {.current = 3},
				  .blkio = {.service_bytes = bytes, .n_service_bytes = 1},
				  .hugetlb = huge,
				  .n_hugetlb = 1};
	struct hrun_error err;
	char *line = events_stats_line("c1", &st, &err);

	assert_non_null(line);
	assert_string_equal(
		line, "{\"type\":\"stats\",\"id\":\"c1\",\"data\":{"
		      "\"cpu\":{\"usage\":{\"total\":5,\"kernel\":0,\"user\":0},\"throttling\":{}},"
		      "\"memory\":{\"usage\":{\"limit\":18446744073709551615,\"failcnt\":0},"
		      "\"swap\":{\"limit\":0,\"failcnt\":0},\"kernel\":{\"limit\":0,\"failcnt\":0},"
		      "\"kernelTCP\":{\"limit\":0,\"failcnt\":0}},"
		      "\"pids\":{\"current\":3},"
		      "\"blkio\":{\"ioServiceBytesRecursive\":[{\"major\":8,\"op\":\"Read\","
		      "\"value\":4096}]},"
		      "\"hugetlb\":{\"2MB\":{\"failcnt\":0}}}}");
	free(line);
	line = events_oom_line("c1", &err);
	assert_non_null(line);
	assert_string_equal(line, "{\"type\":\"oom\",\"id\":\"c1\"}");
	free(line);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v1_freeze_writes_freezer_state),
		cmocka_unit_test(test_v2_freeze_waits_for_cgroup_events),
		cmocka_unit_test(test_freeze_needs_a_freezer),
		cmocka_unit_test(test_pids_include_sub_cgroups),
		cmocka_unit_test(test_v1_stats),
		cmocka_unit_test(test_hybrid_hugetlb_stats_from_cgroup2),
		cmocka_unit_test(test_v2_stats),
		cmocka_unit_test(test_stats_without_controllers),
		cmocka_unit_test(test_event_lines_in_runcs_shape),
	};
	return cmocka_run_group_tests_name("cgroup_ops", tests, NULL, NULL);
}
