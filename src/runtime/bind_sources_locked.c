/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Bind sources for a container with a user namespace, opened on the host
 * side all the same, in a copy of our mount namespace the kernel locks.
 *
 * The kernel locks a mount's ro, nodev, nosuid, noexec and atime flags,
 * and its submounts, when it copies it into a mount namespace owned by
 * another user namespace than the original's; a detached copy made in our
 * own namespace has no such locks, and the container's root could
 * remount a read-only host mount read-write.  So a helper makes a user
 * namespace mapping every id to itself (it resolves paths as the host's
 * root does: a source under a directory only root may enter is reached,
 * which the init, root of the container's namespace only, could not),
 * unshares a mount namespace (the locked copy), and clones each source
 * there; we take the fds with pidfd_getfd (and id-map those to be, which
 * the helper may not: idmapped.c).  A runtime that may not write such maps
 * (rootless) leaves the sources to the init's early. */
#include "runtime/runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "container/op.h"
#include "container/sys.h"
#include "plan/plan.h"
#include "util/cleanup.h"

struct opened {
	int fd;
	struct hrun_error err;
};

/* The helper: wait for the maps, become root, copy the mount namespace,
 * report each source's fd (or its error) in op order, and keep the fds
 * open until the runtime closes `go`. */
static void __attribute__((noreturn))
helper(const struct plan *plan, bool (*wanted)(const struct plan *, const struct op *), int go,
       int out)
{
	char byte;

	if (read(go, &byte, 1) != 1 || setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0 ||
	    unshare(CLONE_NEWNS) < 0)
		_exit(1);
	for (size_t i = 0; i < plan->n_ops; i++) {
		const struct op *op = &plan->ops[i];
		struct opened o = {.fd = -1};

		if (!wanted(plan, op))
			continue;
		o.fd = sys_direct.bind_source_open(op->source, (op->flags & MS_REC) != 0, &o.err);
		if (write(out, &o, sizeof o) != (ssize_t)sizeof o || o.fd < 0)
			_exit(1);
	}
	while (read(go, &byte, 1) > 0)
		;
	_exit(0);
}

/* Take the helper's fds into the ops, in the order it sent them. */
static int take_fds(struct plan *plan, bool (*wanted)(const struct plan *, const struct op *),
		    pid_t pid, int in, struct hrun_error *err)
{
	_cleanup_close_ int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);

	if (pidfd < 0)
		return hrun_error_errno(err, "pidfd of the bind sources' helper");
	for (size_t i = 0; i < plan->n_ops; i++) {
		struct op *op = &plan->ops[i];
		struct opened o;

		if (!wanted(plan, op))
			continue;
		if (read(in, &o, sizeof o) != (ssize_t)sizeof o)
			return hrun_error_set(err, EIO, "bind on `%s`: the sources' helper died",
					      op->target);
		if (o.fd < 0) {
			*err = o.err;
			return hrun_error_prefix(err, "bind on `%s`", op->target);
		}
		op->mount_fd = (int)syscall(SYS_pidfd_getfd, pidfd, o.fd, 0);
		if (op->mount_fd < 0)
			return hrun_error_errno(err, "bind on `%s`: take the source's fd",
						op->target);
	}
	return 0;
}

int bind_sources_open_locked(struct plan *plan,
			     bool (*wanted)(const struct plan *, const struct op *),
			     struct hrun_error *err)
{
	static const struct plan_id_map every = {0, 0, UINT32_MAX};
	struct clone_args args = {.flags = CLONE_NEWUSER, .exit_signal = SIGCHLD};
	struct hrun_error ignored = {0};
	int go[2], out[2], r = 0;
	pid_t pid;

	if (pipe2(go, O_CLOEXEC) < 0)
		return hrun_error_errno(err, "pipe");
	if (pipe2(out, O_CLOEXEC) < 0) {
		close(go[0]);
		close(go[1]);
		return hrun_error_errno(err, "pipe");
	}
	pid = (pid_t)syscall(SYS_clone3, &args, sizeof args);
	if (pid == 0) {
		close(go[1]);
		close(out[0]);
		helper(plan, wanted, go[0], out[1]);
	}
	close(go[0]);
	close(out[1]);
	if (pid < 0)
		r = hrun_error_errno(err, "clone the bind sources' helper");
	/* not ours to map (rootless): the init opens them, as root of its own */
	else if (idmap_write_maps(pid, &every, 1, &every, 1, &ignored) == 0 &&
		 write(go[1], "", 1) == 1)
		r = take_fds(plan, wanted, pid, out[0], err);
	close(go[1]);
	close(out[0]);
	while (pid > 0 && waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	return r;
}
