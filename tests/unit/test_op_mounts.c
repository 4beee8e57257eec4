/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The mount-shaped ops on the stub dispatcher: mount, bind, remount,
 * readonly, and the phase runners.  Each test lists the exact calls an op
 * makes, in order, and each failure point's message. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "container/op.h"
#include "stub_sys.h"

#define SYSROOT 3
#define FD_PATH(n) "/host/proc/self/fd/" #n
#define FD(n)	   "\"" FD_PATH(n) "\""

static struct init_state st = {.k = &stub_sys, .sysroot_fd = SYSROOT, .last_cap = -1};

static int setup(void **state)
{
	stub_sys_reset();
	return 0;
}

static void expect_stat(const char *path, mode_t mode)
{
	struct stat sb = {.st_mode = mode};

	stub_sys_expect_data("stat", 0, 0, &sb, sizeof sb, "\"%s\"", path);
}

static int apply(struct op *op, struct hrun_error *err)
{
	int r = op->type->apply(op, &st, err);

	stub_sys_verify();
	return r;
}

/* --- mount */

static struct op proc_op = {
	.type = &op_mount_type,
	.source = "proc",
	.target = "/proc",
	.fstype = "proc",
	.flags = MS_NOSUID | MS_NOEXEC | MS_NODEV,
};

static void test_mount_proc_on_the_target_fd(void **state)
{
	struct hrun_error err = {0};

	stub_sys_expect("target_open_exact", 10, 0, "3, \"/proc\", 040000");
	stub_sys_expect("mount", 0, 0, "\"proc\", " FD(10) ", \"proc\", 0xe, NULL");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&proc_op, &err), 0);
}

static void test_mount_sets_propagation_on_the_new_mount(void **state)
{
	struct op op = {.type = &op_mount_type,
			.source = "tmpfs",
			.target = "/tmp",
			.fstype = "tmpfs",
			.data = "size=1m",
			.propagation = MS_SHARED | MS_REC};
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, "3, \"/tmp\", 00");
	expect_stat(FD_PATH(10), S_IFDIR | 01777);
	stub_sys_expect("mount", 0, 0,
			"\"tmpfs\", " FD(10) ", \"tmpfs\", 0x0, \"mode=1777,size=1m\"");
	stub_sys_expect("close", 0, 0, "10");
	/* the old fd is the directory under the mount: open the target again */
	stub_sys_expect("target_open", 11, 0, "3, \"/tmp\", 00");
	stub_sys_expect("mount", 0, 0, "NULL, " FD(11) ", NULL, 0x104000, NULL");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), 0);
}

/* runc: a tmpfs takes the mode of the directory it covers, unless the
 * options say mode=; on a directory it makes, tmpfs's own default. */
static void test_mount_tmpfs_takes_the_covered_directory_mode(void **state)
{
	struct op op = {
		.type = &op_mount_type, .source = "tmpfs", .target = "/d", .fstype = "tmpfs"};
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, "3, \"/d\", 00");
	expect_stat(FD_PATH(10), S_IFDIR | 0710);
	stub_sys_expect("mount", 0, 0, "\"tmpfs\", " FD(10) ", \"tmpfs\", 0x0, \"mode=0710\"");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&op, &err), 0);

	stub_sys_reset();
	stub_sys_expect_msg("target_open", -1, ENOENT, "open `/d`: No such file or directory",
			    "3, \"/d\", 00");
	stub_sys_expect("target_open", 10, 0, "3, \"/d\", 040000");
	stub_sys_expect("mount", 0, 0, "\"tmpfs\", " FD(10) ", \"tmpfs\", 0x0, NULL");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&op, &err), 0);

	stub_sys_reset();
	op.data = "size=1m,mode=700";
	stub_sys_expect("target_open", 10, 0, "3, \"/d\", 040000");
	stub_sys_expect("mount", 0, 0,
			"\"tmpfs\", " FD(10) ", \"tmpfs\", 0x0, \"size=1m,mode=700\"");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&op, &err), 0);

	stub_sys_reset();
	op.data = NULL;
	stub_sys_expect("target_open", 10, 0, "3, \"/d\", 00");
	stub_sys_expect("stat", -1, EACCES, "\"" FD_PATH(10) "\"");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg, "stat `/d`: Permission denied");
}

