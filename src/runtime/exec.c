/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `hrun exec`: a new process in a running container.
 *
 * hrun forks a middle process that joins every namespace of the init that
 * differs from ours (one setns on the init's pidfd), then spawns the new
 * process with CLONE_PARENT: it is in the container's pid namespace, and
 * it is hrun's child, so the foreground waits for it and, with --detach,
 * it passes to the caller's subreaper (conmon) when hrun exits.  The
 * middle exits once the new process has exec'd.  The new process takes on
 * the planned identity and becomes the program with the init's own code
 * (container/exec.c). */
#include "runtime/runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cgroup/cgroup.h"
#include "container/exec.h"
#include "container/sync.h"
#include "oci/spec.h"
#include "oci/state.h"
#include "plan/plan.h"
#include "runtime/cgroups.h"
#include "runtime/exec.h"
#include "runtime/host.h"
#include "runtime/resctrl.h"
#include "runtime/state.h"
#include "runtime/tty.h"
#include "seccomp/seccomp.h"
#include "util/cleanup.h"
#include "util/cpu_pin.h"
#include "util/spawn.h"
#include "util/warn.h"

static const struct {
	const char *name;
	int flag;
} ns_files[] = {
	{ "user", CLONE_NEWUSER }, { "mnt", CLONE_NEWNS },    { "pid", CLONE_NEWPID },
	{ "net", CLONE_NEWNET },   { "ipc", CLONE_NEWIPC },   { "uts", CLONE_NEWUTS },
	{ "cgroup", CLONE_NEWCGROUP }, { "time", CLONE_NEWTIME },
};

/* The process exec joins (the init, or a rootless one's workload) ended. */
static int gone(pid_t pid, struct hrun_error *err)
{
	return hrun_error_set(err, 0, "exec: the container's process %d is gone", (int)pid);
}

/* The namespaces the container made itself: its init was cloned into
 * them, so they are not ours and are joined without a look (setns by the
 * pidfd fails on a process that is gone).  Not the user namespace, which
 * setns refuses when it is ours (a caller inside the container's), nor
 * the mount namespace of a config without one (the init carries its root
 * into the host's). */
static int namespaces_made(const struct plan *plan)
{
	int made = plan->clone_flags & ~CLONE_NEWUSER;

	return plan->host_mount_ns ? made & ~CLONE_NEWNS : made;
}

/* The namespaces of the process at pid that are not ours: those it made,
 * and each other one whose link differs from ours.  A kind we have not,
 * the kernel lacks; one of theirs that cannot be looked up means the
 * process is exiting (its links go with its namespaces, before its pid
 * does): nothing would be joined then, and the new process would run in
 * ours -- an error, never a smaller set.  Each link is looked up from its
 * ns directory, not walked to from /proc again. */
static int namespaces_to_join(pid_t pid, int made, struct hrun_error *err)
{
	_cleanup_close_ int ours = open("/proc/self/ns", O_PATH | O_DIRECTORY | O_CLOEXEC),
			    theirs = -1;
	char path[64];
	int flags = made;

	snprintf(path, sizeof path, "/proc/%d/ns", (int)pid);
	theirs = open(path, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (theirs < 0 && errno == ENOENT)
		return gone(pid, err);
	if (ours < 0 || theirs < 0)
		return hrun_error_errno(err, "exec: open `%s`", ours < 0 ? "/proc/self/ns" : path);
	for (size_t i = 0; i < sizeof ns_files / sizeof ns_files[0]; i++) {
		const char *kind = ns_files[i].name;
		struct stat a, b;

		if (made & ns_files[i].flag)
			continue;
		if (fstatat(ours, kind, &b, 0) < 0) {
			if (errno == ENOENT)
				continue;
			return hrun_error_errno(err, "exec: our `%s` namespace", kind);
		}
		if (fstatat(theirs, kind, &a, 0) < 0)
			return errno == ENOENT ? gone(pid, err)
					       : hrun_error_errno(err, "exec: `%s/%s`", path, kind);
		if (a.st_ino != b.st_ino || a.st_dev != b.st_dev)
			flags |= ns_files[i].flag;
	}
	return flags;
}

/* What the middle process joins. */
struct exec_target {
	const struct plan *plan;
	int pidfd;               /* the init's */
	int flags;               /* its namespaces that are not ours */
	int root_fd;             /* its root, when its mount namespace is ours; else -1 */
	struct cgroup *cgroup;   /* its cgroup, NULL when it has none */
	char *const *cgroup_subs; /* exec --cgroup */
	size_t n_cgroup_subs;
	const struct oci_state_rdt *rdt; /* its resctrl groups, NULL when it has none */
	/* hrun, the middle and the new process until its execve, each
	 * stopped while the next runs: held on one cpu (util/cpu_pin.h) */
	struct cpu_pin pin;
};

static void __attribute__((noreturn)) middle_fail(int err_fd, const char *what)
{
	dprintf(err_fd, "%s: %s", what, strerror(errno));
	_exit(1);
}

/* Before the middle joins anything: every fd it got from us goes but
 * stdio, the preserved ones and those it needs -- its two pipes, the
 * console socket, the init's pidfd and root, the seccomp agent's.  The
 * state directory, the cgroup's directory, whatever our caller leaked:
 * none may reach the container as /proc/self/fd/N (CVE-2024-21626). */
static void middle_keep_fds(const struct exec_target *t, int pid_fd, int err_fd, int console_sock)
{
	const struct seccomp_filter *sf = t->plan->process.seccomp;
	const int keep[] = {pid_fd,
			    err_fd,
			    console_sock,
			    t->pidfd,
			    t->root_fd,
			    sf ? sf->agent_fd : -1,
			    sf ? sf->state_fd : -1};

	fds_keep_only(t->plan->process.preserve_fds, keep, sizeof keep / sizeof keep[0]);
}

/* What the new process takes from the middle. */
struct process_args {
	const struct exec_target *t;
	int pid_fd, err_fd, console_sock;
};

/* The new process shares the middle's memory until its execve
 * (spawn_child), as the init's workload does: no copy of the page tables,
 * and the middle goes on only once the process has exec'd or died.  What
 * it writes there is what libc allocates for it and the message fd of
 * sys_process.c, which neither hrun nor the middle reads again. */
static int process_entry(void *arg)
{
	const struct process_args *a = arg;

	cpu_pin_release(&a->t->pin);
	close(a->pid_fd);
	container_exec(a->t->plan, a->err_fd, a->console_sock);
}

/* The middle process: join, spawn the new process, tell hrun its pid. */
static void __attribute__((noreturn))
middle(const struct exec_target *t, int pid_fd, int err_fd, int console_sock)
{
	struct process_args process = { t, pid_fd, err_fd, console_sock };
	struct hrun_error err = { 0 };
	pid_t child;

	/* nothing in the container may look into us before the exec */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		middle_fail(err_fd, "set the exec process non-dumpable");
	/* the host's cgroup tree, resctrl and /proc are still ours to see:
	 * join, enter, set oom_score_adj and the LSM exec labels (the new
	 * process inherits all) */
	if ((t->cgroup &&
	     cgroup_join(t->cgroup, 0, t->cgroup_subs, t->n_cgroup_subs, &err) < 0) ||
	    (t->rdt && resctrl_enter(t->rdt, getpid(), &err) < 0) ||
	    oom_score_adj_write(getpid(), &t->plan->process, &err) < 0 ||
	    container_exec_labels(t->plan, &err) < 0) {
		dprintf(err_fd, "%s", err.msg);
		_exit(1);
	}
	middle_keep_fds(t, pid_fd, err_fd, console_sock);
	if (t->flags && setns(t->pidfd, t->flags) < 0)
		middle_fail(err_fd, "join the container's namespaces");
	close(t->pidfd);
	/* no mount namespace of its own: its root is all there is to enter */
	if (t->root_fd >= 0 && (fchdir(t->root_fd) < 0 || chroot(".") < 0 || close(t->root_fd) < 0))
		middle_fail(err_fd, "enter the container's root");
	child = spawn_child(process_entry, &process, true, CLONE_PARENT);
	if (child < 0)
		middle_fail(err_fd, "clone the exec process");
	if (write(pid_fd, &child, sizeof child) != sizeof child)
		_exit(2);
	_exit(0);
}

struct middle_args {
	const struct exec_target *t;
	int pid_read, pid_fd, err_read, err_fd, console_sock;
};

/* The middle shares our memory until it exits (spawn_child) unless it
 * joins a user or time namespace, which the kernel refuses to a process
 * whose memory is shared.  PR_SET_DUMPABLE is the memory's: we become
 * non-dumpable with it, which costs us nothing. */
static int middle_entry(void *arg)
{
	const struct middle_args *a = arg;

	close(a->pid_read);
	close(a->err_read);
	middle(a->t, a->pid_fd, a->err_fd, a->console_sock);
}

/* Read the new process's pid, then its error line, if any: the error pipe
 * reaches end-of-file when the process has exec'd (close-on-exec) or died. */
static pid_t collect(pid_t mid, int pid_fd, int err_fd, struct hrun_error *err)
{
	char msg[HRUN_ERROR_MAX];
	pid_t child = -1;
	ssize_t n = 0, r;

	while (waitpid(mid, NULL, 0) < 0 && errno == EINTR)
		;
	if (read(pid_fd, &child, sizeof child) != sizeof child)
		child = -1;
	while ((r = read(err_fd, msg + n, sizeof msg - 1 - (size_t)n)) > 0 ||
	       (r < 0 && errno == EINTR))
		n += r > 0 ? r : 0;
	msg[n] = '\0';
	if (n == 0 && child > 0)
		return child;
	if (child > 0)
		waitpid(child, NULL, 0);
	hrun_error_set(err, 0, "exec: %s", n ? msg : "the exec process died before it started");
	return -1;
}

/* The middle process.  Where there is a cgroup2 directory it is born in
 * it (clone3 CLONE_INTO_CGROUP), and then writes no cgroup.procs, whose
 * grace period costs more than the fork's copy of our memory
 * (cgroup_join_clone_fd); elsewhere spawn_child, sharing our memory. */
static pid_t spawn_middle(const struct exec_target *t, struct middle_args *a,
			  struct hrun_error *err)
{
	struct clone_args args = {.exit_signal = SIGCHLD};
	_cleanup_close_ int cgfd = -1;
	pid_t mid;

	if (t->cgroup &&
	    cgroup_join_clone_fd(t->cgroup, t->cgroup_subs, t->n_cgroup_subs, &cgfd, err) < 0)
		return hrun_error_prefix(err, "exec");
	if (cgfd < 0) {
		mid = spawn_child(middle_entry, a, !(t->flags & (CLONE_NEWUSER | CLONE_NEWTIME)), 0);
	} else {
		args.flags = CLONE_INTO_CGROUP;
		args.cgroup = (uint64_t)cgfd;
		mid = (pid_t)syscall(SYS_clone3, &args, sizeof args);
		if (mid == 0)
			_exit(middle_entry(a));
	}
	if (mid < 0)
		hrun_error_errno(err, "exec: fork");
	return mid;
}

static pid_t spawn(const struct exec_target *t, int console_sock, struct hrun_error *err)
{
	int pids[2], errs[2];
	pid_t mid, child;

	if (pipe2(pids, O_CLOEXEC) < 0)
		return hrun_error_errno(err, "exec: pipe");
	if (pipe2(errs, O_CLOEXEC) < 0) {
		close(pids[0]);
		close(pids[1]);
		return hrun_error_errno(err, "exec: pipe");
	}
	mid = spawn_middle(t,
			   &(struct middle_args){ t, pids[0], pids[1], errs[0], errs[1], console_sock },
			   err);
	close(pids[1]);
	close(errs[1]);
	child = mid < 0 ? -1 : collect(mid, pids[0], errs[0], err);
	close(pids[0]);
	close(errs[0]);
	return child;
}

static void fdpair_close(int (*fds)[2])
{
	for (int i = 0; i < 2; i++)
		if ((*fds)[i] >= 0)
			close((*fds)[i]);
}
#define _cleanup_fdpair_ __attribute__((cleanup(fdpair_close)))

/* The exec'd process sends its pty master once it has it: on to the
 * console socket, or kept in *relay for the foreground. */
static int receive_console(int sock, const char *console_socket, int *relay,
			   struct hrun_error *err)
{
	_cleanup_close_ int master = -1;
	struct sync_msg msg;

	if (sync_recv(sock, &msg, &master) != 1 || msg.type != SYNC_CONSOLE || master < 0)
		return hrun_error_set(err, EPROTO, "exec: the process sent no terminal");
	if (console_socket)
		return console_socket_send(console_socket, master, err);
	tty_foreground(STDIN_FILENO, master);
	*relay = steal_fd(&master);
	return 0;
}

/* /proc/<init>/<name>: the init's pidfd, still alive after the open,
 * says the pid was not reused in between.  -1 with errno, ESRCH when the
 * init is gone. */
static int init_proc_open(const struct oci_state *st, int pidfd, const char *name, int flags)
{
	_cleanup_close_ int fd = -1;
	char path[64];

	snprintf(path, sizeof path, "/proc/%d/%s", (int)st->pid, name);
	fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 0) < 0) {
		errno = ESRCH;
		return -1;
	}
	return steal_fd(&fd);
}

