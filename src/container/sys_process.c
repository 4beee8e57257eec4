/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Processes and signals: the workload's fork and exec, the init's
 * signalfd, its clock, its exit and its log. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "container/sys.h"
#include "container/sys_internal.h"
#include "plan/plan.h"
#include "seccomp/seccomp.h"
#include "util/cleanup.h"
#include "util/clock.h"
#include "util/error.h"
#include "util/logline.h"
#include "util/spawn.h"

/* The init blocked every signal and may have inherited ignored ones from
 * the runtime: the workload starts with the defaults. */
static void reset_signals(void)
{
	sigset_t none;

	for (int sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Without close_range (before 5.9): each possible fd in turn.  Not from
 * /proc/self/fd, which is the container's and may list anything. */
static int cloexec_from(int first)
{
	long max = sysconf(_SC_OPEN_MAX);

	for (long fd = first; fd < (max > 0 ? max : 1024); fd++)
		fcntl((int)fd, F_SETFD, FD_CLOEXEC);
	return 0;
}

/* Only 0-2 and the preserved fds 3..3+n-1 reach the workload. */
static int keep_only_fds(int preserve)
{
	int first = 3 + (preserve > 0 ? preserve : 0);

	for (int fd = 3; fd < first; fd++)
		if (fcntl(fd, F_SETFD, 0) < 0 && errno != EBADF)
			return -1;
	/* CLOEXEC rather than close: the seccomp listener's helper shares this
	 * fd table and still needs the agent's connection (src/seccomp) */
	if (close_range((unsigned)first, ~0U, CLOSE_RANGE_CLOEXEC) == 0)
		return 0;
	return errno == ENOSYS || errno == EINVAL ? cloexec_from(first) : -1;
}

/* Where a process that could not exec says why (close-on-exec, so
 * end-of-file means it did): the init's fork sends the errno on
 * exec_report_fd, `hrun exec`'s process the message on exec_message_fd. */
static int exec_report_fd = -1;
static int exec_message_fd = -1;

static void __attribute__((noreturn)) child_fail(const char *what, const char *path)
{
	int code = errno;

	if (exec_message_fd >= 0) {
		dprintf(exec_message_fd, "%s `%s`: %s", what, path, strerror(code));
		_exit(127);
	}
	dprintf(STDERR_FILENO, "hrun: init: %s `%s`: %s\n", what, path, strerror(code));
	if (exec_report_fd >= 0 && write(exec_report_fd, &code, sizeof code) < 0)
		_exit(126);
	_exit(127);
}

/* Wait until the workload has exec'd: `start` returns only then, so its
 * poststart hooks and a first kill find the program, not the init's fork. */
static int await_exec(int fd, pid_t pid, const char *path, struct hrun_error *err)
{
	int code = 0;
	ssize_t n;

	while ((n = read(fd, &code, sizeof code)) < 0 && errno == EINTR)
		;
	if (n != (ssize_t)sizeof code)
		return 0;
	waitpid(pid, NULL, 0);
	errno = code;
	return hrun_error_errno(err, "cannot start the workload `%s`", path);
}

/* The last step before execve: the seccomp filter (unless inherited from
 * the init, which put it on itself first: filter_init), then, when the
 * init kept CAP_SYS_ADMIN only for this install (noNewPrivileges false),
 * the configured capabilities -- runc's order: the profile must allow
 * capset. */
static int install_seccomp(const struct plan_process *proc, bool inherited)
{
	struct hrun_error err = { 0 };

	if (!inherited && seccomp_filter_install(proc->seccomp, &err) < 0) {
		dprintf(STDERR_FILENO, "hrun: init: %s\n", err.msg);
		errno = err.code;
		return -1;
	}
	return proc->no_new_privileges ? 0 : direct_capset(&proc->caps);
}

int direct_confine_hook(const struct plan_process *proc, struct hrun_error *err)
{
	if (proc->seccomp && seccomp_filter_install_unlistened(proc->seccomp, err) < 0)
		return -1;
	if (workload_kept_caps(proc) && direct_capset(&proc->caps) < 0)
		return hrun_error_errno(err, "drop the capabilities kept for the workload");
	return 0;
}

/* The scheduler, cpus, ... (sys_exec_attrs.c): the message names the field. */
static void apply_exec_attrs(const struct plan_process *proc)
{
	struct hrun_error err = { 0 };

	if (direct_exec_attrs_apply(proc, &err) < 0) {
		dprintf(STDERR_FILENO, "hrun: init: %s\n", err.msg);
		_exit(127);
	}
}

/* Every process hrun starts leads a session and a process group of its
 * own, as runc's and crun's do: nothing signalled by group from outside
 * (conmon's --timeout kills the group of the container's pid) reaches the
 * caller's, nor the init's.  The init leads one already (init.c), and so
 * does the workload it becomes with org.hrun.init none. */
static int lead_session(void)
{
	if (getsid(0) == getpid())
		return 0;
	return setsid() < 0 ? -1 : 0;
}

/* In the forked child; everything the workload needs set per process
 * (seccomp included, when it comes) goes here, right before execve. */
static void __attribute__((noreturn))
workload_child(const char *path, const struct plan_process *proc, char **env, bool filtered)
{
	reset_signals();
	if (lead_session() < 0)
		child_fail("start a session for", path);
	/* process.terminal: the console is our stdio already (init_console.c) */
	if (proc->terminal && ioctl(STDIN_FILENO, TIOCSCTTY, 0) < 0)
		child_fail("make the console the controlling terminal of", path);
	if (keep_only_fds(proc->preserve_fds) < 0)
		child_fail("close inherited fds before exec", path);
	apply_exec_attrs(proc);
	if (proc->seccomp && install_seccomp(proc, filtered) < 0)
		child_fail("install the seccomp filter for", path);
	execve(path, proc->args, env);
	child_fail("exec", path);
}

/* `hrun exec`: the same last steps, in a process that is already in the
 * container and becomes the new process itself. */
void direct_exec_workload(const char *path, const struct plan_process *proc, int message_fd)
{
	exec_message_fd = message_fd;
	workload_child(path, proc, proc->env, false);
}

/* The init itself: a subreaper setting would outlive the execve. */
void direct_become_workload(const char *path, const struct plan_process *proc)
{
	struct listen_pid lp;

	prctl(PR_SET_CHILD_SUBREAPER, 0);
	if (listen_pid_prepare(&lp, proc->env) < 0)
		child_fail("set LISTEN_PID for", path);
	listen_pid_fill(&lp);
	workload_child(path, proc, lp.env, false);
}

struct spawn {
	const char *path;
	const struct plan_process *proc;
	const int *report;
	struct listen_pid *lp;
	bool filtered; /* the init put the filter on itself first */
};

static int spawned(void *arg)
{
	const struct spawn *s = arg;

	close(s->report[0]);
	exec_report_fd = s->report[1];
	listen_pid_fill(s->lp);
	workload_child(s->path, s->proc, s->lp->env, s->filtered);
}

/* The workload's process shares our memory until its execve
 * (spawn_child): what it writes of ours is exec_report_fd (reset once it
 * is gone), its LISTEN_PID entry and what libc allocates for it.  Signals
 * stay blocked in it until reset_signals has made every handler the
 * default. */
static pid_t spawn_workload(const char *path, const struct plan_process *proc,
			    const int report[2], bool filtered)
{
	struct listen_pid lp;
	struct spawn s = { path, proc, report, &lp, filtered };
	pid_t pid;

	if (listen_pid_prepare(&lp, proc->env) < 0)
		return -1;
	pid = spawn_child(spawned, &s, true, 0);
	exec_report_fd = -1;
	listen_pid_release(&lp, proc->env);
	return pid;
}

static int log_fd = -1;
static bool log_json, log_kept;

void sys_direct_log_to(int fd, bool json, bool keep_after_start)
{
	log_fd = fd;
	log_json = json;
	log_kept = keep_after_start;
}

/* Once the workload runs the reaper has little to say, and the log fd,
 * a host file, is one a workload with CAP_SYS_PTRACE could reopen through
 * /proc/1/fd: it goes, unless the grace delay may need it. */
static void log_end(void)
{
	if (log_fd >= 0 && !log_kept) {
		close(log_fd);
		log_fd = -1;
	}
}

void direct_log(const char *line)
{
	char msg[HRUN_ERROR_MAX + 160];

	if (log_fd < 0)
		return;
	snprintf(msg, sizeof msg, "init: %s", line);
	log_line(log_fd, log_json, "warning", msg);
}

/* What the init and its fork do under the filter, once the init has put
 * it on itself: the fork itself (its pipe, its stack, the clone), the
 * fork's last steps (workload_child: signals, session, terminal, fds,
 * attributes, the capabilities kept, execve) and the reaper's
 * (init_reaper.c, sys_children.c), its log and its exit. */
static const int filtered_calls[] = {
	SYS_pipe2, SYS_mmap, SYS_munmap, SYS_clone,
	SYS_rt_sigaction, SYS_rt_sigprocmask, SYS_getpid, SYS_getsid, SYS_setsid, SYS_ioctl,
	SYS_fcntl, SYS_close_range, SYS_capget, SYS_capset, SYS_execve,
	SYS_read, SYS_write, SYS_close, SYS_openat, SYS_ppoll,
#ifdef SYS_poll
	SYS_poll,
#endif
	SYS_wait4, SYS_kill, SYS_pidfd_send_signal, SYS_clock_gettime,
	SYS_restart_syscall, SYS_exit, SYS_exit_group,
};

/* Why the init cannot take the filter before the fork, or NULL: a
 * notifying filter (its listener is the workload's alone, and the helper
 * that sends it must not be trapped); kernel attributes the fork sets,
 * which runc sets with no filter yet (a profile may deny personality or
 * set_mempolicy); a filter that would deny what the fork or the reaper do
 * (an allow-list written for one program: the init must go on reaping). */
static const char *unfilterable(const struct plan_process *proc)
{
	const struct plan_attrs *a = &proc->attrs;

	if (proc->seccomp->listener_path)
		return "the seccomp filter notifies";
	if (a->cpus_initial.n_longs || a->cpus_final.n_longs || a->has_personality ||
	    a->mempolicy.set || a->has_ioprio || a->sched.set)
		return "the workload's kernel attributes are set before its filter";
	if (!seccomp_filter_allows(proc->seccomp, filtered_calls,
				   sizeof filtered_calls / sizeof *filtered_calls))
		return "the seccomp filter denies calls the init makes";
	return NULL;
}

/* Every process of a runc container runs under its filter; here the init
 * is one too, and a workload with CAP_SYS_PTRACE can make it run any
 * syscall or program (exe_attack's injection).  So the init puts the
 * workload's filter on itself before the fork, which inherits it: no code
 * of the workload's runs while the init is unfiltered.  Where it cannot
 * (unfilterable), it says so in the log and runs without. */
static int filter_init(const struct plan_process *proc, bool *filtered, struct hrun_error *err)
{
	const char *why = unfilterable(proc);
	char line[160];

	*filtered = false;
	if (why) {
		snprintf(line, sizeof line, "%s: the init runs without it", why);
		direct_log(line);
		return 0;
	}
	if (seccomp_filter_install_unlistened(proc->seccomp, err) < 0)
		return hrun_error_prefix(err, "put the init under the seccomp filter");
	*filtered = true;
	return 0;
}

pid_t direct_spawn_workload(const char *path, const struct plan_process *proc,
			    struct hrun_error *err)
{
	bool filtered = false;
	int report[2];
	pid_t pid;

	if (proc->seccomp && filter_init(proc, &filtered, err) < 0)
		return -1;
	if (pipe2(report, O_CLOEXEC) < 0)
		return hrun_error_errno(err, "cannot make the workload's report pipe");
	pid = spawn_workload(path, proc, report, filtered);
	close(report[1]);
	if (pid < 0 || await_exec(report[0], pid, path, err) < 0) {
		close(report[0]);
		return pid < 0 ? hrun_error_errno(err, "cannot fork the workload") : -1;
	}
	close(report[0]);
	/* the init has no use for the listener's connection, nor for the
	 * capabilities it kept for the child's set-up (workload_kept_caps) */
	if (proc->seccomp)
		seccomp_listener_release(proc->seccomp);
	if (workload_kept_caps(proc) && direct_capset(&proc->caps) < 0)
		return hrun_error_errno(err, "cannot drop the capabilities kept for the workload");
	log_end();
	return pid;
}

int direct_signalfd_all(void)
{
	sigset_t all;

	sigfillset(&all);
	if (sigprocmask(SIG_BLOCK, &all, NULL) < 0)
		return -1;
	return signalfd(-1, &all, SFD_CLOEXEC);
}

int direct_signal_wait(int sfd, int timeout_ms)
{
	struct pollfd p = {.fd = sfd, .events = POLLIN};
	struct signalfd_siginfo si;
	int r = poll(&p, 1, timeout_ms);

	if (r <= 0)
		return r;
	ssize_t n = read(sfd, &si, sizeof si);

	if (n != (ssize_t)sizeof si) {
		if (n >= 0)
			errno = EIO;
		return -1;
	}
	return (int)si.ssi_signo;
}

int direct_wait_start(int start_fd, int sfd)
{
	struct pollfd p[2] = {{.fd = start_fd, .events = POLLIN}, {.fd = sfd, .events = POLLIN}};
	char byte;
	int sig = 0;

	while (sig == 0) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		/* start's byte first: a signal sent after start returned is the
		 * workload's, even when the init wakes to both at once */
		if (p[0].revents)
			return read(start_fd, &byte, 1) == 1 ? 0 : -1;
		sig = direct_signal_wait(sfd, 0);
	}
	return sig;
}

int64_t direct_now_ms(void)
{
	return (int64_t)monotonic_ms();
}

void direct_exit(int status)
{
	_exit(status);
}

