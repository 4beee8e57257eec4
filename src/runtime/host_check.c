/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What config.json asks that only the host can answer, checked before
 * anything is made, each refusal naming the config field:
 *  - linux.namespaces[].path is a namespace of that type (NS_GET_NSTYPE);
 *  - a sysctl does not reach a joined namespace that is the host's own;
 *  - process.apparmorProfile needs AppArmor, process.selinuxLabel and
 *    linux.mountLabel need SELinux;
 *  - linux.intelRdt needs resctrl mounted (the groups: resctrl.c);
 *  - /proc, /sys and /dev of the rootfs, and the way to a mount under
 *    them, are no symlinks. */
#include "runtime/host.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/nsfs.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oci/spec.h"
#include "plan/plan.h"
#include "plan/sysctl.h"
#include "runtime/resctrl.h"
#include "util/cleanup.h"
#include "util/error.h"

static const struct {
	int flag;
	const char *proc; /* /proc/self/ns/<proc> */
} ns_types[OCI_NS_COUNT] = {
	[OCI_NS_PID] = {CLONE_NEWPID, "pid"},	       [OCI_NS_NETWORK] = {CLONE_NEWNET, "net"},
	[OCI_NS_MOUNT] = {CLONE_NEWNS, "mnt"},	       [OCI_NS_IPC] = {CLONE_NEWIPC, "ipc"},
	[OCI_NS_UTS] = {CLONE_NEWUTS, "uts"},	       [OCI_NS_USER] = {CLONE_NEWUSER, "user"},
	[OCI_NS_CGROUP] = {CLONE_NEWCGROUP, "cgroup"}, [OCI_NS_TIME] = {CLONE_NEWTIME, "time"},
};

static int check_ns_path(const struct oci_namespace *ns, size_t i, struct hrun_error *err)
{
	_cleanup_close_ int fd = open(ns->path, O_RDONLY | O_CLOEXEC);
	int type;

	if (fd < 0)
		return hrun_error_errno(err, "linux.namespaces[%zu].path: `%s`", i, ns->path);
	type = ioctl(fd, NS_GET_NSTYPE);
	if (type < 0 && errno != ENOTTY && errno != EINVAL)
		return hrun_error_errno(err, "linux.namespaces[%zu].path: `%s`", i, ns->path);
	if (type != ns_types[ns->type].flag)
		return hrun_error_set(err, 0,
				      "linux.namespaces[%zu].path: `%s` is not a %s namespace", i,
				      ns->path, oci_ns_type_name(ns->type));
	return 0;
}

static const struct oci_namespace *joined(const struct oci_linux *lx, int flag)
{
	for (size_t i = 0; i < lx->n_namespaces; i++)
		if (lx->namespaces[i].path && ns_types[lx->namespaces[i].type].flag == flag)
			return &lx->namespaces[i];
	return NULL;
}

/* A sysctl written in a joined namespace that is ours would change the host. */
static int check_sysctl_ns(const struct oci_linux *lx, struct hrun_error *err)
{
	for (size_t i = 0; i < lx->n_sysctl; i++) {
		int flag = sysctl_namespace(lx->sysctl[i].key);
		const struct oci_namespace *ns = flag ? joined(lx, flag) : NULL;
		char own[64];
		struct stat a, b;

		if (!ns)
			continue;
		snprintf(own, sizeof own, "/proc/self/ns/%s", ns_types[ns->type].proc);
		if (stat(ns->path, &a) == 0 && stat(own, &b) == 0 && a.st_ino == b.st_ino &&
		    a.st_dev == b.st_dev)
			return hrun_error_set(err, 0,
					      "linux.sysctl[\"%s\"]: the %s namespace `%s` is the "
					      "host's",
					      lx->sysctl[i].key, oci_ns_type_name(ns->type),
					      ns->path);
	}
	return 0;
}

static bool file_starts(const char *path, const char *prefix)
{
	char buf[64] = "";
	_cleanup_close_ int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);

	return n > 0 && strncmp(buf, prefix, strlen(prefix)) == 0;
}

static bool selinux_enabled(void)
{
	return access("/sys/fs/selinux/enforce", F_OK) == 0;
}

/* The host is asked only about an LSM the config names: most configs
 * name none, and create need not look. */
