/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Id-mapped binds are made here, on the host, before the init is cloned.
 * The kernel id-maps a mount only for a caller with CAP_SYS_ADMIN over the
 * source's filesystem, in practice the host's user namespace, and only
 * while the mount is detached: the init, soon in a user namespace of its
 * own, could do neither, nor could the helper that clones sources in a
 * locked mount namespace (bind_sources_locked.c).  So the source's
 * detached clone, wherever it was made (bind_sources.c), is given a user
 * namespace holding the mount's maps (mount_setattr MOUNT_ATTR_IDMAP)
 * here, before the init inherits it. */
#include "runtime/runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "container/op.h"
#include "plan/plan.h"
#include "util/cleanup.h"

/* A new user namespace holding these maps.  Only a process can make one:
 * a child that waits for the end of the pipe; the namespace outlives it
 * through the returned fd. */
static int userns_with_maps(const struct plan_id_map *uid_map, size_t n_uid_map,
			    const struct plan_id_map *gid_map, size_t n_gid_map,
			    struct hrun_error *err)
{
	struct clone_args args = {.flags = CLONE_NEWUSER, .exit_signal = SIGCHLD};
	char path[64], byte;
	int p[2], fd = -1;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC) < 0)
		return hrun_error_errno(err, "pipe");
	pid = (pid_t)syscall(SYS_clone3, &args, sizeof args);
	if (pid == 0) {
		close(p[1]);
		_exit(read(p[0], &byte, 1) < 0);
	}
	close(p[0]);
	if (pid < 0)
		hrun_error_errno(err, "clone a user namespace");
	else if (idmap_write_maps(pid, uid_map, n_uid_map, gid_map, n_gid_map, err) == 0) {
		snprintf(path, sizeof path, "/proc/%d/ns/user", (int)pid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			hrun_error_errno(err, "open `%s`", path);
	}
	close(p[1]);
	while (pid > 0 && waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return fd;
}

/* The container's own user namespace, for mounts without maps: as it
 * will be made (its maps) or the one it joins. */
static int container_userns(const struct plan *plan, struct hrun_error *err)
{
	const char *path = plan_join_path(plan, CLONE_NEWUSER);
	int fd;

	if (!path)
		return userns_with_maps(plan->uid_map, plan->n_uid_map, plan->gid_map,
					plan->n_gid_map, err);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return hrun_error_errno(err, "user namespace `%s`", path);
	return fd;
}

static int set_idmap(const struct op *op, int mnt_fd, int userns_fd, struct hrun_error *err)
{
	struct mount_attr attr = {.attr_set = MOUNT_ATTR_IDMAP, .userns_fd = (uint64_t)userns_fd};

	if (mount_setattr(mnt_fd, "", AT_EMPTY_PATH | (op->idmap->recursive ? AT_RECURSIVE : 0),
			  &attr, sizeof attr) < 0)
		return hrun_error_errno(err, "id-map `%s`%s", op->source,
					errno == EINVAL ? " (can its filesystem be id-mapped?)"
							: "");
	return 0;
}

/* The user namespace of one op, made once for every op taking the
 * container's (*shared). */
static int op_userns(const struct plan *plan, const struct op_idmap *idmap, int *shared,
		     struct hrun_error *err)
{
	if (idmap->n_uid_map)
		return userns_with_maps(idmap->uid_map, idmap->n_uid_map, idmap->gid_map,
					idmap->n_gid_map, err);
	int fd;

	if (*shared < 0)
		*shared = container_userns(plan, err);
	if (*shared < 0)
		return -1;
	fd = fcntl(*shared, F_DUPFD_CLOEXEC, 0);
	if (fd < 0)
		return hrun_error_errno(err, "duplicate the user namespace's fd");
	return fd;
}

int idmapped_mount_set(const struct plan *plan, const struct op *op, int mnt_fd, int *shared,
		       struct hrun_error *err)
{
	_cleanup_close_ int userns = op_userns(plan, op->idmap, shared, err);

	if (userns < 0 || set_idmap(op, mnt_fd, userns, err) < 0)
		return hrun_error_prefix(err, "id-mapped bind on `%s`", op->target);
	return 0;
}
