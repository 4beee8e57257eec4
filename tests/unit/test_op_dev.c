/* SPDX-License-Identifier: GPL-2.0-or-later */
/* op_dev and op_device on the stub dispatcher: mknod without a user
 * namespace, binds of the host's nodes with one, the symlinks, and what
 * already exists. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <cmocka.h>

#include "container/op.h"
#include "stub_sys.h"

#define FD(n)	  "\"/host/proc/self/fd/" #n "\""
#define DEV(name) "\"/host/proc/self/fd/10/" name "\""

static struct init_state st = {.k = &stub_sys, .sysroot_fd = 3, .last_cap = -1};

static const struct {
	const char *name, *dev;
} nodes[] = {
	{"null", "1:3"},   {"zero", "1:5"},    {"full", "1:7"},
	{"random", "1:8"}, {"urandom", "1:9"}, {"tty", "5:0"},
};

static const struct {
	const char *name, *target;
} links[] = {
	{"fd", "/proc/self/fd"},       {"stdin", "/proc/self/fd/0"}, {"stdout", "/proc/self/fd/1"},
	{"stderr", "/proc/self/fd/2"}, {"core", "/proc/kcore"},	     {"ptmx", "pts/ptmx"},
};

static int setup(void **state)
{
	stub_sys_reset();
	return 0;
}

static void expect_links(int exists_from)
{
	for (size_t i = 0; i < sizeof links / sizeof links[0]; i++)
		stub_sys_expect("symlink", (int)i >= exists_from ? -1 : 0,
				(int)i >= exists_from ? EEXIST : 0,
				"\"%s\", \"/host/proc/self/fd/10/%s\"", links[i].target,
				links[i].name);
}

static int apply(unsigned int bits, struct hrun_error *err)
{
	struct op op = {.type = &op_dev_type, .target = "/dev", .bits = bits};
	int r = op.type->apply(&op, &st, err);

	stub_sys_verify();
	return r;
}

static void test_dev_mknod_nodes_and_links(void **state)
{
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, "3, \"/dev\", 040000");
	for (size_t i = 0; i < 6; i++)
		stub_sys_expect("mknod", 0, 0, "\"/host/proc/self/fd/10/%s\", 020666, %s",
				nodes[i].name, nodes[i].dev);
	expect_links(6);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(0, &err), 0);
}

static void expect_host_node(int fd, const char *host, dev_t rdev)
{
	struct stat chr = {.st_mode = S_IFCHR | 0666, .st_rdev = rdev};

	stub_sys_expect("open", fd, 0, "\"%s\", 0x%x, 00", host, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	stub_sys_expect_data("stat", 0, 0, &chr, sizeof chr, "\"/host/proc/self/fd/%d\"", fd);
}

static const dev_t node_devs[] = {0x103, 0x105, 0x107, 0x108, 0x109, 0x500};

static void test_dev_binds_host_nodes_in_a_user_namespace(void **state)
{
	struct hrun_error err = {0};
	char host[32];

	stub_sys_expect("target_open", 10, 0, "3, \"/dev\", 040000");
	for (size_t i = 0; i < 6; i++) {
		stub_sys_expect("open", 11, 0, "\"/host/proc/self/fd/10/%s\", 0x%x, 0666",
				nodes[i].name,
				O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC);
		stub_sys_expect("close", 0, 0, "11");
		snprintf(host, sizeof host, "/host/dev/%s", nodes[i].name);
		expect_host_node(12, host, makedev(node_devs[i] >> 8, node_devs[i] & 0xff));
		stub_sys_expect("bind_mount", 0, 0,
				FD(12) ", \"/host/proc/self/fd/10/%s\", 0x0, false", nodes[i].name);
		stub_sys_expect("close", 0, 0, "12");
	}
	expect_links(6);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(OP_DEV_BIND_HOST, &err), 0);
}

/* The host's node must be the device it names: never a file or a symlink. */
static void test_dev_refuses_a_host_node_that_is_not_the_device(void **state)
{
	struct stat reg = {.st_mode = S_IFREG | 0644};
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("open", 11, 0, NULL);
	stub_sys_expect("close", 0, 0, "11");
	stub_sys_expect("open", 12, 0, "\"/host/dev/null\", 0x%x, 00",
			O_PATH | O_NOFOLLOW | O_CLOEXEC);
	stub_sys_expect_data("stat", 0, 0, &reg, sizeof reg, FD(12));
	stub_sys_expect("close", 0, 0, "12");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(OP_DEV_BIND_HOST, &err), -1);
	assert_string_equal(err.msg,
			    "`/host/dev/null` is not the character device 1:3: refusing to use it");
}