static void test_mount_failures(void **state)
{
	struct hrun_error err = {0};

	stub_sys_expect_msg("target_open_exact", -1, ELOOP, "open `/proc` in the root: loop",
			    "3, \"/proc\", 040000");
	assert_int_equal(apply(&proc_op, &err), -1);
	assert_string_equal(err.msg, "open `/proc` in the root: loop");

	stub_sys_reset();
	stub_sys_expect("target_open_exact", 10, 0, "3, \"/proc\", 040000");
	stub_sys_expect("mount", -1, EPERM, NULL);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&proc_op, &err), -1);
	assert_string_equal(err.msg, "mount `proc` on `/proc`: Operation not permitted");
	assert_int_equal(err.code, EPERM);
}

/* A joined network namespace's sysfs refused (another user namespace owns
 * it): the host's /sys, bound, takes the options with a remount; any other
 * refusal of sysfs stays an error. */
static void test_mount_sysfs_refused_binds_the_hosts(void **state)
{
	struct op op = {.type = &op_mount_type,
			.source = "sysfs",
			.target = "/sys",
			.fstype = "sysfs",
			.flags = MS_RDONLY | MS_NOSUID};
	struct hrun_error err = {0};

	stub_sys_expect("target_open_exact", 10, 0, "3, \"/sys\", 040000");
	stub_sys_expect("mount", -1, EPERM, "\"sysfs\", " FD(10) ", \"sysfs\", 0x3, NULL");
	stub_sys_expect("bind_mount", 0, 0, "\"/host/sys\", " FD(10) ", 0x0, true");
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("target_open", 11, 0, "3, \"/sys\", 00");
	stub_sys_expect("remount", 0, 0, FD(11) ", 0x3");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), 0);

	stub_sys_reset();
	stub_sys_expect("target_open_exact", 10, 0, NULL);
	stub_sys_expect("mount", -1, EINVAL, NULL);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg, "mount `sysfs` on `/sys`: Invalid argument");
}

static void test_mount_propagation_failure(void **state)
{
	struct op op = proc_op;
	struct hrun_error err = {0};

	op.propagation = MS_PRIVATE;
	stub_sys_expect("target_open_exact", 10, 0, NULL);
	stub_sys_expect("mount", 0, 0, NULL);
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("target_open", 11, 0, "3, \"/proc\", 00");
	stub_sys_expect("mount", -1, EINVAL, "NULL, " FD(11) ", NULL, 0x40000, NULL");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg, "set propagation of `/proc` to private: Invalid argument");
}

/* --- bind */

/* The runtime opened the source (fd 20): early has nothing to do.  In a
 * joined mount namespace it did not: early opens it, once, there. */
static void test_bind_early_opens_only_what_the_runtime_did_not(void **state)
{
	struct op op = {.type = &op_bind_type,
			.source = "/srv/data",
			.target = "/data",
			.flags = MS_BIND,
			.mount_fd = 20};
	struct hrun_error err = {0};

	assert_int_equal(op.type->early(&op, &st, &err), 0);
	assert_int_equal(op.mount_fd, 20);

	op.mount_fd = -1;
	op.flags = MS_BIND | MS_REC;
	stub_sys_expect("bind_source_open", 21, 0, "\"/srv/data\", true");
	assert_int_equal(op.type->early(&op, &st, &err), 0);
	stub_sys_verify();
	assert_int_equal(op.mount_fd, 21);

	stub_sys_reset();
	op.mount_fd = -1;
	stub_sys_expect("bind_source_open", -1, ENOENT, "\"/srv/data\", true");
	assert_int_equal(op.type->early(&op, &st, &err), -1);
	assert_string_equal(err.msg, "bind_source_open: No such file or directory");
	assert_int_equal(op.mount_fd, -1);

	/* a remount has no source to open */
	stub_sys_reset();
	op.flags = MS_BIND | MS_REMOUNT | MS_RDONLY;
	assert_int_equal(op.type->early(&op, &st, &err), 0);
	assert_int_equal(op.mount_fd, -1);
}

