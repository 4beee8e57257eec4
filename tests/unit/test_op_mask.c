/* SPDX-License-Identifier: GPL-2.0-or-later */
/* op_mask on the stub dispatcher: one shared tmpfs for directories, the
 * host's /dev/null (checked to be 1:3, never through a symlink) for files. */
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

#define FD(n)		"\"/host/proc/self/fd/" #n "\""
#define OPEN_NULL_FLAGS (O_PATH | O_NOFOLLOW | O_CLOEXEC)

static struct init_state st = {.k = &stub_sys, .sysroot_fd = 3, .last_cap = -1};

static int setup(void **state)
{
	stub_sys_reset();
	return 0;
}

static void expect_stat(const char *path, mode_t mode, dev_t rdev)
{
	struct stat sb = {.st_mode = mode, .st_rdev = rdev};

	stub_sys_expect_data("stat", 0, 0, &sb, sizeof sb, "%s", path);
}

/* The host's /dev/null, opened as fd 20. */
static void expect_dev_null(mode_t mode, dev_t rdev)
{
	stub_sys_expect("open", 20, 0, "\"/host/dev/null\", 0x%x, 00", OPEN_NULL_FLAGS);
	expect_stat(FD(20), mode, rdev);
}

static int apply(char **paths, size_t n, struct hrun_error *err)
{
	struct op op = {.type = &op_mask_type, .paths = paths, .n_paths = n};
	int r = op.type->apply(&op, &st, err);

	stub_sys_verify();
	return r;
}

static void test_mask_files_dirs_and_missing_paths(void **state)
{
	char *paths[] = {"/proc/kcore", "/proc/acpi", "/proc/missing", "/proc/keys",
			 "/sys/firmware"};
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, "3, \"/proc/kcore\", 00");
	expect_stat(FD(10), S_IFREG | 0400, 0);
	expect_dev_null(S_IFCHR | 0666, makedev(1, 3));
	stub_sys_expect("bind_mount", 0, 0, FD(20) ", " FD(10) ", 0x0, false");
	stub_sys_expect("close", 0, 0, "10");

	/* the first directory gets the tmpfs, then the tmpfs is opened */
	stub_sys_expect("target_open", 11, 0, "3, \"/proc/acpi\", 00");
	expect_stat(FD(11), S_IFDIR | 0555, 0);
	stub_sys_expect("mount", 0, 0, "\"tmpfs\", " FD(11) ", \"tmpfs\", 0xf, NULL");
	stub_sys_expect("target_open", 21, 0, "3, \"/proc/acpi\", 00");
	stub_sys_expect("close", 0, 0, "11");

	stub_sys_expect("target_open", -1, ENOENT, "3, \"/proc/missing\", 00");

	/* /dev/null is opened and checked once */
	stub_sys_expect("target_open", 12, 0, "3, \"/proc/keys\", 00");
	expect_stat(FD(12), S_IFREG | 0400, 0);
	stub_sys_expect("bind_mount", 0, 0, FD(20) ", " FD(12) ", 0x0, false");
	stub_sys_expect("close", 0, 0, "12");

	/* later directories get a bind of that same tmpfs */
	stub_sys_expect("target_open", 13, 0, "3, \"/sys/firmware\", 00");
	expect_stat(FD(13), S_IFDIR | 0755, 0);
	stub_sys_expect("bind_mount", 0, 0, FD(21) ", " FD(13) ", 0x0, false");
	stub_sys_expect("close", 0, 0, "13");

	stub_sys_expect("close", 0, 0, "20");
	stub_sys_expect("close", 0, 0, "21");
	assert_int_equal(apply(paths, 5, &err), 0);
}

static void test_mask_refuses_a_dev_null_that_is_not_1_3(void **state)
{
	const struct {
		mode_t mode;
		dev_t rdev;
	} bad[] = {
		{S_IFLNK | 0777, 0},		 /* a symlink, opened itself by O_NOFOLLOW */
		{S_IFREG | 0666, 0},		 /* a plain file */
		{S_IFCHR | 0666, makedev(1, 5)}, /* /dev/zero */
		{S_IFBLK | 0666, makedev(1, 3)}, /* a block device 1:3 */
	};
	char *paths[] = {"/proc/kcore"};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct hrun_error err = {0};

		stub_sys_reset();
		stub_sys_expect("target_open", 10, 0, NULL);
		expect_stat(FD(10), S_IFREG, 0);
		expect_dev_null(bad[i].mode, bad[i].rdev);
		stub_sys_expect("close", 0, 0, "20");
		stub_sys_expect("close", 0, 0, "10");
		assert_int_equal(apply(paths, 1, &err), -1);
		assert_string_equal(err.msg, "`/host/dev/null` is not the character device 1:3:"
					     " refusing to use it");
	}
}

static void test_mask_failures(void **state)
{
	char *paths[] = {"/proc/kcore"};
	char *dirs[] = {"/proc/acpi"};
	struct hrun_error err = {0};

	stub_sys_expect("target_open", 10, 0, NULL);
	expect_stat(FD(10), S_IFREG, 0);
	stub_sys_expect("open", -1, ENOENT, NULL);
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(paths, 1, &err), -1);
	assert_string_equal(err.msg, "open `/host/dev/null`: No such file or directory");

	stub_sys_reset();
	stub_sys_expect("target_open", 10, 0, NULL);
	expect_stat(FD(10), S_IFREG, 0);
	expect_dev_null(S_IFCHR, makedev(1, 3));
	stub_sys_expect("bind_mount", -1, EPERM, NULL);
	stub_sys_expect("close", 0, 0, "10");
	stub_sys_expect("close", 0, 0, "20");
	assert_int_equal(apply(paths, 1, &err), -1);
	assert_string_equal(err.msg, "mask `/proc/kcore`: bind_mount: Operation not permitted");

	stub_sys_reset();
	stub_sys_expect("target_open", 10, 0, NULL);
	stub_sys_expect("stat", -1, EACCES, FD(10));
	stub_sys_expect("close", 0, 0, "10");
	assert_int_equal(apply(paths, 1, &err), -1);
	assert_string_equal(err.msg, "mask `/proc/kcore`: stat: Permission denied");

	stub_sys_reset();
	stub_sys_expect("target_open", 11, 0, NULL);
	expect_stat(FD(11), S_IFDIR, 0);
	stub_sys_expect("mount", -1, ENOMEM, NULL);
	stub_sys_expect("close", 0, 0, "11");
	assert_int_equal(apply(dirs, 1, &err), -1);
	assert_string_equal(err.msg, "mask `/proc/acpi`: mount `tmpfs`: Cannot allocate memory");

	stub_sys_reset();
	stub_sys_expect("target_open", -1, ELOOP, NULL);
	assert_int_equal(apply(dirs, 1, &err), -1);
	assert_string_equal(err.msg, "target_open: Too many levels of symbolic links");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_mask_files_dirs_and_missing_paths, setup),
		cmocka_unit_test_setup(test_mask_refuses_a_dev_null_that_is_not_1_3, setup),
		cmocka_unit_test_setup(test_mask_failures, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
