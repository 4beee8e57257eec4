/* SPDX-License-Identifier: GPL-2.0-or-later */
/* op_cgroup on the stub dispatcher: what early gathers from the host, and
 * the mounts apply makes on a cgroup2 host and on a v1 / hybrid host. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "container/op.h"
#include "plan/plan.h"
#include "stub_sys.h"

#define FD(n)	 "\"/host/proc/self/fd/" #n "\""
#define CG_FLAGS (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RELATIME)

static struct plan plan;
static struct init_state st = {.k = &stub_sys, .plan = &plan, .sysroot_fd = 3, .last_cap = -1};

static int setup(void **state)
{
	stub_sys_reset();
	plan.no_cgroup = false;
	return 0;
}

static void expect_read_file(const char *path, const char *text)
{
	size_t len = strlen(text);

	stub_sys_expect("open", 5, 0, "\"%s\", 0x%x, 00", path, O_RDONLY | O_CLOEXEC);
	stub_sys_expect_data("read", (long)len, 0, text, len, "5, 4095");
	stub_sys_expect("read", 0, 0, "5, %zu", 4095 - len);
	stub_sys_expect("close", 0, 0, "5");
}

static void expect_probe(const char *dir, bool present)
{
	struct stat sb = {.st_mode = S_IFDIR | 0555};

	if (present)
		stub_sys_expect_data("stat", 0, 0, &sb, sizeof sb, "\"/sys/fs/cgroup/%s\"", dir);
	else
		stub_sys_expect("stat", -1, ENOENT, "\"/sys/fs/cgroup/%s\"", dir);
}

static struct op cgroup_op(unsigned int bits)
{
	return (struct op){.type = &op_cgroup_type,
			   .source = "cgroup",
			   .fstype = "cgroup",
			   .target = "/sys/fs/cgroup",
			   .flags = CG_FLAGS,
			   .bits = bits};
}

static void early_v2(struct op *op)
{
	struct hrun_error err = {0};

	expect_probe("cgroup.controllers", true);
	expect_read_file("/proc/self/cgroup", "0::/user.slice/c1\n");
	assert_int_equal(op->type->early(op, &st, &err), 0);
	stub_sys_verify();
	stub_sys_reset();
}

static void early_v1(struct op *op)
{
	struct hrun_error err = {0};

	expect_probe("cgroup.controllers", false);
	expect_read_file("/proc/self/cgroup", "12:cpu,cpuacct:/c1\n"
					      "11:name=systemd:/user.slice/c1\n"
					      "10:misc:/\n"
					      "0::/user.slice/c1\n");
	expect_probe("cpu,cpuacct", true);
	expect_probe("systemd", true);
	expect_probe("misc", false);
	expect_probe("unified", true);
	assert_int_equal(op->type->early(op, &st, &err), 0);
	stub_sys_verify();
	stub_sys_reset();
}

static void test_cgroup_early_on_a_cgroup2_host(void **state)
{
	struct op op = cgroup_op(0);

	early_v2(&op);
	assert_int_equal(op.found_bits, OP_CGROUP_FOUND_V2);
	assert_int_equal(op.n_found, 1);
	assert_string_equal(op.found[0], "/user.slice/c1");
	op.source = op.fstype = op.target = NULL;
	op_free_fields(&op);
}

static void test_cgroup_early_on_a_v1_host_keeps_mounted_hierarchies(void **state)
{
	struct op op = cgroup_op(0);

	early_v1(&op);
	assert_int_equal(op.found_bits, 0);
	assert_int_equal(op.n_found, 3);
	assert_string_equal(op.found[0], "cpu,cpuacct/c1");
	assert_string_equal(op.found[1], "name=systemd/user.slice/c1");
	assert_string_equal(op.found[2], "/user.slice/c1");
	op.source = op.fstype = op.target = NULL;
	op_free_fields(&op);
}

static void test_cgroup_early_failure(void **state)
{
	struct op op = cgroup_op(0);
	struct hrun_error err = {0};

	expect_probe("cgroup.controllers", true);
	stub_sys_expect("open", -1, ENOENT, NULL);
	assert_int_equal(op.type->early(&op, &st, &err), -1);
	stub_sys_verify();
	assert_string_equal(err.msg, "open `/proc/self/cgroup`: No such file or directory");
}

static int apply(struct op *op, struct hrun_error *err)
{
	int r = op->type->apply(op, &st, err);

	stub_sys_verify();
	op->source = op->fstype = op->target = NULL;
	op_free_fields(op);
	return r;
}

static void test_cgroup_v2_mounts_cgroup2(void **state)
{
	struct op op = cgroup_op(OP_CGROUP_NS);
	struct hrun_error err = {0};

	early_v2(&op);
	stub_sys_expect("target_open", 10, 0, "3, \"/sys/fs/cgroup\", 040000");
	stub_sys_expect("mount", 0, 0, "\"cgroup2\", " FD(10) ", \"cgroup2\", 0x%x, NULL",
			CG_FLAGS);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&op, &err), 0);
}

/* --cgroup-manager disabled: nothing read from the host, nothing of it
 * shown, whatever the host and the namespace. */