static void test_bind_readonly_dir_remounts_the_new_mount(void **state)
{
	struct op op = {.type = &op_bind_type,
			.source = "/srv",
			.target = "/data",
			.mount_fd = 20,
			.flags = MS_BIND | MS_REC | MS_RDONLY | MS_NOSUID};
	struct hrun_error err = {0};

	expect_stat(FD_PATH(20), S_IFDIR | 0755);
	/* copied now, so that mountinfo lists it in the config's order */
	stub_sys_expect("mount_renew", 21, 0, "20, \"/scratch\", dir, true");
	stub_sys_expect("close", 0, 0, "20");
	stub_sys_expect("target_open", 10, 0, "3, \"/data\", 040000");
	/* the source's copy alone, by fd; the remount goes to the new mount, by a new fd */
	stub_sys_expect("attach_mount", 0, 0, "21, 10");
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("close", 0, 0, "21");
	stub_sys_expect("target_open", 11, 0, "3, \"/data\", 00");
	stub_sys_expect("remount", 0, 0, FD(11) ", 0x3");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), 0);
	assert_int_equal(op.mount_fd, -1);
}

static void test_bind_file_creates_a_file_and_keeps_it_plain(void **state)
{
	struct op op = {.type = &op_bind_type,
			.source = "/etc/hosts",
			.target = "/etc/hosts",
			.mount_fd = 20,
			.flags = MS_BIND,
			.propagation = MS_SLAVE};
	struct hrun_error err = {0};

	expect_stat(FD_PATH(20), S_IFREG | 0644);
	stub_sys_expect("mount_renew", 21, 0, "20, \"/scratch.file\", file, false");
	stub_sys_expect("close", 0, 0, "20");
	stub_sys_expect("target_open", 10, 0, "3, \"/etc/hosts\", 0100000");
	stub_sys_expect("attach_mount", 0, 0, "21, 10");
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("close", 0, 0, "21");
	stub_sys_expect("target_open", 11, 0, "3, \"/etc/hosts\", 00");
	stub_sys_expect("mount", 0, 0, "NULL, " FD(11) ", NULL, 0x80000, NULL");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), 0);
}

static void test_bind_failures(void **state)
{
	struct op op = {.type = &op_bind_type,
			.source = "/srv",
			.target = "/data",
			.mount_fd = -1,
			.flags = MS_BIND | MS_RDONLY};
	struct hrun_error err = {0};

	/* never by path: without its copy the bind is refused */
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg, "bind source `/srv`: not opened");

	stub_sys_reset();
	op.mount_fd = 20;
	stub_sys_expect("stat", -1, ENOENT, FD(20));
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg, "bind source `/srv`: No such file or directory");

	stub_sys_reset();
	expect_stat(FD_PATH(20), S_IFDIR);
	stub_sys_expect("mount_renew", 21, 0, "20, \"/scratch\", dir, false");
	stub_sys_expect("close", 0, 0, "20");
	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("attach_mount", -1, EACCES, "21, 10");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg, "bind `/srv` on `/data`: attach_mount: Permission denied");
	/* the op holds the copy until it is freed */
	assert_int_equal(op.mount_fd, 21);

	stub_sys_reset();
	op.mount_fd = 20;
	expect_stat(FD_PATH(20), S_IFDIR);
	stub_sys_expect("mount_renew", -1, EINVAL, "20, \"/scratch\", dir, false");
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg, "bind `/srv`: mount_renew: Invalid argument");
	assert_int_equal(op.mount_fd, 20);

	stub_sys_reset();
	expect_stat(FD_PATH(20), S_IFDIR);
	stub_sys_expect("mount_renew", 21, 0, "20, \"/scratch\", dir, false");
	stub_sys_expect("close", 0, 0, "20");
	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("attach_mount", 0, 0, "21, 10");
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("close", 0, 0, "21");
	stub_sys_expect("target_open", 11, 0, NULL);
	stub_sys_expect("remount", -1, EPERM, FD(11) ", 0x1");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg, "remount `/data`: remount: Operation not permitted");
}

/* An id-mapped bind is the same copy, which the runtime id-mapped: early
 * opens nothing, apply attaches it by fd and closes it. */
