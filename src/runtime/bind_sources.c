/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bind sources are resolved once, as the detached copy the init attaches
 * (sys_direct.bind_source_open), never again by path: a container sharing
 * the volume cannot swap a path component between a check and the bind.
 * They are opened on the host before the clone: here for a container in
 * the host's user namespace; for a container with a user namespace, in a
 * copy of our mount namespace the kernel locks (bind_sources_locked.c),
 * since a copy made here would lose the locks on the host mounts' flags.
 * Id-mapped binds are cloned where the others of their container are,
 * then id-mapped here (idmapped.c): only the host's root may id-map a
 * mount of the host's filesystems, and it may do so on any detached mount
 * it holds, wherever it was cloned.  A mount namespace joined by path has
 * paths of its own: the init opens those in early, in it, once as well
 * (op_bind.c); and the sources a rootless runtime cannot open in a locked
 * copy, but for id-mapped ones, which only we can id-map: those are
 * cloned here. */
#include "runtime/runtime.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

#include "container/op.h"
#include "container/sys.h"
#include "plan/plan.h"
#include "util/cleanup.h"

static bool a_source(const struct op *op)
{
	return op->type == &op_bind_type && !(op->flags & MS_REMOUNT);
}

static bool in_userns(const struct plan *plan)
{
	return (plan->clone_flags & CLONE_NEWUSER) || plan_join_path(plan, CLONE_NEWUSER);
}

/* Cloned in a locked copy of our mount namespace (see above). */
static bool opened_locked(const struct plan *plan, const struct op *op)
{
	return a_source(op) && in_userns(plan) && !plan_join_path(plan, CLONE_NEWNS);
}

/* Cloned here: in the host's user namespace, or id-mapped and not cloned
 * in a locked copy (none asked, or this runtime could not make one). */
static bool opened_here(const struct plan *plan, const struct op *op)
{
	if (!a_source(op) || op->mount_fd >= 0)
		return false;
	return op->idmap || (!in_userns(plan) && !plan_join_path(plan, CLONE_NEWNS));
}

/* A bind with shared propagation (Kubernetes' Bidirectional) in the host's
 * user namespace: its clone joins the source's peer group and stays there,
 * rather than becoming a slave, so mounts go both ways.  The init makes its
 * / a slave while it builds the root: a bind it made itself, or a slave
 * made shared, would start a peer group of its own.  With a user
 * namespace never: the kernel makes what a less privileged namespace
 * receives a slave, and a peer handed over by fd would undo that. */
static int open_source(const struct plan *plan, const struct op *op, struct hrun_error *err)
{
	unsigned int rec = op->flags & MS_REC ? AT_RECURSIVE : 0;
	int fd;

	if (!(op->propagation & MS_SHARED) || op->idmap || in_userns(plan))
		return sys_direct.bind_source_open(op->source, rec != 0, err);
	fd = open_tree(AT_FDCWD, op->source, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | rec);
	if (fd < 0)
		return hrun_error_errno(err, "bind source `%s`", op->source);
	return fd;
}

static bool any_locked(const struct plan *plan)
{
	for (size_t i = 0; i < plan->n_ops; i++)
		if (opened_locked(plan, &plan->ops[i]))
			return true;
	return false;
}

/* The locked copies first, so that an id-mapped source cloned there is
 * not cloned here too; then the rest, and every id-mapped one id-mapped. */
int bind_sources_open(struct plan *plan, struct hrun_error *err)
{
	_cleanup_close_ int shared = -1;

	if (any_locked(plan) && bind_sources_open_locked(plan, opened_locked, err) < 0)
		goto fail;
	for (size_t i = 0; i < plan->n_ops; i++) {
		struct op *op = &plan->ops[i];

		if (opened_here(plan, op) && (op->mount_fd = open_source(plan, op, err)) < 0) {
			hrun_error_prefix(err, "bind on `%s`", op->target);
			goto fail;
		}
		if (op->idmap && a_source(op) &&
		    idmapped_mount_set(plan, op, op->mount_fd, &shared, err) < 0)
			goto fail;
	}
	return 0;
fail:
	bind_sources_close(plan);
	return -1;
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