static void test_cgroup_without_a_cgroup_is_an_empty_readonly_tmpfs(void **state)
{
	struct op op = cgroup_op(0);
	struct hrun_error err = {0};

	plan.no_cgroup = true;
	assert_int_equal(op.type->early(&op, &st, &err), 0);
	assert_int_equal(op.n_found, 0);
	stub_sys_expect("target_open", 10, 0, "3, \"/sys/fs/cgroup\", 040000");
	stub_sys_expect("mount", 0, 0, "\"tmpfs\", " FD(10) ", \"tmpfs\", 0x%x, \"mode=755\"",
			MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&op, &err), 0);
}

/* Refused without a cgroup namespace: our own cgroup, read-only. */
static void test_cgroup_v2_refused_binds_our_cgroup_readonly(void **state)
{
	struct op op = cgroup_op(0);
	struct hrun_error err = {0};

	op.flags = MS_NOSUID;
	early_v2(&op);
	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("mount", -1, EPERM, NULL);
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("target_open", 11, 0, "3, \"/sys/fs/cgroup\", 040000");
	stub_sys_expect("bind_mount", 0, 0,
			"\"/host/sys/fs/cgroup/user.slice/c1\", " FD(11) ", 0x0, true");
	stub_sys_expect("close", 0, 0, "11");
	stub_sys_expect("target_open", 12, 0, "3, \"/sys/fs/cgroup\", 00");
	stub_sys_expect("remount", 0, 0, FD(12) ", 0x3");
	stub_sys_expect("close", 0, 0, "12");
	assert_int_equal(apply(&op, &err), 0);
}

static void test_cgroup_v2_refused_in_a_cgroupns_is_an_error(void **state)
{
	struct op op = cgroup_op(OP_CGROUP_NS);
	struct hrun_error err = {0};

	early_v2(&op);
	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("mount", -1, EPERM, NULL);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg,
			    "mount `cgroup2` on `/sys/fs/cgroup`: Operation not permitted");
}

static void expect_v1_tmpfs(void)
{
	stub_sys_expect("target_open", 10, 0, "3, \"/sys/fs/cgroup\", 040000");
	stub_sys_expect("mount", 0, 0, "\"tmpfs\", " FD(10) ", \"tmpfs\", 0xe, \"mode=755\"");
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("target_open", 11, 0, "3, \"/sys/fs/cgroup\", 00");
}

static void expect_cpu_links(void);

static void expect_v1_bind(const char *dir, const char *path)
{
	stub_sys_expect("mkdir", 0, 0, "\"/host/proc/self/fd/11/%s\", 0755", dir);
	stub_sys_expect("bind_mount", 0, 0,
			"\"/host/sys/fs/cgroup/%s%s\", \"/host/proc/self/fd/11/%s\", 0x0, true", dir,
			path, dir);
}

