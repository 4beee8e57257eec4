/* SPDX-License-Identifier: GPL-2.0-or-later */
/* start, state, kill and delete: verbs on a container that `create` made.
 * The init is addressed through a pidfd opened after its start time was
 * checked, so a recycled pid is never signalled. */
#include "runtime/runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "oci/state.h"
#include "runtime/cgroups.h"
#include "runtime/hooks.h"
#include "runtime/resctrl.h"
#include "runtime/state.h"
#include "util/cleanup.h"
#include "util/warn.h"

int runtime_start_locked(int dirfd, const char *id, struct hrun_error *err)
{
	_cleanup_state_ struct oci_state *st = state_read(dirfd, id, err);
	_cleanup_close_ int fifo = -1, result = -1;

	if (!st)
		return -1;
	if (strcmp(st->status, "created") != 0)
		return hrun_error_set(err, 0, "cannot start container `%s`: it is %s, not created",
				      id, st->status);
	hrun_debugf("start `%s`: init %d, releasing it through the exec fifo", id, (int)st->pid);
	fifo = openat(dirfd, STATE_FIFO, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	if (fifo < 0 && errno == ENXIO)
		return hrun_error_set(err, 0, "cannot start container `%s`: its init is gone", id);
	if (fifo < 0)
		return hrun_error_errno(err, "open exec fifo of `%s`", id);
	result = start_result_open(dirfd);
	if (write(fifo, "1", 1) != 1)
		return hrun_error_errno(err, "start container `%s`", id);
	/* from now on the container is running */
	if (unlinkat(dirfd, STATE_FIFO, 0) < 0)
		return hrun_error_errno(err, "remove exec fifo of `%s`", id);
	if (result >= 0 && start_result_wait(result, st, err) < 0)
		return -1;
	hrun_debugf("start `%s`: the workload runs", id);
	hooks_run_saved(dirfd, id, HOOKS_POSTSTART);
	return 0;
}

int runtime_start(const char *root, const char *id, struct hrun_error *err)
{
	_cleanup_close_ int dirfd = state_dir_open(root, id, err);

	if (dirfd < 0)
		return -1;
	return runtime_start_locked(dirfd, id, err);
}

int runtime_state(const char *root, const char *id, struct hrun_error *err)
{
	_cleanup_close_ int dirfd = state_dir_open(root, id, err);
	_cleanup_state_ struct oci_state *st = NULL;
	_cleanup_free_ char *json = NULL;

	if (dirfd < 0 || !(st = state_read(dirfd, id, err)))
		return -1;
	if (strcmp(st->status, "stopped") == 0)
		st->pid = 0;
	json = oci_state_json(st, OCI_STATE_PUBLIC, true, err);
	if (!json)
		return -1;
	fputs(json, stdout);
	return 0;
}

/* Every process of the container: its cgroup's kill (frozen while it is
 * signalled), or each process container_pids finds. */
static int kill_all(const struct oci_state *st, int sig, struct hrun_error *err)
{
	_cleanup_free_ pid_t *pids = NULL;
	size_t n;

	if (st->cgroup)
		return state_cgroup_kill(st, sig, err);
	if (container_pids(st, &pids, &n, err) < 0)
		return hrun_error_prefix(err, "kill --all");
	for (size_t i = 0; i < n; i++)
		kill(pids[i], sig);
	return 0;
}

/* SIGKILL to an init that is not pid 1 ends it alone: everything else of
 * the container goes first, and is waited for (leftovers.c). */
static int kill_rest(const struct oci_state *st, int sig, struct hrun_error *err)
{
	if (sig == SIGKILL)
		return container_kill_leftovers(st, err);
	return kill_all(st, sig, err);
}

/* The init cannot forward SIGSTOP (it would stop itself, and stop reaping
 * and forwarding): SIGSTOP goes to every process of the container but the
 * init, and SIGCONT to them too, then to the init, which passes it on.
 * SIGTSTP, SIGTTIN and SIGTTOU the init catches and forwards as any other. */
static bool bypasses_init(int sig)
{
	return sig == SIGSTOP || sig == SIGCONT;
}

static int signal_all_but_init(const struct oci_state *st, int sig, struct hrun_error *err)
{
	_cleanup_free_ pid_t *pids = NULL;
	size_t n;

	if (container_pids(st, &pids, &n, err) < 0) {
		if (st->cgroup)
			return hrun_error_prefix(err, "kill container `%s`", st->id);
		/* neither a cgroup nor a pid namespace of its own */
		hrun_error_clear(err);
		signal_descendants(st->pid, sig);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (pids[i] != st->pid)
			kill(pids[i], sig);
	return 0;
}

int runtime_kill(const char *root, const char *id, int sig, bool all, struct hrun_error *err)
{
	_cleanup_close_ int dirfd = state_dir_open(root, id, err);
	_cleanup_state_ struct oci_state *st = NULL;
	_cleanup_close_ int pidfd = -1;
	bool rest;

	if (dirfd < 0 || !(st = state_read(dirfd, id, err)))
		return -1;
	pidfd = strcmp(st->status, "stopped") == 0 ? -1 : state_pidfd(st);
	/* runc's words, which containerd's shim matches: `container not
	 * running`; with --all, whatever is left in the cgroup is signalled */
	if (pidfd < 0 && all)
		return st->cgroup ? kill_all(st, sig, err) : 0;
	/* the init is gone, not what it started (state said running) */
	if (pidfd < 0 && st->cgroup && strcmp(st->status, "stopped") != 0)
		return kill_rest(st, sig, err);
	if (pidfd < 0)
		return hrun_error_set(err, 0, "cannot kill container `%s`: container not running",
				      id);
	hrun_debugf("kill `%s`: signal %d to init %d%s", id, sig, (int)st->pid,
		    all ? " and every process of its cgroup" : "");
	/* an init of its own pid namespace takes every process of it along */
	rest = sig == SIGKILL && !st->own_pid_ns;
	if ((all || rest) && kill_rest(st, sig, err) < 0)
		return -1;
	if (!all && bypasses_init(sig) && !st->init_is_workload) {
		if (signal_all_but_init(st, sig, err) < 0)
			return -1;
		if (sig != SIGCONT)
			return 0;
	}
	if (syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0) < 0 &&
	    !((all || rest) && errno == ESRCH))
		return hrun_error_errno(err, "kill container `%s` (init %d)", id, (int)st->pid);
	return 0;
}

/* SIGKILL the init and wait, bounded, until it is gone. */
static int kill_and_wait(const struct oci_state *st, struct hrun_error *err)
{
	_cleanup_close_ int pidfd = state_pidfd(st);
	struct pollfd pfd;

	if (pidfd < 0)
		return 0;
	if (syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0) < 0 && errno != ESRCH)
		return hrun_error_errno(err, "kill container `%s`", st->id);
	pfd = (struct pollfd){ .fd = pidfd, .events = POLLIN };
	/* the pidfd becomes readable when the process exits */
	if (poll(&pfd, 1, 10000) == 0)
		return hrun_error_set(err, ETIMEDOUT, "container `%s` init %d did not die", st->id,
				      (int)st->pid);
	return 0;
}