static int container_root_open(const struct oci_state *st, struct hrun_error *err)
{
	_cleanup_close_ int pidfd = state_pidfd(st);
	int fd = pidfd < 0 ? -1 : init_proc_open(st, pidfd, "root", O_PATH | O_DIRECTORY);

	if (fd >= 0)
		return fd;
	if (pidfd < 0 || errno == ESRCH)
		return gone(st->pid, err);
	return hrun_error_errno(err, "exec: open `/proc/%d/root`", (int)st->pid);
}

/* Sealed before anything is cloned, offered the binary of hrun's init
 * (by O_PATH: no open reaches its filesystem).  None when pid 1 is the
 * workload, or a rootless container's init is not ours to read. */
static int seal(const struct exec_opts *opts, const struct oci_state *st, pid_t ns_pid,
		int ns_pidfd, struct hrun_error *err)
{
	_cleanup_close_ int exe = ns_pid == st->pid && !st->init_is_workload
					  ? init_proc_open(st, ns_pidfd, "exe", O_PATH)
					  : -1;

	if (!opts->seal)
		return hrun_error_set(err, EINVAL, "exec: no way to seal hrun's binary");
	return opts->seal(exe, opts->seal_arg, err);
}

/* The container's config: the copy kept in the state directory when there
 * is one (the bundle may have changed since), else the bundle's. */