/* The binds of test_cgroup_v1_binds_each_hierarchy_of_ours. */
static void expect_v1_binds(void)
{
	expect_v1_bind("cpu,cpuacct", "/c1");
	expect_cpu_links();
	expect_v1_bind("systemd", "/user.slice/c1");
	expect_v1_bind("unified", "/user.slice/c1");
}

/* One mount_setattr on the tmpfs makes it and every bind in it ro,
 * nosuid, nodev, noexec, relatime. */
static void expect_v1_setattr(int ret, int err)
{
	stub_sys_expect("mount_setattr_tree", ret, err, "11, 0x%llx, 0x%llx",
			(unsigned long long)(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID |
					     MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC |
					     MOUNT_ATTR_RELATIME),
			(unsigned long long)MOUNT_ATTR__ATIME);
}

static void expect_cpu_links(void)
{
	stub_sys_expect("symlink", 0, 0, "\"cpu,cpuacct\", \"/host/proc/self/fd/11/cpu\"");
	stub_sys_expect("symlink", -1, EEXIST,
			"\"cpu,cpuacct\", \"/host/proc/self/fd/11/cpuacct\"");
}

/* A v1 mount without a cgroup namespace, up to its mount_setattr. */
static void expect_v1_up_to_setattr(struct op *op, int ret, int err)
{
	early_v1(op);
	expect_v1_tmpfs();
	expect_v1_binds();
	expect_v1_setattr(ret, err);
}

static void test_cgroup_v1_binds_each_hierarchy_of_ours(void **state)
{
	struct op op = cgroup_op(0);
	struct hrun_error err = {0};

	expect_v1_up_to_setattr(&op, 0, 0);
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), 0);
}

/* A kernel without mount_setattr: each bind remounted, then the tmpfs. */
static void test_cgroup_v1_without_mount_setattr_remounts_each(void **state)
{
	struct op op = cgroup_op(0);
	struct hrun_error err = {0};
	const char *dirs[] = {"cpu,cpuacct", "systemd", "unified"};

	expect_v1_up_to_setattr(&op, -1, ENOSYS);
	for (int i = 0; i < 3; i++) {
		stub_sys_expect("target_open", 30 + i, 0, "3, \"/sys/fs/cgroup/%s\", 00", dirs[i]);
		stub_sys_expect("remount", 0, 0, "\"/host/proc/self/fd/%d\", 0x%x", 30 + i,
				CG_FLAGS);
		stub_sys_expect("close", 0, 0, "%d", 30 + i);
	}
	stub_sys_expect("remount", 0, 0, FD(11) ", 0xf");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), 0);
}

static void test_cgroup_v1_mount_setattr_refused_is_an_error(void **state)
{
	struct op op = cgroup_op(0);
	struct hrun_error err = {0};

	expect_v1_up_to_setattr(&op, -1, EPERM);
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg, "set the options of `/sys/fs/cgroup` and its hierarchies:"
				     " Operation not permitted");
}

static void test_cgroup_v1_in_a_cgroupns_mounts_each_hierarchy(void **state)
{
	struct op op = cgroup_op(OP_CGROUP_NS);
	struct hrun_error err = {0};

	op.flags &= ~(unsigned long)MS_RDONLY;
	op.propagation = MS_PRIVATE;
	early_v1(&op);
	expect_v1_tmpfs();
	stub_sys_expect("mkdir", 0, 0, "\"/host/proc/self/fd/11/cpu,cpuacct\", 0755");
	stub_sys_expect("mount", 0, 0,
			"\"cgroup\", \"/host/proc/self/fd/11/cpu,cpuacct\", \"cgroup\", 0x20000e,"
			" \"cpu,cpuacct\"");
	expect_cpu_links();
	stub_sys_expect("mkdir", 0, 0, "\"/host/proc/self/fd/11/systemd\", 0755");
	stub_sys_expect("mount", 0, 0,
			"\"cgroup\", \"/host/proc/self/fd/11/systemd\", \"cgroup\", 0x20000e,"
			" \"name=systemd\"");
	stub_sys_expect("mkdir", -1, EEXIST, "\"/host/proc/self/fd/11/unified\", 0755");
	stub_sys_expect("mount", 0, 0,
			"\"cgroup2\", \"/host/proc/self/fd/11/unified\", \"cgroup2\", 0x20000e, NULL");
	stub_sys_expect("close", 0, 0, "11");
	stub_sys_expect("target_open", 30, 0, "3, \"/sys/fs/cgroup\", 00");
	stub_sys_expect("mount", 0, 0, "NULL, " FD(30) ", NULL, 0x40000, NULL");
	stub_sys_expect("close", 0, 0, "30");
	assert_int_equal(apply(&op, &err), 0);
}

