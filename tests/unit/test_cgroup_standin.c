/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The cgroup library against stand-in trees of the three layouts: layout
 * detection, the directories made in every hierarchy, each limit in its
 * file, v2 controllers handed down, missing controllers, update, destroy
 * and the cleanup of a failed create. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup_helpers.h"
#include "oci/spec.h"
#include "util/clock.h"

static void create_fails(const char *root, const char *path, const struct oci_resources *res,
			 const char *msg)
{
	struct cgroup_request req = {
		.cgroups_path = path, .id = "c1", .root = root, .resources = res};
	struct hrun_error err;

	assert_null(cgroup_create(&req, &err));
	assert_string_equal(err.msg, msg);
}

static void done(char *root)
{
	standin_remove(root);
	free(root);
}

static void test_layouts_are_found_from_the_files(void **state)
{
	char *v1 = standin_v1("cpu,cpuacct memory systemd"),
	     *hy = standin_hybrid("pids", "hugetlb");
	char *v2 = standin_v2("cpu memory pids"), link[4096];
	struct cg_layout l;
	struct hrun_error err;

	snprintf(link, sizeof link, "%s/cpu", v1);
	assert_int_equal(symlink("cpu,cpuacct", link), 0);
	assert_int_equal(cg_layout_detect(v1, &l, &err), 0);
	assert_int_equal(l.mode, CGROUP_MODE_V1);
	assert_true(l.fake);
	assert_int_equal(l.n, 3); /* the symlink is not a fourth hierarchy */
	assert_int_equal(l.h[0].ctrls, CG_BIT(CG_CPU) | CG_BIT(CG_CPUACCT));
	assert_int_equal(l.h[1].ctrls, CG_BIT(CG_MEMORY));
	assert_int_equal(l.h[2].ctrls, 0); /* name=systemd */
	cg_layout_clear(&l);

	assert_int_equal(cg_layout_detect(hy, &l, &err), 0);
	assert_int_equal(l.mode, CGROUP_MODE_HYBRID);
	assert_int_equal(l.n, 2);
	assert_true(l.h[1].v2);
	assert_int_equal(l.v2_ctrls, CG_BIT(CG_HUGETLB));
	cg_layout_clear(&l);

	setenv("HRUN_CGROUP_ROOT", v2, 1);
	assert_int_equal(cg_layout_detect(NULL, &l, &err), 0);
	unsetenv("HRUN_CGROUP_ROOT");
	assert_int_equal(l.mode, CGROUP_MODE_V2);
	assert_string_equal(l.root, v2);
	assert_int_equal(l.v2_ctrls, CG_BIT(CG_CPU) | CG_BIT(CG_MEMORY) | CG_BIT(CG_PIDS));
	cg_layout_clear(&l);
	done(v1);
	done(hy);
	done(v2);
}

static void test_layout_errors(void **state)
{
	char *empty = standin_v1("");
	struct cg_layout l;
	struct hrun_error err;
	char want[256];

	assert_int_equal(cg_layout_detect("relative/root", &l, &err), -1);
	assert_string_equal(err.msg, "cgroup root `relative/root` is not an absolute path");
	assert_int_equal(cg_layout_detect(empty, &l, &err), -1);
	snprintf(want, sizeof want, "no cgroup hierarchy found under `%s`", empty);
	assert_string_equal(err.msg, want);
	done(empty);
}

