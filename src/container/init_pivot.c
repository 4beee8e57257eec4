/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The double pivot: into an intermediate root where the ops see both the
 * host (/host) and the container root (/sysroot), then into /sysroot with
 * the intermediate root detached, and the host's tree under it.
 *
 * The intermediate root is a tmpfs mounted over /proc/self/fd.  That path
 * looks odd but it is the right one: it exists wherever /proc does (the
 * init cannot work without it anyway), it belongs to the init, it is
 * reachable only by the init and root because the init is not dumpable,
 * and after the second pivot and the lazy unmount the tmpfs is anonymous:
 * nothing in the container can ever see it, nor hrun's sealed binary,
 * which the init attaches there.
 *
 * With create hooks the way goes through the host's tree (runc's view for
 * the hooks, init_pivot_host): the finished root is moved onto its rootfs
 * path under /host, the init pivots back there, and the final pivot is
 * made from the rootfs path, the host's tree detached after it.
 *
 * A config without a mount namespace gets the same root, built the same
 * way; once it is finished the init carries it into the host's mount
 * namespace (a detached clone of the tree, then setns and chroot). */
#include "container/init_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/mount.h>

#include "container/sys.h"
#include "plan/plan.h"

static int enter_intermediate(const struct sys *k, struct hrun_error *err)
{
	if (k->mount("rootfs", INIT_INTERMEDIATE, "tmpfs", MS_NODEV | MS_NOSUID, NULL) < 0)
		return hrun_error_errno(err, "cannot mount intermediate root");
	if (k->chdir(INIT_INTERMEDIATE) < 0)
		return hrun_error_errno(err, "cannot enter intermediate root");
	return 0;
}

/* Each mount left to dissolve apart waits for an RCU grace period: hrun's
 * sealed binary is detached with the intermediate root instead, in the
 * same unmount, and until then only the init can reach it. */
static int keep_sealed_exe(const struct sys *k, int tree, struct hrun_error *err)
{
	int fd = k->open("exe", O_CREAT | O_EXCL | O_RDONLY | O_CLOEXEC, 0400), r;

	if (fd < 0)
		return hrun_error_errno(err, "cannot make a place for hrun's sealed binary");
	r = k->attach_mount(tree, fd, err);
	k->close(fd);
	k->close(tree);
	return r < 0 ? hrun_error_prefix(err, "cannot keep hrun's sealed binary") : 0;
}