static struct oci_spec *load_config(int dirfd, const struct oci_state *st,
				    struct hrun_error *err)
{
	_cleanup_free_ char *path = NULL;

	if (faccessat(dirfd, "config.json", R_OK, 0) == 0) {
		_cleanup_close_ int fd = openat(dirfd, "config.json", O_RDONLY | O_CLOEXEC);

		if (fd >= 0 && asprintf(&path, "/proc/self/fd/%d", fd) >= 0)
			return oci_spec_load(path, err);
	}
	if (asprintf(&path, "%s/config.json", st->bundle) < 0) {
		hrun_error_errno(err, "allocate path");
		return NULL;
	}
	return oci_spec_load(path, err);
}

static int check_status(const struct oci_state *st, bool ignore_paused, struct hrun_error *err)
{
	if (strcmp(st->status, "running") == 0 || strcmp(st->status, "created") == 0 ||
	    (ignore_paused && strcmp(st->status, "paused") == 0))
		return 0;
	/* runc's words */
	if (strcmp(st->status, "paused") == 0)
		return hrun_error_set(err, 0,
				      "exec: container `%s`: cannot exec in a paused container "
				      "(use --ignore-paused to override)", st->id);
	return hrun_error_set(err, 0, "exec: container `%s` is %s", st->id, st->status);
}