static void test_v1_create_makes_every_hierarchy_and_writes_limits(void **state)
{
	char *root = standin_v1("cpu,cpuacct cpuset memory pids devices freezer blkio systemd");
	struct oci_memory mem = {.has_limit = 1, .limit = 1 << 20, .has_swap = 1, .swap = 2 << 20};
	struct oci_cpu cpu = {.has_shares = 1, .shares = 512, .cpus = "1"};
	struct oci_device_cgroup dev[] = {{.allow = false, .access = "rwm"}};
	struct oci_resources res = {.memory = &mem,
				    .cpu = &cpu,
				    .has_pids_limit = 1,
				    .pids_limit = 64,
				    .devices = dev,
				    .n_devices = 1};
	struct cgroup *cg = standin_create(root, "/p/c1", &res);
	const char *hiers[] = {"cpu,cpuacct", "cpuset",	 "memory", "pids",
			       "devices",     "freezer", "blkio",  "systemd"};
	char dir[4096];

	for (size_t i = 0; i < 8; i++) {
		snprintf(dir, sizeof dir, "%s/p/c1", hiers[i]);
		assert_true(path_exists(root, dir));
	}
	snprintf(dir, sizeof dir, "%s/memory/p/c1", root);
	assert_file(dir, "memory.limit_in_bytes", "1048576");
	assert_file(dir, "memory.memsw.limit_in_bytes", "2097152");
	snprintf(dir, sizeof dir, "%s/cpu,cpuacct/p/c1", root);
	assert_file(dir, "cpu.shares", "512");
	snprintf(dir, sizeof dir, "%s/pids/p/c1", root);
	assert_file(dir, "pids.max", "64");
	/* the parent got its parent's cpus and mems; the leaf its own cpus */
	snprintf(dir, sizeof dir, "%s/cpuset/p", root);
	assert_file(dir, "cpuset.cpus", "0-1");
	assert_file(dir, "cpuset.mems", "0");
	snprintf(dir, sizeof dir, "%s/cpuset/p/c1", root);
	assert_file(dir, "cpuset.cpus", "1");
	assert_file(dir, "cpuset.mems", "0");
	/* the last device line written: the last default rule */
	snprintf(dir, sizeof dir, "%s/devices/p/c1", root);
	assert_file(dir, "devices.deny", "a");
	assert_file(dir, "devices.allow", "c 10:200 rwm");
	assert_int_equal(cgroup_clone_fd(cg), -1);
	/* a stand-in tree is the runtime's to place in: no fd to clone into,
	 * no `tasks` for the init to write */
	struct hrun_error err = {0};
	int fd = 0, *tasks = NULL;
	size_t n_tasks = 1;
	assert_int_equal(cgroup_join_clone_fd(cg, NULL, 0, &fd, &err), 0);
	assert_int_equal(fd, -1);
	assert_false(cgroup_self_placed(cg));
	assert_int_equal(cgroup_self_enter_fds(cg, &tasks, &n_tasks, &err), 0);
	assert_int_equal(n_tasks, 0);
	assert_null(tasks);
	standin_destroy(cg);
	for (size_t i = 0; i < 8; i++) {
		snprintf(dir, sizeof dir, "%s/p", hiers[i]);
		assert_true(path_exists(root, dir)); /* parents stay, as runc and crun leave them */
		snprintf(dir, sizeof dir, "%s/p/c1", hiers[i]);
		assert_false(path_exists(root, dir));
	}
	done(root);
}

/* A parent somebody else made and left without cpus or mems (runc's
 * cpusetEnsureParent): filled from its own parent before the child. */
static void test_v1_cpuset_fills_an_empty_parent_found_on_the_way(void **state)
{
	char *root = standin_v1("cpuset freezer");
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/cpuset/q", root);
	put_file(dir, "cpuset.cpus", "\n");
	put_file(dir, "cpuset.mems", "");
	struct cgroup *cg = standin_create(root, "/q/c1", NULL);

	assert_file(dir, "cpuset.cpus", "0-1");
	assert_file(dir, "cpuset.mems", "0");
	snprintf(dir, sizeof dir, "%s/cpuset/q/c1", root);
	assert_file(dir, "cpuset.cpus", "0-1");
	assert_file(dir, "cpuset.mems", "0");
	standin_destroy(cg);
	done(root);
}

/* A cgroup found frozen: runc's words, and nothing made or written. */
static void test_v1_a_frozen_cgroup_is_refused_untouched(void **state)
{
	char *root = standin_v1("cpuset freezer");
	struct cgroup_request req = {.cgroups_path = "/f", .id = "c1", .root = root};
	struct hrun_error err;
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/freezer/f", root);
	put_file(dir, "freezer.state", "FROZEN\n");
	put_file(dir, "cgroup.procs", "");
	assert_null(cgroup_create(&req, &err));
	assert_string_equal(err.msg, "container's cgroup unexpectedly frozen");
	assert_false(path_exists(root, "cpuset/f"));
	put_file(dir, "freezer.state", "THAWED\n");
	struct cgroup *cg = standin_create(root, "/f", NULL);

	assert_true(path_exists(root, "cpuset/f"));
	standin_destroy(cg);
	done(root);
}