/* In a user namespace too, an existing node is kept, and not bound over. */
static void test_dev_bind_mode_keeps_existing_nodes(void **state)
{
	struct stat chr = {.st_mode = S_IFCHR | 0600};
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("open", -1, EEXIST, NULL);
	stub_sys_expect("open", 11, 0, DEV("null") ", 0x%x, 00", O_PATH | O_NOFOLLOW | O_CLOEXEC);
	stub_sys_expect_data("stat", 0, 0, &chr, sizeof chr, FD(11));
	stub_sys_expect("close", 0, 0, "11");
	for (size_t i = 1; i < 6; i++) {
		stub_sys_expect("open", 11, 0, NULL);
		stub_sys_expect("close", 0, 0, "11");
		stub_sys_expect("open", 12, 0, NULL);
		stub_sys_expect_data(
			"stat", 0, 0,
			&(struct stat){.st_mode = S_IFCHR,
				       .st_rdev = makedev(node_devs[i] >> 8, node_devs[i] & 0xff)},
			sizeof(struct stat), NULL);
		stub_sys_expect("bind_mount", 0, 0, NULL);
		stub_sys_expect("close", 0, 0, "12");
	}
	expect_links(6);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(OP_DEV_BIND_HOST, &err), 0);
}

/* An existing node is kept (as runc) and existing links are skipped. */
static void test_dev_keeps_existing_nodes_and_links(void **state)
{
	struct stat chr = {.st_mode = S_IFCHR | 0666};
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("mknod", -1, EEXIST, DEV("null") ", 020666, 1:3");
	stub_sys_expect("open", 11, 0, DEV("null") ", 0x%x, 00", O_PATH | O_NOFOLLOW | O_CLOEXEC);
	stub_sys_expect_data("stat", 0, 0, &chr, sizeof chr, FD(11));
	stub_sys_expect("close", 0, 0, "11");
	for (size_t i = 1; i < 6; i++)
		stub_sys_expect("mknod", 0, 0, NULL);
	expect_links(2);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(0, &err), 0);
}

/* A rootfs /dev/null planted as a symlink is refused (CVE-2026-88264). */
static void test_dev_refuses_an_existing_symlink_node(void **state)
{
	struct stat lnk = {.st_mode = S_IFLNK | 0777};
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("mknod", -1, EEXIST, NULL);
	stub_sys_expect("open", 11, 0, NULL);
	stub_sys_expect_data("stat", 0, 0, &lnk, sizeof lnk, FD(11));
	stub_sys_expect("close", 0, 0, "11");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(0, &err), -1);
	assert_string_equal(err.msg, "`/dev/null` is a symlink: refusing to use it");
}

static void test_dev_failures(void **state)
{
	struct hrun_error err = {0};

	stub_sys_expect("target_open", -1, EACCES, "3, \"/dev\", 040000");
	assert_int_equal(apply(0, &err), -1);
	assert_string_equal(err.msg, "target_open: Permission denied");

	stub_sys_reset();
	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("mknod", 0, 0, NULL);
	stub_sys_expect("mknod", -1, EPERM, DEV("zero") ", 020666, 1:5");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(0, &err), -1);
	assert_string_equal(err.msg, "mknod `/dev/zero`: Operation not permitted");

	stub_sys_reset();
	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("open", 11, 0, NULL);
	stub_sys_expect("close", 0, 0, "11");
	expect_host_node(12, "/host/dev/null", makedev(1, 3));
	stub_sys_expect("bind_mount", -1, ENOENT, NULL);
	stub_sys_expect("close", 0, 0, "12");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(OP_DEV_BIND_HOST, &err), -1);
	assert_string_equal(err.msg,
			    "bind the host's `/dev/null`: bind_mount: No such file or directory");

	stub_sys_reset();
	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("open", -1, EROFS, NULL);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(OP_DEV_BIND_HOST, &err), -1);
	assert_string_equal(err.msg, "create `/dev/null`: Read-only file system");

	stub_sys_reset();
	stub_sys_expect("target_open", 10, 0, NULL);
	for (size_t i = 0; i < 6; i++)
		stub_sys_expect("mknod", 0, 0, NULL);
	stub_sys_expect("symlink", -1, EROFS, NULL);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(0, &err), -1);
	assert_string_equal(err.msg, "symlink `/dev/fd`: Read-only file system");
}

/* --- op_device: one node of linux.devices */