int runtime_exec(const char *root, const char *id, const struct exec_opts *opts,
		 struct hrun_error *err)
{
	_cleanup_close_ int dirfd = state_dir_open(root, id, err), master = -1, root_fd = -1,
			    ns_pidfd = -1;
	_cleanup_fdpair_ int console[2] = { -1, -1 };
	_cleanup_state_ struct oci_state *st = NULL;
	_cleanup_spec_ struct oci_spec *spec = NULL;
	_cleanup_plan_ struct plan *plan = NULL;
	struct exec_target target;
	pid_t child, ns_pid;

	if (dirfd < 0 || !(st = state_read(dirfd, id, err)) || check_status(st, opts->ignore_paused, err) < 0 ||
	    !(spec = load_config(dirfd, st, err)) || exec_apply_opts(spec, opts, err) < 0 ||
	    !(plan = plan_build(spec, st->bundle, err)) || host_check_lsm(plan, err) < 0)
		return -1;
	/* paused (--ignore-paused): the process freezes as it joins the
	 * cgroup, and holding the container's lock then would keep `resume`
	 * from ever thawing it */
	if (strcmp(st->status, "paused") == 0)
		flock(dirfd, LOCK_UN);
	plan->process.preserve_fds = opts->preserve_fds;
	if (console_check(plan->process.terminal, opts->console_socket, !opts->detach, err) < 0)
		return hrun_error_prefix(err, "exec");
	/* the process it joins: the init, or a rootless one's workload */
	ns_pid = container_ns_pidfd(st, &ns_pidfd, err);
	if (ns_pid < 0)
		return hrun_error_prefix(err, "exec");
	if (seal(opts, st, ns_pid, ns_pidfd, err) < 0)
		return -1;
	/* compiled (or cached) only once the container is known to be there */
	if (plan->process.seccomp &&
	    (seccomp_filter_prepare(plan->process.seccomp, root, err) < 0 ||
	     seccomp_listener_exec_state(plan->process.seccomp, st, err) < 0))
		return -1;
	if (plan->process.terminal &&
	    socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, console) < 0)
		return hrun_error_errno(err, "exec: socketpair");
	if (plan->host_mount_ns && (root_fd = container_root_open(st, err)) < 0)
		return -1;
	target = (struct exec_target){ .plan = plan, .pidfd = ns_pidfd,
				       .flags = namespaces_to_join(ns_pid, namespaces_made(plan), err),
				       .root_fd = root_fd,
				       .cgroup_subs = (char *const *)opts->cgroups,
				       .n_cgroup_subs = opts->n_cgroups, .rdt = st->intel_rdt };
	if (target.flags < 0)
		return -1;
	if (opts->n_cgroups && !st->cgroup)
		return hrun_error_set(err, 0, "exec: --cgroup: the container has no cgroup");
	if (st->cgroup && !(target.cgroup = state_cgroup(st, err)))
		return -1;
	hrun_debugf("exec `%s`: joining init %d", id, (int)st->pid);
	cpu_pin_here(&target.pin);
	child = spawn(&target, console[1], err);
	cpu_pin_release(&target.pin);
	cgroup_free(target.cgroup);
	/* the process holds its own end: a process that dies unheard of
	 * leaves us end-of-file rather than a wait forever */
	if (console[1] >= 0)
		close(steal_fd(&console[1]));
	if (child < 0 ||
	    (plan->process.terminal &&
	     receive_console(console[0], opts->console_socket, &master, err) < 0) ||
	    (opts->pid_file && pidfile_write(opts->pid_file, child, err) < 0)) {
		if (child > 0) {
			kill(child, SIGKILL);
			while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
				;
		}
		return -1;
	}
	if (opts->detach)
		return 0;
	/* let other commands on this container run while we wait */
	close(steal_fd(&dirfd));
	if (master >= 0)
		return tty_relay_wait(child, master, err);
	return wait_forwarding(child, err);
}
