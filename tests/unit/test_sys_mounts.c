/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The real dispatcher's mount entries against the real kernel, each in a
 * forked child with a mount namespace of its own (root needed: skipped
 * otherwise): remount, bind_mount, bind_fd, rebind_fd. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cmocka.h>

#include "child_helpers.h"
#include "container/sys_internal.h"
#include "sys_tree.h"
#include "util/error.h"

#define LOCKABLE (ST_NOSUID | ST_NODEV | ST_NOEXEC)

static int remount_child(void *arg)
{
	const char *mnt = arg;
	struct hrun_error err = {0};
	struct statvfs sv;

	CHILD_CHECK(private_mount_ns() == 0);
	CHILD_CHECK(mount("t", mnt, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0);
	/* a new user namespace locks the flags: a plain ro remount fails */
	CHILD_CHECK(unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0);
	CHILD_CHECK(mount(NULL, mnt, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) < 0);
	CHILD_CHECK(errno == EPERM);
	CHILD_CHECK(direct_remount(mnt, MS_RDONLY, &err) == 0);
	CHILD_CHECK(statvfs(mnt, &sv) == 0);
	CHILD_CHECK((sv.f_flag & (LOCKABLE | ST_RDONLY)) == (LOCKABLE | ST_RDONLY));
	/* nothing to change: no remount at all */
	CHILD_CHECK(direct_remount(mnt, MS_RDONLY | MS_NOSUID, &err) == 0);
	return 0;
}

static void test_remount_keeps_locked_flags_and_adds_ro(void **state)
{
	struct tree *t = *state;
	char mnt[256];

	need_root();
	path_in(mnt, sizeof mnt, t->dir, "mnt");
	assert_int_equal(mkdir(mnt, 0755), 0);
	assert_int_equal(in_child(remount_child, mnt), 0);
}

static int bind_child(void *arg)
{
	struct tree *t = arg;
	char tgt[256];
	struct hrun_error err = {0};
	struct statvfs sv;

	path_in(tgt, sizeof tgt, t->dir, "bind");
	CHILD_CHECK(private_mount_ns() == 0);
	CHILD_CHECK(direct_bind_mount(t->root, tgt, MS_RDONLY | MS_NODEV, true, &err) == 0);
	CHILD_CHECK(statvfs(tgt, &sv) == 0);
	CHILD_CHECK((sv.f_flag & (ST_RDONLY | ST_NODEV)) == (ST_RDONLY | ST_NODEV));
	CHILD_CHECK(statvfs(t->root, &sv) == 0 && !(sv.f_flag & ST_RDONLY));
	CHILD_CHECK(direct_bind_mount("/nonexistent-src", tgt, 0, false, &err) < 0);
	CHILD_CHECK(strstr(err.msg, "bind `/nonexistent-src` on `") == err.msg);
	return 0;
}

static void test_bind_mount_readonly_leaves_the_source_writable(void **state)
{
	struct tree *t = *state;
	char tgt[256];

	need_root();
	path_in(tgt, sizeof tgt, t->dir, "bind");
	assert_int_equal(mkdir(tgt, 0755), 0);
	assert_int_equal(in_child(bind_child, t), 0);
}

static int bind_fd_child(void *arg)
{
	const char *file = arg;
	struct hrun_error err = {0};
	struct stat st, pst;
	int master, peer, tgt;

	/* open_tree clones mounts of our own namespace only: the pty after it */
	CHILD_CHECK(private_mount_ns() == 0);
	master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	CHILD_CHECK(master >= 0 && (peer = direct_pty_peer(master)) >= 0);
	CHILD_CHECK((tgt = open(file, O_PATH | O_CLOEXEC)) >= 0);
	CHILD_CHECK(direct_bind_fd(peer, tgt, &err) == 0);
	CHILD_CHECK(stat(file, &st) == 0 && fstat(peer, &pst) == 0);
	CHILD_CHECK(S_ISCHR(st.st_mode) && st.st_rdev == pst.st_rdev);
	return 0;
}

static void test_bind_fd_binds_the_pty_peer_on_a_file(void **state)
{
	struct tree *t = *state;
	char file[256];

	need_root();
	make_file(t->dir, "console");
	path_in(file, sizeof file, t->dir, "console");
	assert_int_equal(in_child(bind_fd_child, file), 0);
}

/* dir bound on itself read-only with its whole tree: the new top mount
 * refuses a write, the tmpfs below it came along and kept its own flags,
 * and the mount under the copy is untouched (reached through an fd). */
static int rebind_fd_child(void *arg)
{
	const char *dir = arg;
	struct hrun_error err = {0};
	char sub[256], file[300];
	int fd, below;

	CHILD_CHECK(private_mount_ns() == 0);
	path_in(sub, sizeof sub, dir, "sub");
	CHILD_CHECK(mkdir(sub, 0755) == 0 && mount("t", sub, "tmpfs", 0, NULL) == 0);
	CHILD_CHECK((fd = open(dir, O_PATH | O_DIRECTORY | O_CLOEXEC)) >= 0);
	CHILD_CHECK((below = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0);
	CHILD_CHECK(direct_rebind_fd(fd, true, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOEXEC, &err) == 0);
	path_in(file, sizeof file, dir, "x");
	CHILD_CHECK(open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0644) < 0 && errno == EROFS);
	path_in(file, sizeof file, sub, "x");
	CHILD_CHECK(open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0644) >= 0);
	CHILD_CHECK(openat(below, "y", O_WRONLY | O_CREAT | O_CLOEXEC, 0644) >= 0);
	return 0;
}

static void test_rebind_fd_makes_a_read_only_copy_with_its_tree(void **state)
{
	struct tree *t = *state;

	need_root();
	assert_int_equal(in_child(rebind_fd_child, t->dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remount_keeps_locked_flags_and_adds_ro),
		cmocka_unit_test(test_bind_mount_readonly_leaves_the_source_writable),
		cmocka_unit_test(test_bind_fd_binds_the_pty_peer_on_a_file),
		cmocka_unit_test(test_rebind_fd_makes_a_read_only_copy_with_its_tree),
	};

	return cmocka_run_group_tests_name("sys_mounts", tests, tree_setup, tree_teardown);
}
