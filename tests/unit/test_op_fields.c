/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ops of issue 3 on the stub dispatcher: sysctl, a tmpfs with
 * tmpcopyup, and the recursive mount options (mount_setattr) after a
 * mount and a bind -- every call, and each failure's message. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "container/op.h"
#include "stub_sys.h"

#define SYSROOT 3
#define FD(n)	"\"/host/proc/self/fd/" #n "\""

static struct init_state st = {.k = &stub_sys, .sysroot_fd = SYSROOT, .last_cap = -1};

static int setup(void **state)
{
	stub_sys_reset();
	return 0;
}

static int apply(struct op *op, struct hrun_error *err)
{
	int r = op->type->apply(op, &st, err);

	stub_sys_verify();
	return r;
}

/* --- sysctl */

static char *sysctls[] = {"net.ipv4.ip_forward=1", "net/ipv4/conf/eth0.100/forwarding=0",
			  "net.ipv4.ping_group_range=0 2000"};
static struct op sysctl_op = {.type = &op_sysctl_type, .paths = sysctls, .n_paths = 3};

static void test_sysctl_writes_each_key_through_the_host_proc(void **state)
{
	struct hrun_error err = {0};

	stub_sys_expect("write_file", 0, 0, "\"/host/proc/sys/net/ipv4/ip_forward\", \"1\"");
	stub_sys_expect("write_file", 0, 0,
			"\"/host/proc/sys/net/ipv4/conf/eth0.100/forwarding\", \"0\"");
	stub_sys_expect("write_file", 0, 0,
			"\"/host/proc/sys/net/ipv4/ping_group_range\", \"0 2000\"");
	assert_int_equal(apply(&sysctl_op, &err), 0);
}

static void test_sysctl_failure_names_the_key(void **state)
{
	struct hrun_error err = {0};

	stub_sys_expect("write_file", 0, 0, NULL);
	stub_sys_expect("write_file", -1, EACCES, NULL);
	assert_int_equal(apply(&sysctl_op, &err), -1);
	assert_string_equal(err.msg, "linux.sysctl[\"net/ipv4/conf/eth0.100/forwarding\"]: "
				     "cannot write `0`: Permission denied");
}

/* hrun in a container: the host's /proc/sys is read-only; a procfs of the
 * init's own takes the rest. */
static void test_sysctl_read_only_host_proc_falls_back_to_its_own(void **state)
{
	struct hrun_error err = {0};

	stub_sys_expect("write_file", 0, 0, NULL);
	stub_sys_expect("write_file", -1, EROFS, NULL);
	stub_sys_expect("mkdir", 0, 0, "\"/sysctl-proc\", 0700");
	stub_sys_expect("mount", 0, 0, "\"proc\", \"/sysctl-proc\", \"proc\", 0xe, NULL");
	stub_sys_expect("write_file", 0, 0,
			"\"/sysctl-proc/sys/net/ipv4/conf/eth0.100/forwarding\", \"0\"");
	stub_sys_expect("write_file", 0, 0,
			"\"/sysctl-proc/sys/net/ipv4/ping_group_range\", \"0 2000\"");
	stub_sys_expect("umount2", 0, 0, "\"/sysctl-proc\", 0x2");
	assert_int_equal(apply(&sysctl_op, &err), 0);
}

static void test_sysctl_valid_and_describe(void **state)
{
	char *bad[] = {"net.ipv4.ip_forward"};
	char *dots[] = {"net..x=1"};
	struct op op = {.type = &op_sysctl_type, .paths = bad, .n_paths = 1};
	struct hrun_error err = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_int_equal(op_sysctl_type.valid(&sysctl_op, &err), 0);
	assert_int_equal(op_sysctl_type.valid(&op, &err), -1);
	assert_string_equal(err.msg, "paths[0]: not key=value with a valid key");
	op.paths = dots;
	assert_int_equal(op_sysctl_type.valid(&op, &err), -1);
	op.n_paths = 0;
	assert_int_equal(op_sysctl_type.valid(&op, &err), -1);
	op_sysctl_type.describe(&sysctl_op, f);
	fclose(f);
	assert_string_equal(text, "sysctl net.ipv4.ip_forward=1 net/ipv4/conf/eth0.100/forwarding=0"
				  " net.ipv4.ping_group_range=\"0 2000\"");
	free(text);
}

/* --- tmpcopyup */

static struct op copyup_op = {
	.type = &op_mount_type,
	.source = "tmpfs",
	.target = "/etc",
	.fstype = "tmpfs",
	.flags = MS_RDONLY | MS_NOSUID,
	.data = "mode=755",
	.bits = OP_MOUNT_TMPCOPYUP,
};

static void test_tmpcopyup_copies_from_the_covered_dir_then_makes_it_ro(void **state)
{
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, "3, \"/etc\", 040000");
	/* writable until the copy is in */
	stub_sys_expect("mount", 0, 0, "\"tmpfs\", " FD(10) ", \"tmpfs\", 0x2, \"mode=755\"");
	stub_sys_expect("target_open", 11, 0, "3, \"/etc\", 00");
	stub_sys_expect("copy_tree", 0, 0, "10, 11");
	stub_sys_expect("close", 0, 0, "11");
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("target_open", 12, 0, "3, \"/etc\", 00");
	stub_sys_expect("remount", 0, 0, FD(12) ", 0x1");
	stub_sys_expect("close", 0, 0, "12");
	assert_int_equal(apply(&copyup_op, &err), 0);
}

