/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Binds with shared propagation (Kubernetes' Bidirectional) are cloned
 * here, on the host, before the init is cloned.  The init makes its / a
 * slave while it builds the root, so a bind it made itself would be a
 * slave of the host's mount, and `shared` on it would start a peer group
 * of its own: the container's mounts under it would never reach the host.
 * A detached clone made here (open_tree) is a peer of the host's mount;
 * the init attaches it (op_bind) and it stays one.
 *
 * Not with a user namespace: the kernel turns what a less privileged mount
 * namespace receives into slaves (CL_SHARED_TO_SLAVE) so that it cannot
 * mount into the host's; a peer handed over by fd would undo that. */
#include "runtime/runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include "container/op.h"
#include "plan/plan.h"
#include "util/cleanup.h"

static bool wants_host_tree(const struct plan *plan, const struct op *op)
{
	return op->type == &op_bind_type && !op->idmap && (op->propagation & MS_SHARED) &&
	       !(op->flags & MS_REMOUNT) && !(plan->clone_flags & CLONE_NEWUSER) &&
	       !plan_join_path(plan, CLONE_NEWUSER);
}

int shared_binds_open(struct plan *plan, struct hrun_error *err)
{
	for (size_t i = 0; i < plan->n_ops; i++) {
		struct op *op = &plan->ops[i];
		unsigned int rec = op->flags & MS_REC ? AT_RECURSIVE : 0;
		int fd;

		if (!wants_host_tree(plan, op))
			continue;
		fd = open_tree(AT_FDCWD, op->source, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | rec);
		if (fd < 0) {
			shared_binds_close(plan);
			return hrun_error_errno(err, "bind source `%s` of `%s`", op->source,
						op->target);
		}
		op->host_tree_fd = fd;
		op->bits |= OP_BIND_HOST_TREE;
	}
	return 0;
}

void shared_binds_close(struct plan *plan)
{
	for (size_t i = 0; i < plan->n_ops; i++) {
		struct op *op = &plan->ops[i];

		if (op->type != &op_bind_type || !(op->bits & OP_BIND_HOST_TREE))
			continue;
		close(op->host_tree_fd);
		op->bits &= ~OP_BIND_HOST_TREE;
	}
}

size_t shared_bind_fds(const struct plan *plan, int *fds, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < plan->n_ops; i++) {
		const struct op *op = &plan->ops[i];

		if (op->type != &op_bind_type || !(op->bits & OP_BIND_HOST_TREE))
			continue;
		if (n < max)
			fds[n] = op->host_tree_fd;
		n++;
	}
	return n;
}
