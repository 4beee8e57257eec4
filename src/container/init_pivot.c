/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The double pivot: into an intermediate root where the ops see both the
 * host (/host) and the container root (/sysroot), then into /sysroot with
 * the host and the intermediate root detached.
 *
 * The intermediate root is a tmpfs mounted over /proc/self/fd.  That path
 * looks odd but it is the right one: it exists wherever /proc does (the
 * init cannot work without it anyway), it belongs to the init, it is
 * reachable only by the init and root because the init is not dumpable,
 * and after the second pivot and the lazy unmount the tmpfs is anonymous:
 * nothing in the container can ever see it.
 *
 * A config without a mount namespace gets the same root, built the same
 * way; once it is finished the init carries it into the host's mount
 * namespace (a detached clone of the tree, then setns and chroot). */
#include "container/init_internal.h"

#include <errno.h>
#include <fcntl.h>
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

int init_pivot_intermediate(struct init_ctx *c, struct hrun_error *err)
{
	const struct sys *k = c->st.k;
	const char *rootfs = c->st.plan->rootfs;

	if (enter_intermediate(k, err) < 0)
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

static int detach_host(const struct sys *k, struct hrun_error *err)
{
	if (k->mount(NULL, INIT_HOST, NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return hrun_error_errno(err, "cannot make host root rprivate");
	if (k->umount2(INIT_HOST, MNT_DETACH) < 0)
		return hrun_error_errno(err, "cannot unmount host root");
	return 0;
}

/* pivot_root(".", ".") stacks the old root on the new one at "/"; going
 * back to the old root by fd and detaching it leaves the new one. */
static int enter_sysroot(const struct sys *k, int oldroot, struct hrun_error *err)
{
	if (k->chdir(INIT_SYSROOT) < 0)
		return hrun_error_errno(err, "cannot enter sysroot");
	if (k->pivot_root(".", ".") < 0)
		return hrun_error_errno(err, "cannot pivot into sysroot");
	if (k->fchdir(oldroot) < 0)
		return hrun_error_errno(err, "cannot re-enter intermediate root");
	if (k->umount2(".", MNT_DETACH) < 0)
		return hrun_error_errno(err, "cannot unmount intermediate root");
	if (k->chdir("/") < 0)
		return hrun_error_errno(err, "cannot enter root");
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
	const struct sys *k = c->st.k;

	k->close(c->st.sysroot_fd);
	c->st.sysroot_fd = -1;
	if (detach_host(k, err) < 0)
		return -1;
	int oldroot = k->open("/", O_DIRECTORY | O_RDONLY | O_CLOEXEC, 0);

	if (oldroot < 0)
		return hrun_error_errno(err, "cannot open intermediate root");
	if (enter_sysroot(k, oldroot, err) < 0)
		return -1;
	if (k->close(oldroot) < 0)
		return hrun_error_errno(err, "cannot close intermediate root");
	return 0;
}