static void test_enter_writes_the_pid_in_every_hierarchy(void **state)
{
	char *root = standin_hybrid("memory freezer systemd", "");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	struct hrun_error err;
	char dir[4096];

	assert_int_equal(cgroup_enter(cg, 4242, &err), 0);
	const char *hiers[] = {"memory", "freezer", "systemd", "unified"};
	for (size_t i = 0; i < 4; i++) {
		snprintf(dir, sizeof dir, "%s/%s/c1", root, hiers[i]);
		assert_file(dir, "cgroup.procs", "4242");
	}
	standin_destroy(cg);
	done(root);
}

/* exec --cgroup: a plain path in every hierarchy, a controller's path in
 * its hierarchy (winning over the plain one), the rest at the top. */
static void test_join_sub_cgroups_by_path_and_controller(void **state)
{
	char *root = standin_hybrid("memory freezer", "");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	char *subs[] = {"memory:m", "/s"};
	const char *hiers[] = {"memory/c1/m", "freezer/c1/s", "unified/c1/s"};
	struct hrun_error err;
	char dir[4096];

	for (size_t i = 0; i < 3; i++) {
		snprintf(dir, sizeof dir, "%s/%s", root, hiers[i]);
		assert_int_equal(mkdir(dir, 0755), 0);
	}
	assert_int_equal(cgroup_join(cg, 4242, subs, 2, &err), 0);
	for (size_t i = 0; i < 3; i++) {
		snprintf(dir, sizeof dir, "%s/%s", root, hiers[i]);
		assert_file(dir, "cgroup.procs", "4242");
	}
	standin_destroy(cg);
	done(root);
}

/* exec --cgroup / (or CTRL:/): the container's own cgroup, as runc. */
static void test_join_slash_is_the_containers_cgroup(void **state)
{
	char *root = standin_v1("memory freezer");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	char *subs[] = {"/", "memory:/"};
	struct hrun_error err;
	char dir[4096];

	assert_int_equal(cgroup_join(cg, 4242, subs, 2, &err), 0);
	snprintf(dir, sizeof dir, "%s/memory/c1", root);
	assert_file(dir, "cgroup.procs", "4242");
	snprintf(dir, sizeof dir, "%s/freezer/c1", root);
	assert_file(dir, "cgroup.procs", "4242");
	standin_destroy(cg);
	done(root);
}

/* v1's OOM eventfd fires before the kill is counted: the count is read
 * again until it moves (a child counts the kill 100 ms later), and no
 * longer than the bound when it does not. */