int init_pivot_intermediate(struct init_ctx *c, struct hrun_error *err)
{
	const struct sys *k = c->st.k;
	const char *rootfs = c->st.plan->rootfs;

	if (enter_intermediate(k, err) < 0)
		return -1;
	if (c->fds->sealed_exe >= 0 && keep_sealed_exe(k, c->fds->sealed_exe, err) < 0)
		return -1;
	if (k->mkdir("sysroot", 0755) < 0)
		return hrun_error_errno(err, "cannot create sysroot");
	/* the seed binds sysroot onto itself; an OCI container's root is its rootfs */
	if (k->mount(rootfs, "sysroot", NULL, MS_BIND | MS_REC, NULL) < 0)
		return hrun_error_errno(err, "cannot bind rootfs `%s` on sysroot", rootfs);
	if (k->mkdir("host", 0755) < 0)
		return hrun_error_errno(err, "cannot create host");
	if (k->pivot_root(INIT_INTERMEDIATE, "host") < 0)
		return hrun_error_errno(err, "cannot pivot into intermediate root");
	if (k->chdir("/") < 0)
		return hrun_error_errno(err, "cannot enter intermediate root");
	c->st.sysroot_fd = k->open(INIT_SYSROOT, O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
	if (c->st.sysroot_fd < 0)
		return hrun_error_errno(err, "cannot open sysroot");
	/* no device cgroup to stop them: the image's own device nodes must
	 * not open (the mounts made on it later are not affected) */
	if (c->st.plan->rootfs_nodev &&
	    k->mount_setattr_tree(c->st.sysroot_fd, MOUNT_ATTR_NODEV, 0) < 0)
		return hrun_error_errno(err, "cannot make rootfs `%s` nodev", rootfs);
	return 0;
}

/* pivot_root(".", ".") from `dir` stacks the old root on the new one at
 * "/"; going back to the old root by fd and detaching it leaves the new
 * one.  An old root that is the host's tree is made rprivate first, once
 * the container's tree is out of it: detaching it must not reach the
 * host, nor change the container's mounts. */
struct pivot {
	const char *dir, *name, *old_name;
	bool old_is_host;
};

static int enter_root(const struct sys *k, const struct pivot *p, int oldroot,
		      struct hrun_error *err)
{
	if (k->chdir(p->dir) < 0)
		return hrun_error_errno(err, "cannot enter %s", p->name);
	if (k->pivot_root(".", ".") < 0)
		return hrun_error_errno(err, "cannot pivot into %s", p->name);
	if (k->fchdir(oldroot) < 0)
		return hrun_error_errno(err, "cannot re-enter %s", p->old_name);
	if (p->old_is_host && k->mount(NULL, ".", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return hrun_error_errno(err, "cannot make host root rprivate");
	if (k->umount2(".", MNT_DETACH) < 0)
		return hrun_error_errno(err, "cannot unmount %s", p->old_name);
	if (k->chdir("/") < 0)
		return hrun_error_errno(err, "cannot enter root");
	return 0;
}

static int pivot_to(const struct sys *k, const struct pivot *p, struct hrun_error *err)
{
	int oldroot = k->open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC, 0);

	if (oldroot < 0)
		return hrun_error_errno(err, "cannot open %s", p->old_name);
	if (enter_root(k, p, oldroot, err) < 0)
		return -1;
	if (k->close(oldroot) < 0)
		return hrun_error_errno(err, "cannot close %s", p->old_name);
	return 0;
}

/* runc's view for the create hooks: the host's tree at "/", the
 * container's root (with every mount of the ops) on its rootfs path, the
 * cwd there.  A hook that enters the mount namespace finds host paths
 * where the host has them, and what it mounts under the rootfs path is in
 * the container.  The rootfs path is resolved under /host, as bind
 * sources are (the bundle is a real path already). */
int init_pivot_host(struct init_ctx *c, struct hrun_error *err)
{
	static const struct pivot to_host = {INIT_HOST, "host root", "intermediate root", false};
	const struct sys *k = c->st.k;
	const char *rootfs = c->st.plan->rootfs;
	char target[PATH_MAX + sizeof INIT_HOST];

	if ((size_t)snprintf(target, sizeof target, INIT_HOST "%s", rootfs) >= sizeof target)
		return hrun_error_set(err, ENAMETOOLONG, "rootfs `%s`", rootfs);
	if (k->mount(INIT_SYSROOT, target, NULL, MS_MOVE, NULL) < 0)
		return hrun_error_errno(err, "cannot move the container's root onto `%s`", rootfs);
	if (pivot_to(k, &to_host, err) < 0)
		return -1;
	c->at_host = true;
	if (k->chdir(rootfs) < 0)
		return hrun_error_errno(err, "cannot enter rootfs `%s`", rootfs);
	return 0;
}

int init_carry_root(struct init_ctx *c, struct hrun_error *err)
{
	if (!c->st.plan->host_mount_ns)
		return 0;
	if (c->st.k->carry_root(c->fds->host_mnt, err) < 0)
		return -1;
	c->st.k->close(c->fds->host_mnt);
	return 0;
}

int init_pivot_sysroot(struct init_ctx *c, struct hrun_error *err)
{
	static const struct pivot to_sysroot = {INIT_SYSROOT, "sysroot", "intermediate root",
						false};
	const struct sys *k = c->st.k;

	k->close(c->st.sysroot_fd);
	c->st.sysroot_fd = -1;
	if (c->at_host) {
		const struct pivot to_rootfs = {c->st.plan->rootfs, "rootfs", "host root", true};

		c->at_host = false;
		return pivot_to(k, &to_rootfs, err);
	}
	/* the host's tree goes with the intermediate root, in one lazy
	 * unmount: each unmount waits for an RCU grace period */
	if (k->mount(NULL, INIT_HOST, NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return hrun_error_errno(err, "cannot make host root rprivate");
	return pivot_to(k, &to_sysroot, err);
}