static void test_bind_idmapped_attaches_the_runtimes_mount(void **state)
{
	struct op_idmap idmap = {.recursive = false};
	struct op op = {.type = &op_bind_type,
			.source = "/srv",
			.target = "/data",
			.flags = MS_BIND | MS_RDONLY,
			.mount_fd = 20,
			.idmap = &idmap};
	struct hrun_error err = {0};

	assert_int_equal(op.type->early(&op, &st, &err), 0);
	expect_stat(FD_PATH(20), S_IFDIR | 0755);
	stub_sys_expect("mount_renew", 21, 0, "20, \"/scratch\", dir, false");
	stub_sys_expect("close", 0, 0, "20");
	stub_sys_expect("target_open", 10, 0, "3, \"/data\", 040000");
	stub_sys_expect("attach_mount", 0, 0, "21, 10");
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("close", 0, 0, "21");
	stub_sys_expect("target_open", 11, 0, "3, \"/data\", 00");
	stub_sys_expect("remount", 0, 0, FD(11) ", 0x1");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), 0);
	assert_int_equal(op.mount_fd, -1);
}

static void test_bind_with_remount_option_only_remounts(void **state)
{
	struct op op = {.type = &op_bind_type,
			.source = "/srv",
			.target = "/data",
			.mount_fd = -1,
			.flags = MS_BIND | MS_REMOUNT | MS_RDONLY};
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 11, 0, "3, \"/data\", 00");
	stub_sys_expect("remount", 0, 0, FD(11) ", 0x1");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), 0);
}

/* --- remount */

static void test_remount_root_uses_the_sysroot_fd(void **state)
{
	struct op op = {.type = &op_remount_type, .target = "/", .flags = MS_RDONLY};
	struct hrun_error err = {0};

	stub_sys_expect("remount", 0, 0, FD(3) ", 0x1");
	assert_int_equal(apply(&op, &err), 0);

	stub_sys_reset();
	stub_sys_expect("remount", -1, EROFS, NULL);
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg, "remount `/`: remount: Read-only file system");
}

static void test_remount_other_target_opens_it(void **state)
{
	struct op op = {.type = &op_remount_type, .target = "/dev", .flags = MS_RDONLY};
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, "3, \"/dev\", 00");
	stub_sys_expect("remount", 0, 0, FD(10) ", 0x1");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&op, &err), 0);
}

/* --- mkdir */

static void test_mkdir_creates_the_directory_in_the_root(void **state)
{
	struct op op = {.type = &op_mkdir_type, .target = "/work/dir"};
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, "3, \"/work/dir\", 040000");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&op, &err), 0);

	stub_sys_reset();
	stub_sys_expect("target_open", -1, EROFS, "3, \"/work/dir\", 040000");
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg, "target_open: Read-only file system");
}

/* --- readonly */

static char *ro_paths[] = {"/proc/sys", "/proc/missing"};
static struct op ro_op = {.type = &op_readonly_type, .paths = ro_paths, .n_paths = 2};

/* ro, nosuid, nodev, noexec on the copy (0x1 | 0x2 | 0x4 | 0x8) */
#define RO_ATTRS "0xf"

static void test_readonly_binds_each_path_on_itself(void **state)
{
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, "3, \"/proc/sys\", 00");
	stub_sys_expect("rebind_fd", 0, 0, "10, true, " RO_ATTRS);
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("target_open", -1, ENOENT, "3, \"/proc/missing\", 00");
	assert_int_equal(apply(&ro_op, &err), 0);
	assert_string_equal(err.msg, "");
}

/* a kernel without mount_setattr: the bind, then a remount of the new
 * mount (opened again: the first fd is on the mount below it) */
static void test_readonly_without_mount_setattr_binds_then_remounts(void **state)
{
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, "3, \"/proc/sys\", 00");
	stub_sys_expect("rebind_fd", -1, ENOSYS, "10, true, " RO_ATTRS);
	stub_sys_expect("bind_mount", 0, 0, FD(10) ", " FD(10) ", 0x0, true");
	stub_sys_expect("target_open", 11, 0, "3, \"/proc/sys\", 00");
	stub_sys_expect("remount", 0, 0, FD(11) ", 0xf");
	stub_sys_expect("close", 0, 0, "11");
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("target_open", -1, ENOENT, "3, \"/proc/missing\", 00");
	assert_int_equal(apply(&ro_op, &err), 0);
	assert_string_equal(err.msg, "");
}