static void test_oom_kills_waits_for_the_count(void **state)
{
	char *root = standin_v1("memory");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	struct hrun_error err;
	char dir[4096];
	uint64_t n = 0, start;
	pid_t child;
	int status;

	snprintf(dir, sizeof dir, "%s/memory/c1", root);
	put_file(dir, "memory.oom_control", "oom_kill_disable 0\nunder_oom 1\noom_kill 0\n");
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		usleep(100000);
		put_file(dir, "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 1\n");
		_exit(0);
	}
	start = monotonic_ms();
	assert_int_equal(cgroup_oom_kills(cg, 0, 5000, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_true(monotonic_ms() - start < 5000);
	assert_int_equal(waitpid(child, &status, 0), child);
	/* no new kill: back after the bound, with the same count */
	start = monotonic_ms();
	assert_int_equal(cgroup_oom_kills(cg, 1, 100, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_true(monotonic_ms() - start >= 100);
	standin_destroy(cg);
	done(root);
}

static void join_fails(struct cgroup *cg, char *sub, const char *msg)
{
	struct hrun_error err;

	assert_int_equal(cgroup_join(cg, 4242, &sub, 1, &err), -1);
	assert_string_equal(err.msg, msg);
}

static void test_join_sub_cgroup_errors(void **state)
{
	char *root = standin_v1("memory freezer");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	char msg[4200];

	join_fails(cg, "../c2", "--cgroup `../c2`: must stay below the container's cgroup");
	join_fails(cg, "a/../../c2", "--cgroup `a/../../c2`: must stay below the container's cgroup");
	join_fails(cg, "memry:m", "--cgroup `memry:m`: unknown controller `memry`");
	join_fails(cg, "pids:p", "--cgroup `pids:p`: no hierarchy holds pids");
	snprintf(msg, sizeof msg, "--cgroup: `%s/freezer/c1/nope`: no such cgroup", root);
	join_fails(cg, "nope", msg);
	standin_destroy(cg);
	done(root);

	root = standin_v2("memory pids");
	cg = standin_create(root, "/c1", NULL);
	join_fails(cg, "memory:m", "--cgroup `memory:m`: controllers name cgroup v1 hierarchies,"
				   " and this host has cgroup v2 alone");
	standin_destroy(cg);
	done(root);
}

static void test_v2_create_hands_controllers_down(void **state)
{
	char *root = standin_v2("cpuset cpu io memory hugetlb pids rdma misc");
	struct oci_memory mem = {.has_limit = 1, .limit = 1 << 20};
	struct oci_block_io bio = {.has_weight = 1, .weight = 100};
	struct oci_resources res = {.memory = &mem, .block_io = &bio};
	struct cgroup *cg = standin_create(root, "/a/b", &res);
	char dir[4096];

	assert_file(root, "cgroup.subtree_control",
		    "+cpu +cpuset +memory +io +pids +hugetlb +rdma +misc");
	snprintf(dir, sizeof dir, "%s/a", root);
	assert_file(dir, "cgroup.subtree_control",
		    "+cpu +cpuset +memory +io +pids +hugetlb +rdma +misc");
	snprintf(dir, sizeof dir, "%s/a/b", root);
	assert_false(path_exists(dir, "cgroup.subtree_control")); /* the leaf holds the tasks */
	assert_file(dir, "memory.max", "1048576");
	/* no BFQ here: io.weight, converted */
	assert_file(dir, "io.weight", "default 910");
	assert_false(path_exists(dir, "io.bfq.weight"));
	/* a stand-in directory is no clone target */
	assert_int_equal(cgroup_clone_fd(cg), -1);
	standin_destroy(cg);
	assert_false(path_exists(root, "a/b"));
	done(root);
}

static void test_v2_weight_goes_to_bfq_where_it_runs(void **state)
{
	char *root = standin_v2("io");
	struct oci_block_io bio = {.has_weight = 1, .weight = 100};
	struct oci_resources res = {.block_io = &bio};
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/c1", root);
	put_file(dir, "io.bfq.weight", "100\n");
	struct cgroup *cg = standin_create(root, "/c1", &res);
	assert_file(dir, "io.bfq.weight", "100");
	assert_false(path_exists(dir, "io.weight"));
	standin_destroy(cg);
	done(root);
}

static void test_hybrid_unified_goes_to_cgroup2(void **state)
{
	char *root = standin_hybrid("memory", "hugetlb pids");
	struct oci_annotation u[] = {{"pids.max", "10"}};
	struct oci_memory mem = {.has_limit = 1, .limit = 4096};
	struct oci_resources res = {.memory = &mem, .unified = u, .n_unified = 1};
	struct cgroup *cg = standin_create(root, "/p/c1", &res);
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/unified/p/c1", root);
	assert_file(dir, "pids.max", "10");
	snprintf(dir, sizeof dir, "%s/unified", root);
	assert_file(dir, "cgroup.subtree_control", "+pids"); /* only what the map needs */
	snprintf(dir, sizeof dir, "%s/memory/p/c1", root);
	assert_file(dir, "memory.limit_in_bytes", "4096");
	standin_destroy(cg);
	done(root);
}

static void test_unified_is_an_error_on_v1(void **state)
{
	char *root = standin_v1("memory");
	struct oci_annotation u[] = {{"memory.high", "10"}};
	struct oci_resources res = {.unified = u, .n_unified = 1};

	create_fails(root, "/c1", &res,
		     "unified: cgroup v2 files cannot be set on this host (cgroup v1)");
	assert_false(path_exists(root, "memory/c1"));
	done(root);
}

static void test_missing_controller_matters_only_for_real_limits(void **state)
{
	char *root = standin_v1("memory cpu");
	struct oci_resources dflt = {.has_pids_limit = 1, .pids_limit = -1};
	struct oci_resources set = {.has_pids_limit = 1, .pids_limit = 10};

	standin_destroy(standin_create(root, "/c1", &dflt));
	create_fails(
		root, "/p/c2", &set,
		"cgroup controller `pids` is not available on this host (needed for `pids.max`)");
	/* nothing of the failed create is left, parents included */
	assert_false(path_exists(root, "memory/p"));
	assert_false(path_exists(root, "cpu/p"));
	done(root);
}

static void test_missing_v2_controller(void **state)
{
	char *root = standin_v2("memory");
	struct oci_cpu cpu = {.has_shares = 1, .shares = 1024};
	struct oci_resources dflt = {.cpu = &cpu};
	struct oci_network_resources net = {.has_class_id = true, .class_id = 7};
	struct oci_resources v1only = {.network = &net};

	standin_destroy(standin_create(root, "/c1", &dflt));
	cpu.shares = 2048;
	create_fails(
		root, "/c2", &dflt,
		"cgroup controller `cpu` is not available on this host (needed for `cpu.weight`)");
	create_fails(root, "/c3", &v1only,
		     "cgroup controller `net_cls` is not available on this host (needed for "
		     "`net_cls.classid`)");
	assert_false(path_exists(root, "c2"));
	done(root);
}

static void test_devices_without_a_devices_controller(void **state)
{
	char *root = standin_v1("memory");
	struct oci_device_cgroup allow[] = {{.allow = true, .access = "rwm"}};
	struct oci_device_cgroup deny[] = {{.allow = false, .access = "rwm"}};
	struct oci_resources a = {.devices = allow, .n_devices = 1};
	struct oci_resources d = {.devices = deny, .n_devices = 1};

	standin_destroy(standin_create(root, "/c1", &a));
	create_fails(root, "/c2", &d, "cgroup controller `devices` is not available on this host");
	done(root);
}

static void test_failed_create_keeps_what_existed(void **state)
{
	char *root = standin_v1("memory pids");
	struct oci_memory mem = {.has_swappiness = 1, .swappiness = 500};
	struct oci_resources res = {.memory = &mem};
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/memory/p", root);
	put_file(dir, "keep", "");
	create_fails(root, "/p/c1", &res, "memory.swappiness: 500 is not in 0-100");
	assert_true(path_exists(root, "memory/p/keep"));
	assert_false(path_exists(root, "memory/p/c1"));
	assert_false(path_exists(root, "pids/p"));
	done(root);
}

static void test_update_writes_new_limits(void **state)
{
	char *root = standin_v2("memory pids");
	struct oci_memory mem = {.has_limit = 1, .limit = 8192};
	struct oci_resources res = {.memory = &mem, .has_pids_limit = 1, .pids_limit = 5};
	struct cgroup *cg = standin_create(root, "/c1", &res);
	struct hrun_error err;
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/c1", root);
	put_file(dir, "memory.current", "5000\n");
	mem.limit = 16384;
	res.pids_limit = -1;
	assert_int_equal(cgroup_update(cg, &res, &err), 0);
	assert_file(dir, "memory.max", "16384");
	assert_file(dir, "pids.max", "max");
	/* checkBeforeUpdate refuses a limit below the usage */
	mem.limit = 4096;
	mem.has_check_before_update = mem.check_before_update = true;
	assert_int_equal(cgroup_update(cg, &res, &err), -1);
	assert_string_equal(err.msg, "memory.limit 4096 is below the current usage 5000");
	assert_file(dir, "memory.max", "16384");
	mem.limit = 6000;
	assert_int_equal(cgroup_update(cg, &res, &err), 0);
	assert_file(dir, "memory.max", "6000");
	standin_destroy(cg);
	done(root);
}

static void test_destroy_removes_sub_cgroups(void **state)
{
	char *root = standin_v2("pids");
	struct cgroup *cg = standin_create(root, "/c1", NULL);
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/c1/inner/deeper", root);
	put_file(dir, "cgroup.procs", "");
	standin_destroy(cg);
	assert_false(path_exists(root, "c1"));
	done(root);
}

static void test_disabled_manager_touches_nothing(void **state)
{
	char *root = standin_v2("pids");
	struct cgroup_request req = {.manager = CGROUP_MANAGER_DISABLED, .id = "c1", .root = root};
	struct hrun_error err;
	struct cgroup *cg = cgroup_create(&req, &err);
	pid_t *pids;
	size_t n;

	assert_non_null(cg);
	assert_int_equal(cgroup_mode(cg), CGROUP_MODE_NONE);
	assert_null(cgroup_path(cg));
	assert_int_equal(cgroup_clone_fd(cg), -1);
	assert_int_equal(cgroup_enter(cg, 1, &err), 0);
	assert_int_equal(cgroup_pids(cg, &pids, &n, &err), -1);
	assert_string_equal(err.msg, "the container has no cgroup (cgroup manager disabled)");
	assert_int_equal(cgroup_freeze(cg, true, &err), -1);
	char *saved = cgroup_save(cg);
	assert_string_equal(saved, "manager=disabled");
	free(saved);
	assert_false(path_exists(root, "c1"));
	standin_destroy(cg);
	done(root);
}

static void test_systemd_manager(void **state)
{
	char *root = standin_v2("pids");
	struct cgroup_request req = {.manager = CGROUP_MANAGER_SYSTEMD,
				     .id = "c1",
				     .root = root,
				     .cgroups_path = "machine.slice:hrun:c1"};
	struct hrun_error err;
	struct cgroup *cg = cgroup_create(&req, &err);

#ifdef HAVE_SYSTEMD
	assert_non_null(cg);
	assert_string_equal(cgroup_path(cg), "/machine.slice/hrun-c1.scope");
	/* nothing exists before the scope, which needs the init's pid */
	assert_false(path_exists(root, "machine.slice"));
	assert_int_equal(cgroup_clone_fd(cg), -1);
	/* no systemd on a test machine: the scope cannot start, nothing is made */
	if (cgroup_enter(cg, getpid(), &err) == 0)
		skip();
	assert_memory_equal(err.msg, "systemd: ", 9);
	assert_false(path_exists(root, "machine.slice"));
	cgroup_free(cg);
#else
	assert_null(cg);
	assert_string_equal(err.msg, "hrun was built without systemd support (libsystemd-dev)");
#endif
	done(root);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layouts_are_found_from_the_files),
		cmocka_unit_test(test_layout_errors),
		cmocka_unit_test(test_v1_create_makes_every_hierarchy_and_writes_limits),
		cmocka_unit_test(test_v1_cpuset_fills_an_empty_parent_found_on_the_way),
		cmocka_unit_test(test_v1_a_frozen_cgroup_is_refused_untouched),
		cmocka_unit_test(test_enter_writes_the_pid_in_every_hierarchy),
		cmocka_unit_test(test_join_sub_cgroups_by_path_and_controller),
		cmocka_unit_test(test_join_slash_is_the_containers_cgroup),
		cmocka_unit_test(test_join_sub_cgroup_errors),
		cmocka_unit_test(test_oom_kills_waits_for_the_count),
		cmocka_unit_test(test_v2_create_hands_controllers_down),
		cmocka_unit_test(test_v2_weight_goes_to_bfq_where_it_runs),
		cmocka_unit_test(test_hybrid_unified_goes_to_cgroup2),
		cmocka_unit_test(test_unified_is_an_error_on_v1),
		cmocka_unit_test(test_missing_controller_matters_only_for_real_limits),
		cmocka_unit_test(test_missing_v2_controller),
		cmocka_unit_test(test_devices_without_a_devices_controller),
		cmocka_unit_test(test_failed_create_keeps_what_existed),
		cmocka_unit_test(test_update_writes_new_limits),
		cmocka_unit_test(test_destroy_removes_sub_cgroups),
		cmocka_unit_test(test_disabled_manager_touches_nothing),
		cmocka_unit_test(test_systemd_manager),
	};
	return cmocka_run_group_tests_name("cgroup_standin", tests, NULL, NULL);
}