int host_check_lsm(const struct plan *plan, struct hrun_error *err)
{
	if (plan->process.attrs.apparmor_profile &&
	    !file_starts("/sys/module/apparmor/parameters/enabled", "Y"))
		return hrun_error_set(
			err, 0, "process.apparmorProfile: AppArmor is not enabled on this host");
	if (plan->process.attrs.selinux_label && !selinux_enabled())
		return hrun_error_set(err, 0,
				      "process.selinuxLabel: SELinux is not enabled on this host");
	if (plan->mount_label && !selinux_enabled())
		return hrun_error_set(err, 0,
				      "linux.mountLabel: SELinux is not enabled on this host");
	return 0;
}

/* Each component of `dest` (a mount destination, or a kernel_dirs entry)
 * that the rootfs has is no symlink; `field` names it in the error.  The
 * first `skip` components are known to be none (a kernel dir, looked at
 * already). */
static int check_no_symlink(int rootfd, const char *dest, size_t skip, const char *field,
			    struct hrun_error *err)
{
	char path[PATH_MAX];
	struct stat st;
	size_t len = 0;

	for (const char *p = dest + strspn(dest, "/"); *p; p += strspn(p, "/")) {
		size_t n = strcspn(p, "/");

		if ((n == 2 && strncmp(p, "..", 2) == 0) || len + n + 2 > sizeof path)
			return 0;
		if (len)
			path[len++] = '/';
		memcpy(path + len, p, n);
		path[len += n] = '\0';
		p += n;
		if (skip) {
			skip--;
			continue;
		}
		if (fstatat(rootfd, path, &st, AT_SYMLINK_NOFOLLOW) < 0)
			return 0;
		if (S_ISLNK(st.st_mode))
			return hrun_error_set(err, 0,
					      "%s: `/%s` in the rootfs is a symbolic link, refused",
					      field, path);
	}
	return 0;
}

/* /proc, /sys and /dev are where the kernel's values are read and the
 * devices found.  A rootfs that makes one a symlink (or a symlink on the
 * way to a mount under them) has the init mount the real thing elsewhere
 * and leaves the image's own files in their place: a fake
 * /proc/sys/kernel/cap_last_cap, oom_score_adj, attr/exec (CVE-2019-16884,
 * CVE-2023-27561).  Refused, as runc does, before anything is made. */
static int check_kernel_dirs(const struct oci_spec *spec, const struct plan *plan,
			     struct hrun_error *err)
{
	_cleanup_close_ int rootfd = open(plan->rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
	char field[64];

	if (rootfd < 0)
		return hrun_error_errno(err, "root.path `%s`", plan->rootfs);
	for (size_t i = 0; i < PLAN_N_KERNEL_DIRS; i++)
		if (check_no_symlink(rootfd, plan_kernel_dirs[i], 0, "root.path", err) < 0)
			return -1;
	for (size_t i = 0; i < spec->n_mounts; i++) {
		const char *dest = spec->mounts[i].destination;

		if (!dest || !plan_in_kernel_dir(dest))
			continue;
		snprintf(field, sizeof field, "mounts[%zu].destination", i);
		/* its kernel dir was checked above (every kernel_dirs entry is
		 * one component) */
		if (check_no_symlink(rootfd, dest, 1, field, err) < 0)
			return -1;
	}
	return 0;
}

int host_check(const struct oci_spec *spec, const struct plan *plan, struct hrun_error *err)
{
	const struct oci_linux *lx = spec->linux_;

	for (size_t i = 0; lx && i < lx->n_namespaces; i++)
		if (lx->namespaces[i].path && (unsigned)lx->namespaces[i].type < OCI_NS_COUNT &&
		    check_ns_path(&lx->namespaces[i], i, err) < 0)
			return -1;
	if ((lx && check_sysctl_ns(lx, err) < 0) || host_check_lsm(plan, err) < 0 ||
	    check_kernel_dirs(spec, plan, err) < 0)
		return -1;
	if (lx && lx->intel_rdt) {
		_cleanup_free_ char *root = resctrl_root(RESCTRL_MOUNTINFO, err);

		if (!root)
			return hrun_error_prefix(err, "linux.intelRdt");
	}
	return 0;
}