static struct op tun_op(unsigned int bits)
{
	return (struct op){.type = &op_device_type,
			   .target = "/dev/net/tun",
			   .mode = S_IFCHR | 0620,
			   .dev = makedev(10, 200),
			   .uid = 1,
			   .gid = 5,
			   .bits = bits};
}

static int apply_device(struct op *op, struct hrun_error *err)
{
	int r = op->type->apply(op, &st, err);

	stub_sys_verify();
	return r;
}

static void test_device_mknod_in_its_directory_then_chown(void **state)
{
	struct op op = tun_op(0);
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, "3, \"/dev/net\", 040000");
	stub_sys_expect("mknod", 0, 0, DEV("tun") ", 020620, 10:200");
	stub_sys_expect("chown", 0, 0, DEV("tun") ", 1, 5");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply_device(&op, &err), 0);

	stub_sys_reset();
	op.target = "/fifo";
	op.mode = S_IFIFO | 0600;
	op.dev = 0;
	stub_sys_expect("target_open", 10, 0, "3, \"/\", 040000");
	stub_sys_expect("mknod", 0, 0, DEV("fifo") ", 010600, 0:0");
	stub_sys_expect("chown", 0, 0, DEV("fifo") ", 1, 5");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply_device(&op, &err), 0);
}

static void test_device_binds_the_host_node_in_a_user_namespace(void **state)
{
	struct op op = tun_op(OP_DEV_BIND_HOST);
	struct hrun_error err = {0};

	expect_host_node(11, "/host/dev/net/tun", makedev(10, 200));
	stub_sys_expect("target_open", 12, 0, "3, \"/dev/net/tun\", 0100000");
	stub_sys_expect("bind_mount", 0, 0, FD(11) ", " FD(12) ", 0x0, false");
	stub_sys_expect("close", 0, 0, "12");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply_device(&op, &err), 0);

	stub_sys_reset();
	expect_host_node(11, "/host/dev/net/tun", makedev(10, 201));
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply_device(&op, &err), -1);
	assert_string_equal(err.msg, "`/host/dev/net/tun` is not the character device 10:200:"
				     " refusing to use it");

	stub_sys_reset();
	expect_host_node(11, "/host/dev/net/tun", makedev(10, 200));
	stub_sys_expect("target_open", 12, 0, NULL);
	stub_sys_expect("bind_mount", -1, ENOENT, NULL);
	stub_sys_expect("close", 0, 0, "12");
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply_device(&op, &err), -1);
	assert_string_equal(
		err.msg, "bind the host's `/dev/net/tun`: bind_mount: No such file or directory");
}

static void test_device_existing_and_failures(void **state)
{
	struct stat lnk = {.st_mode = S_IFLNK | 0777};
	struct op op = tun_op(0);
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("mknod", -1, EEXIST, NULL);
	stub_sys_expect("open", 11, 0, DEV("tun") ", 0x%x, 00", O_PATH | O_NOFOLLOW | O_CLOEXEC);
	stub_sys_expect_data("stat", 0, 0, &lnk, sizeof lnk, FD(11));
	stub_sys_expect("close", 0, 0, "11");
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply_device(&op, &err), -1);
	assert_string_equal(err.msg, "`/dev/net/tun` is a symlink: refusing to use it");

	stub_sys_reset();
	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("mknod", 0, 0, NULL);
	stub_sys_expect("chown", -1, EINVAL, NULL);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply_device(&op, &err), -1);
	assert_string_equal(err.msg, "chown `/dev/net/tun`: Invalid argument");

	op.mode = S_IFREG | 0600;
	assert_int_equal(op.type->valid(&op, &err), -1);
	assert_string_equal(err.msg, "not a device type: 0100600");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_dev_mknod_nodes_and_links, setup),
		cmocka_unit_test_setup(test_dev_binds_host_nodes_in_a_user_namespace, setup),
		cmocka_unit_test_setup(test_dev_refuses_a_host_node_that_is_not_the_device, setup),
		cmocka_unit_test_setup(test_dev_bind_mode_keeps_existing_nodes, setup),
		cmocka_unit_test_setup(test_dev_keeps_existing_nodes_and_links, setup),
		cmocka_unit_test_setup(test_dev_refuses_an_existing_symlink_node, setup),
		cmocka_unit_test_setup(test_dev_failures, setup),
		cmocka_unit_test_setup(test_device_mknod_in_its_directory_then_chown, setup),
		cmocka_unit_test_setup(test_device_binds_the_host_node_in_a_user_namespace, setup),
		cmocka_unit_test_setup(test_device_existing_and_failures, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
