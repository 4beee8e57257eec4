/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Mount helpers: bind, remount that keeps what the kernel locked, bind
 * sources opened once, bind by fd. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "container/sys_internal.h"
#include "util/cleanup.h"
#include "util/error.h"

/* The flags a bind remount can change, per mount. */
#define PER_MOUNT_FLAGS                                                                            \
	(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME | MS_RELATIME | \
	 MS_STRICTATIME | MS_NOSYMFOLLOW | MS_SYNCHRONOUS | MS_MANDLOCK)
#define ATIME_FLAGS (MS_NOATIME | MS_RELATIME | MS_STRICTATIME)
#ifndef ST_NOSYMFOLLOW
#define ST_NOSYMFOLLOW 0x2000 /* linux/statfs.h; not in every glibc */
#endif

/* The source is resolved here and nowhere else: what the caller attaches
 * later is this copy, whatever becomes of the path meanwhile (a shared
 * volume's directory swapped for a symlink to the host).  A slave, as a
 * bind in the init's rslave namespace was: the clone of a shared mount
 * would be the host's peer, and the container's mounts would reach it. */
int direct_bind_source_open(const char *path, bool rec, struct hrun_error *err)
{
	struct mount_attr slave = {.propagation = MS_SLAVE};
	_cleanup_close_ int fd = open_tree(
		AT_FDCWD, path, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (rec ? AT_RECURSIVE : 0));

	if (fd < 0)
		return hrun_error_errno(err, "bind source `%s`", path);
	if (mount_setattr(fd, "", AT_EMPTY_PATH | AT_RECURSIVE, &slave, sizeof slave) < 0)
		return hrun_error_errno(err, "bind source `%s`: make it a slave", path);
	return steal_fd(&fd);
}

/* The mount's current flags, as MS_* (strictatime when neither relatime
 * nor noatime is reported: that is what the kernel then applies). */
static unsigned long mount_flags(const struct statvfs *sv)
{
	static const struct {
		unsigned long st, ms;
	} map[] = {
		{ST_RDONLY, MS_RDONLY},
		{ST_NOSUID, MS_NOSUID},
		{ST_NODEV, MS_NODEV},
		{ST_NOEXEC, MS_NOEXEC},
		{ST_NOATIME, MS_NOATIME},
		{ST_NODIRATIME, MS_NODIRATIME},
		{ST_RELATIME, MS_RELATIME},
		{ST_NOSYMFOLLOW, MS_NOSYMFOLLOW},
		{ST_SYNCHRONOUS, MS_SYNCHRONOUS},
		{ST_MANDLOCK, MS_MANDLOCK},
	};
	unsigned long flags = 0;

	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (sv->f_flag & map[i].st)
			flags |= map[i].ms;
	if (!(flags & ATIME_FLAGS))
		flags |= MS_STRICTATIME;
	return flags;
}

int direct_remount(const char *tgt, unsigned long flags, struct hrun_error *err)
{
	unsigned long want = flags & PER_MOUNT_FLAGS;
	struct statvfs sv;

	if (statvfs(tgt, &sv) < 0)
		return hrun_error_errno(err, "statvfs `%s`", tgt);
	unsigned long now = mount_flags(&sv);

	if ((now | want) == now)
		return 0;
	if (want & ATIME_FLAGS)
		now &= ~(unsigned long)ATIME_FLAGS;
	if (mount(NULL, tgt, NULL, MS_BIND | MS_REMOUNT | now | want, NULL) < 0)
		return hrun_error_errno(err, "remount `%s`", tgt);
	return 0;
}

int direct_bind_mount(const char *src, const char *tgt, unsigned long flags, bool rec,
		      struct hrun_error *err)
{
	if (mount(src, tgt, NULL, MS_BIND | (rec ? MS_REC : 0), NULL) < 0)
		return hrun_error_errno(err, "bind `%s` on `%s`", src, tgt);
	if (!(flags & PER_MOUNT_FLAGS))
		return 0;
	return direct_remount(tgt, flags, err);
}

int direct_attach_mount(int mnt_fd, int tgt_fd, struct hrun_error *err)
{
	if (move_mount(mnt_fd, "", tgt_fd, "", MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) < 0)
		return hrun_error_errno(err, "move_mount of fd %d on fd %d", mnt_fd, tgt_fd);
	return 0;
}

/* The scratch target of mount_renew, made once: never opened, since a
 * file made before may have a copy on it by now (a device, a FIFO). */
static int scratch_make(const char *path, bool dir)
{
	int r = dir ? mkdir(path, 0700) : mknod(path, S_IFREG | 0600, 0);

	return r < 0 && errno != EEXIST ? -1 : 0;
}

int direct_mount_renew(int mnt_fd, const char *scratch, bool dir, bool rec,
		       struct hrun_error *err)
{
	int fd;

	if (scratch_make(scratch, dir) < 0)
		return hrun_error_errno(err, "make `%s`", scratch);
	if (move_mount(mnt_fd, "", AT_FDCWD, scratch, MOVE_MOUNT_F_EMPTY_PATH) < 0)
		return hrun_error_errno(err, "move_mount of fd %d on `%s`", mnt_fd, scratch);
	fd = open_tree(AT_FDCWD, scratch,
		       OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | (rec ? AT_RECURSIVE : 0));
	if (fd < 0)
		return hrun_error_errno(err, "open_tree of `%s`", scratch);
	return fd;
}

/* A detached copy of the mount holding src_fd's file (its whole tree when
 * rec), attr_set on its top mount, moved on the file open at tgt_fd: no
 * path is ever resolved, so no symlink planted on either side can
 * redirect it, and nothing sees the copy before it has its attributes. */
static int copy_onto(int src_fd, int tgt_fd, bool rec, uint64_t attr_set,
		     struct hrun_error *err)
{
	struct mount_attr attr = {.attr_set = attr_set};
	int tree = open_tree(src_fd, "", AT_EMPTY_PATH | OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC |
						 (rec ? AT_RECURSIVE : 0));
	int r;

	if (tree < 0)
		return hrun_error_errno(err, "open_tree of fd %d", src_fd);
	if (attr_set && mount_setattr(tree, "", AT_EMPTY_PATH, &attr, sizeof attr) < 0)
		r = hrun_error_errno(err, "mount_setattr of fd %d", src_fd);
	else
		r = direct_attach_mount(tree, tgt_fd, err);
	close(tree);
	return r;
}

int direct_bind_fd(int src_fd, int tgt_fd, struct hrun_error *err)
{
	return copy_onto(src_fd, tgt_fd, false, 0, err);
}

int direct_rebind_fd(int fd, bool rec, uint64_t attr_set, struct hrun_error *err)
{
	return copy_onto(fd, fd, rec, attr_set, err);
}

/* A detached tree belongs to no namespace: a process whose root is in one
 * sees it from any mount namespace, and it goes when the last such
 * process does, leaving nothing in the namespace joined. */
int direct_carry_root(int ns_fd, struct hrun_error *err)
{
	_cleanup_close_ int tree =
		open_tree(AT_FDCWD, "/", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);

	if (tree < 0)
		return hrun_error_errno(err, "open_tree of /");
	if (setns(ns_fd, CLONE_NEWNS) < 0)
		return hrun_error_errno(err, "join the host's mount namespace");
	if (fchdir(tree) < 0 || chroot(".") < 0 || chdir("/") < 0)
		return hrun_error_errno(err, "enter the carried root");
	return 0;
}