static void test_readonly_failures(void **state)
{
	struct hrun_error err = {0};

	stub_sys_expect("target_open", -1, EACCES, "3, \"/proc/sys\", 00");
	assert_int_equal(apply(&ro_op, &err), -1);
	assert_string_equal(err.msg, "target_open: Permission denied");

	stub_sys_reset();
	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("rebind_fd", -1, EPERM, NULL);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&ro_op, &err), -1);
	assert_string_equal(err.msg,
			    "bind `/proc/sys` on itself read-only: rebind_fd: Operation not permitted");

	stub_sys_reset();
	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("rebind_fd", -1, ENOSYS, NULL);
	stub_sys_expect("bind_mount", -1, EPERM, NULL);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&ro_op, &err), -1);
	assert_string_equal(err.msg,
			    "bind `/proc/sys` on itself read-only: bind_mount: Operation not permitted");
}

/* --- validity and the phase runners */

static void test_valid_refuses_relative_targets_and_paths(void **state)
{
	struct op op = proc_op;
	char *rel[] = {"/ok", "rel"};
	struct op list = {.type = &op_mask_type, .paths = rel, .n_paths = 2};
	struct hrun_error err = {0};

	op.target = "proc";
	assert_int_equal(ops_valid(&op, 1, &err), -1);
	assert_string_equal(err.msg, "valid op 0 (mount): target must be an absolute path");
	assert_int_equal(ops_valid(&list, 1, &err), -1);
	assert_string_equal(err.msg, "valid op 0 (mask): paths[1] must be an absolute path");
	op.target = "/proc";
	op.fstype = NULL;
	assert_int_equal(ops_valid(&op, 1, &err), -1);
	assert_string_equal(err.msg, "valid op 0 (mount): source and fstype are required");
	op.type = NULL;
	assert_int_equal(ops_valid(&op, 1, &err), -1);
	assert_string_equal(err.msg, "valid op 0: no op type");
}

static void test_ops_run_names_phase_index_and_type(void **state)
{
	struct op ops[] = {proc_op, proc_op};
	struct hrun_error err = {0};

	assert_int_equal(ops_valid(ops, 2, &err), 0);
	/* no op here has an early or late step: nothing is called */
	assert_int_equal(ops_run(ops, 2, OP_EARLY, &st, &err), 0);
	assert_int_equal(ops_run(ops, 2, OP_LATE, &st, &err), 0);
	stub_sys_expect("target_open_exact", 10, 0, NULL);
	stub_sys_expect("mount", 0, 0, NULL);
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("target_open_exact", 11, 0, NULL);
	stub_sys_expect("mount", -1, ENODEV, NULL);
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(ops_run(ops, 2, OP_APPLY, &st, &err), -1);
	stub_sys_verify();
	assert_string_equal(err.msg, "apply op 1 (mount): mount `proc` on `/proc`: No such device");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_mount_proc_on_the_target_fd, setup),
		cmocka_unit_test_setup(test_mount_sets_propagation_on_the_new_mount, setup),
		cmocka_unit_test_setup(test_mount_tmpfs_takes_the_covered_directory_mode, setup),
		cmocka_unit_test_setup(test_mount_failures, setup),
		cmocka_unit_test_setup(test_mount_sysfs_refused_binds_the_hosts, setup),
		cmocka_unit_test_setup(test_mount_propagation_failure, setup),
		cmocka_unit_test_setup(test_bind_early_opens_only_what_the_runtime_did_not, setup),
		cmocka_unit_test_setup(test_bind_readonly_dir_remounts_the_new_mount, setup),
		cmocka_unit_test_setup(test_bind_file_creates_a_file_and_keeps_it_plain, setup),
		cmocka_unit_test_setup(test_bind_failures, setup),
		cmocka_unit_test_setup(test_bind_idmapped_attaches_the_runtimes_mount, setup),
		cmocka_unit_test_setup(test_bind_with_remount_option_only_remounts, setup),
		cmocka_unit_test_setup(test_remount_root_uses_the_sysroot_fd, setup),
		cmocka_unit_test_setup(test_remount_other_target_opens_it, setup),
		cmocka_unit_test_setup(test_mkdir_creates_the_directory_in_the_root, setup),
		cmocka_unit_test_setup(test_readonly_binds_each_path_on_itself, setup),
		cmocka_unit_test_setup(test_readonly_without_mount_setattr_binds_then_remounts, setup),
		cmocka_unit_test_setup(test_readonly_failures, setup),
		cmocka_unit_test_setup(test_valid_refuses_relative_targets_and_paths, setup),
		cmocka_unit_test_setup(test_ops_run_names_phase_index_and_type, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