static void test_tmpcopyup_failure_names_the_target(void **state)
{
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, "3, \"/etc\", 040000");
	stub_sys_expect("mount", 0, 0, NULL);
	stub_sys_expect("target_open", 11, 0, NULL);
	stub_sys_expect_msg("copy_tree", -1, EACCES, "copy `shadow`: Permission denied", "10, 11");
	stub_sys_expect("close", 0, 0, "11");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&copyup_op, &err), -1);
	assert_string_equal(err.msg, "tmpcopyup on `/etc`: copy `shadow`: Permission denied");
}

/* The stat of a tmpfs's covered directory (op_mount.c). */
static void expect_dir_mode(mode_t mode)
{
	struct stat sb = {.st_mode = S_IFDIR | mode};

	stub_sys_expect_data("stat", 0, 0, &sb, sizeof sb, NULL);
}

static void test_mount_failure_shows_the_options_given_to_the_kernel(void **state)
{
	struct op op = {.type = &op_mount_type,
			.source = "tmpfs",
			.target = "/t",
			.fstype = "tmpfs",
			.data = "nosiud"};
	struct hrun_error err = {0};

	/* over a 0710 directory: its mode goes first (runc) */
	stub_sys_expect("target_open", 10, 0, NULL);
	expect_dir_mode(0710);
	stub_sys_expect("mount", -1, EINVAL, NULL);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg,
			    "mount `tmpfs` on `/t` (options `mode=0710,nosiud`): Invalid argument");
}

/* --- recursive options */

static void test_rbind_sets_recursive_options_on_the_new_tree(void **state)
{
	struct op op = {.type = &op_bind_type,
			.source = "/srv",
			.target = "/data",
			.flags = MS_BIND | MS_REC,
			.mount_fd = 20,
			.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOATIME,
			.attr_clr = MOUNT_ATTR__ATIME};
	struct stat dir = {.st_mode = S_IFDIR | 0755};
	struct hrun_error err = {0};

	stub_sys_expect_data("stat", 0, 0, &dir, sizeof dir, FD(20));
	stub_sys_expect("mount_renew", 21, 0, "20, \"/scratch\", dir, true");
	stub_sys_expect("close", 0, 0, "20");
	stub_sys_expect("target_open", 10, 0, "3, \"/data\", 040000");
	stub_sys_expect("attach_mount", 0, 0, "21, 10");
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("close", 0, 0, "21");
	stub_sys_expect("target_open", 11, 0, "3, \"/data\", 00");
	stub_sys_expect("mount_setattr_tree", 0, 0, "11, 0x11, 0x70");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), 0);
}

/* ro, rslave and rro on one bind: the new mount is opened once for the
 * remount, the propagation and the recursive options. */
static void test_bind_finishes_the_new_mount_through_one_fd(void **state)
{
	struct op op = {.type = &op_bind_type,
			.source = "/srv",
			.target = "/data",
			.flags = MS_BIND | MS_REC | MS_RDONLY,
			.propagation = MS_SLAVE | MS_REC,
			.mount_fd = 20,
			.attr_set = MOUNT_ATTR_RDONLY};
	struct stat dir = {.st_mode = S_IFDIR | 0755};
	struct hrun_error err = {0};

	stub_sys_expect_data("stat", 0, 0, &dir, sizeof dir, FD(20));
	stub_sys_expect("mount_renew", 21, 0, "20, \"/scratch\", dir, true");
	stub_sys_expect("close", 0, 0, "20");
	stub_sys_expect("target_open", 10, 0, "3, \"/data\", 040000");
	stub_sys_expect("attach_mount", 0, 0, "21, 10");
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("close", 0, 0, "21");
	stub_sys_expect("target_open", 11, 0, "3, \"/data\", 00");
	stub_sys_expect("remount", 0, 0, FD(11) ", 0x1");
	stub_sys_expect("mount", 0, 0, "NULL, " FD(11) ", NULL, 0x84000, NULL");
	stub_sys_expect("mount_setattr_tree", 0, 0, "11, 0x1, 0x0");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), 0);
}

static void test_recursive_options_failure_names_them(void **state)
{
	struct op op = {.type = &op_mount_type,
			.source = "tmpfs",
			.target = "/t",
			.fstype = "tmpfs",
			.attr_set = MOUNT_ATTR_NOSUID,
			.attr_clr = MOUNT_ATTR_NOEXEC};
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, NULL);
	expect_dir_mode(0755);
	stub_sys_expect("mount", 0, 0, NULL);
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("target_open", 11, 0, NULL);
	stub_sys_expect("mount_setattr_tree", -1, EPERM, "11, 0x2, 0x8");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(&op, &err), -1);
	assert_string_equal(err.msg,
			    "set rnosuid,rexec on the mounts of `/t`: Operation not permitted");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_sysctl_writes_each_key_through_the_host_proc, setup),
		cmocka_unit_test_setup(test_sysctl_failure_names_the_key, setup),
		cmocka_unit_test_setup(test_sysctl_read_only_host_proc_falls_back_to_its_own,
				       setup),
		cmocka_unit_test_setup(test_sysctl_valid_and_describe, setup),
		cmocka_unit_test_setup(test_tmpcopyup_copies_from_the_covered_dir_then_makes_it_ro,
				       setup),
		cmocka_unit_test_setup(test_tmpcopyup_failure_names_the_target, setup),
		cmocka_unit_test_setup(test_mount_failure_shows_the_options_given_to_the_kernel,
				       setup),
		cmocka_unit_test_setup(test_rbind_sets_recursive_options_on_the_new_tree, setup),
		cmocka_unit_test_setup(test_bind_finishes_the_new_mount_through_one_fd, setup),
		cmocka_unit_test_setup(test_recursive_options_failure_names_them, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