/* A v1 op (bits) up to its tmpfs, opened for the hierarchies to go in. */
static struct op v1_up_to_the_tmpfs(unsigned int bits)
{
	struct op op = cgroup_op(bits);

	early_v1(&op);
	expect_v1_tmpfs();
	return op;
}

/* The hierarchy's step failed: the tmpfs's fd is closed, the op fails
 * with msg. */
static void assert_v1_hierarchy_fails(struct op *op, const char *msg)
{
	struct hrun_error err = {0};

	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(op, &err), -1);
	assert_string_equal(err.msg, msg);
}

static void test_cgroup_v1_failures(void **state)
{
	struct op op = cgroup_op(0);
	struct hrun_error err = {0};

	early_v1(&op);
	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("mount", -1, EPERM, NULL);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg, "mount `tmpfs` on `/sys/fs/cgroup`: Operation not permitted");

	op = v1_up_to_the_tmpfs(0);
	stub_sys_expect("mkdir", 0, 0, "\"/host/proc/self/fd/11/cpu,cpuacct\", 0755");
	stub_sys_expect("bind_mount", -1, ENOENT, NULL);
	assert_v1_hierarchy_fails(&op, "bind `/sys/fs/cgroup/cpu,cpuacct/c1` on"
				       " `/sys/fs/cgroup/cpu,cpuacct`: bind_mount: No such file or directory");

	op = v1_up_to_the_tmpfs(OP_CGROUP_NS);
	stub_sys_expect("mkdir", -1, EACCES, "\"/host/proc/self/fd/11/cpu,cpuacct\", 0755");
	assert_v1_hierarchy_fails(&op, "mkdir `/sys/fs/cgroup/cpu,cpuacct`: Permission denied");

	op = v1_up_to_the_tmpfs(OP_CGROUP_NS);
	stub_sys_expect("mkdir", 0, 0, NULL);
	stub_sys_expect("mount", -1, EBUSY, NULL);
	assert_v1_hierarchy_fails(&op, "mount `cgroup` on `/sys/fs/cgroup/cpu,cpuacct`: Device or"
				       " resource busy");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_cgroup_early_on_a_cgroup2_host, setup),
		cmocka_unit_test_setup(test_cgroup_without_a_cgroup_is_an_empty_readonly_tmpfs,
				       setup),
		cmocka_unit_test_setup(test_cgroup_early_on_a_v1_host_keeps_mounted_hierarchies,
				       setup),
		cmocka_unit_test_setup(test_cgroup_early_failure, setup),
		cmocka_unit_test_setup(test_cgroup_v2_mounts_cgroup2, setup),
		cmocka_unit_test_setup(test_cgroup_v2_refused_binds_our_cgroup_readonly, setup),
		cmocka_unit_test_setup(test_cgroup_v2_refused_in_a_cgroupns_is_an_error, setup),
		cmocka_unit_test_setup(test_cgroup_v1_binds_each_hierarchy_of_ours, setup),
		cmocka_unit_test_setup(test_cgroup_v1_without_mount_setattr_remounts_each, setup),
		cmocka_unit_test_setup(test_cgroup_v1_mount_setattr_refused_is_an_error, setup),
		cmocka_unit_test_setup(test_cgroup_v1_in_a_cgroupns_mounts_each_hierarchy, setup),
		cmocka_unit_test_setup(test_cgroup_v1_failures, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