/* Whether the init's SIGKILL alone ends the container: pid 1 of its own
 * pid namespace, and not frozen. */
static bool takes_all_along(const struct oci_state *st)
{
	return st->own_pid_ns && strcmp(st->status, "paused") != 0;
}

int runtime_delete(const char *root, const char *id, bool force, struct hrun_error *err)
{
	_cleanup_close_ int dirfd = state_dir_open(root, id, err);
	_cleanup_state_ struct oci_state *st = NULL;

	if (dirfd < 0)
		return force && err->code == ENOENT ? 0 : -1;
	st = state_read(dirfd, id, err);
	if (!st) {
		if (!force)
			return -1;
		/* a broken state file must not make a container undeletable;
		 * but the init and the cgroup it named are unknown now, and a
		 * cgroup is not guessed from the id: another runtime's
		 * container may have it */
		if (err->code != ENOENT) {
			struct hrun_error w;

			hrun_error_set(&w, 0, "%s; removing its state alone: the init and "
					      "the cgroup it named, if any, are left", err->msg);
			hrun_warn(&w);
		}
		return state_dir_remove(root, id, err);
	}
	if (strcmp(st->status, "stopped") != 0) {
		_cleanup_close_ int pidfd = state_pidfd(st);

		/* an init that is gone left processes behind: a stopped
		 * container to the shim, whose delete has no --force */
		if (!force && pidfd >= 0)
			return hrun_error_set(err, 0,
					      "cannot delete container `%s`: it is %s "
					      "(stop it first or use --force)", id, st->status);
		/* first the cgroup (a frozen init dies only once thawed), or
		 * the init's descendants while they are still its own; the
		 * init of its own pid namespace takes every process of it
		 * along: as it exits, the kernel stops new pids there, kills
		 * them all and reaps them before its exit shows */
		if ((!takes_all_along(st) && container_kill_leftovers(st, err) < 0) ||
		    kill_and_wait(st, err) < 0)
			return -1;
	}
	hrun_debugf("delete `%s`: %s, removing its cgroup and state", id, st->status);
	if ((st->cgroup && state_cgroup_remove(st, err) < 0) ||
	    (st->intel_rdt && resctrl_remove(st->intel_rdt, err) < 0))
		return hrun_error_prefix(err, "delete container `%s`", id);
	hooks_run_saved(dirfd, id, HOOKS_POSTSTOP);
	return state_dir_remove(root, id, err);
}
