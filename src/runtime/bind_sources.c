/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bind sources are resolved once, as the detached copy the init attaches
 * (sys_direct.bind_source_open), never again by path: a container sharing
 * the volume cannot swap a path component between a check and the bind.
 * Here, on the host before the clone, for a container in the host's user
 * namespace, and for id-mapped binds (idmapped.c), which only the host can
 * make.  Not for a container with a user namespace: the kernel locks the
 * flags of the host's mounts (ro, nodev, nosuid, noexec) and their
 * submounts only in copies made into a namespace it owns, which the
 * init's own is and a copy made here is not: its root could remount the
 * copy of a read-only host mount read-write.  Nor for a mount namespace
 * joined by path, whose paths are its own.  The init opens those in
 * early, in its namespace, once as well (op_bind.c). */
#include "runtime/runtime.h"

#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include "container/op.h"
#include "container/sys.h"
#include "plan/plan.h"
#include "util/cleanup.h"

static bool opened_here(const struct plan *plan, const struct op *op)
{
	if (op->type != &op_bind_type || (op->flags & MS_REMOUNT))
		return false;
	if (op->idmap)
		return true;
	return !(plan->clone_flags & CLONE_NEWUSER) && !plan_join_path(plan, CLONE_NEWUSER) &&
	       !plan_join_path(plan, CLONE_NEWNS);
}

int bind_sources_open(struct plan *plan, struct hrun_error *err)
{
	_cleanup_close_ int shared = -1;

	for (size_t i = 0; i < plan->n_ops; i++) {
		struct op *op = &plan->ops[i];

		if (!opened_here(plan, op))
			continue;
		op->mount_fd = sys_direct.bind_source_open(op->source, (op->flags & MS_REC) != 0,
							   err);
		if (op->mount_fd < 0)
			hrun_error_prefix(err, "bind on `%s`", op->target);
		if (op->mount_fd < 0 ||
		    (op->idmap && idmapped_mount_set(plan, op, op->mount_fd, &shared, err) < 0)) {
			bind_sources_close(plan);
			return -1;
		}
	}
	return 0;
}

void bind_sources_close(struct plan *plan)
{
	for (size_t i = 0; i < plan->n_ops; i++) {
		struct op *op = &plan->ops[i];

		if (op->type == &op_bind_type && op->mount_fd >= 0) {
			close(op->mount_fd);
			op->mount_fd = -1;
		}
	}
}

size_t bind_source_fds(const struct plan *plan, int *fds, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < plan->n_ops; i++) {
		const struct op *op = &plan->ops[i];

		if (op->type != &op_bind_type || op->mount_fd < 0)
			continue;
		if (n < max)
			fds[n] = op->mount_fd;
		n++;
	}
	return n;
}
