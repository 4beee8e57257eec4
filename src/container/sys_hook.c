/* SPDX-License-Identifier: GPL-2.0-or-later */
/* run_hook: one OCI hook, for the runtime on the host and for the init in
 * the container alike.
 *
 * The state JSON comes in as a sealed memfd that becomes the hook's stdin,
 * rewound for each hook: nothing to feed, and a hook that does not read it
 * cannot block anyone.  An exec failure comes back over a close-on-exec
 * pipe, so the error names it rather than "exit status 127".  The hook
 * leads its own process group, so a timeout kills what it started too.
 * A hook given `confine` (startContainer: a program the image ships, run
 * in the container) is held to the workload's seccomp filter and
 * capabilities, as runc runs it: it must not be a way around them. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "container/sys_internal.h"
#include "oci/spec.h"
#include "util/error.h"

static void __attribute__((noreturn))
hook_child(const struct oci_hook *hook, const char *root, const struct plan_process *confine,
	   int state_fd, int err_pipe)
{
	struct hrun_error err = {0};
	static char *const no_env[] = {NULL};
	char *const path_only[] = {hook->path, NULL};
	sigset_t none;
	int e;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	setpgid(0, 0);
	if (lseek(state_fd, 0, SEEK_SET) < 0 || dup2(state_fd, STDIN_FILENO) < 0)
		goto fail;
	if (root && (chroot(root) < 0 || chdir("/") < 0))
		goto fail;
	if (confine && direct_confine_hook(confine, &err) < 0) {
		errno = err.code ? err.code : EPERM;
		goto fail;
	}
	execve(hook->path, hook->args ? hook->args : path_only, hook->env ? hook->env : no_env);
fail:
	e = errno;
	if (write(err_pipe, &e, sizeof e) < 0)
		_exit(126);
	_exit(127);
}

static pid_t reap(pid_t pid, int *status)
{
	pid_t r;

	while ((r = waitpid(pid, status, 0)) < 0 && errno == EINTR)
		;
	return r;
}

/* 0 once the hook is reaped, -1 when it outlived `timeout` seconds (0: no
 * limit) and was killed with its process group. */
static int wait_hook(pid_t pid, int timeout, int *status)
{
	int pidfd = timeout > 0 ? (int)syscall(SYS_pidfd_open, pid, 0) : -1;
	struct pollfd pfd = {.fd = pidfd, .events = POLLIN};
	int r = 1;

	if (pidfd >= 0) {
		while ((r = poll(&pfd, 1, timeout * 1000)) < 0 && errno == EINTR)
			;
		close(pidfd);
	}
	if (r == 0) {
		kill(-pid, SIGKILL);
		reap(pid, status);
		return -1;
	}
	return reap(pid, status) < 0 ? -2 : 0;
}

/* errno of a failed exec, 0 once the hook runs (the pipe closed on exec). */
static int exec_error(int fd)
{
	int e = 0;
	ssize_t n;

	while ((n = read(fd, &e, sizeof e)) < 0 && errno == EINTR)
		;
	return n == (ssize_t)sizeof e ? e : 0;
}

static int hook_status(const struct oci_hook *hook, const char *kind, int status,
		       struct hrun_error *err)
{
	if (WIFSIGNALED(status))
		return hrun_error_set(err, 0, "%s hook `%s`: killed by signal %d", kind, hook->path,
				      WTERMSIG(status));
	if (WEXITSTATUS(status) != 0)
		return hrun_error_set(err, 0, "%s hook `%s`: exited with status %d", kind,
				      hook->path, WEXITSTATUS(status));
	return 0;
}

int direct_run_hook(const struct oci_hook *hook, const char *kind, const char *root,
		    const struct plan_process *confine, int state_fd, struct hrun_error *err)
{
	int fds[2], status = 0, e, r;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return hrun_error_errno(err, "%s hook `%s`: pipe", kind, hook->path);
	pid = fork();
	if (pid == 0)
		hook_child(hook, root, confine, state_fd, fds[1]);
	e = errno;
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return hrun_error_set(err, e, "%s hook `%s`: fork", kind, hook->path);
	}
	e = exec_error(fds[0]);
	close(fds[0]);
	if (e) {
		reap(pid, &status);
		return hrun_error_set(err, e, "%s hook `%s`", kind, hook->path);
	}
	r = wait_hook(pid, hook->has_timeout ? hook->timeout : 0, &status);
	if (r == -1) {
		hrun_error_set(err, 0, "%s hook `%s`: timed out after %d s", kind, hook->path,
			       hook->timeout);
		err->code = ETIMEDOUT;
		return -1;
	}
	if (r < 0)
		return hrun_error_errno(err, "%s hook `%s`: wait", kind, hook->path);
	return hook_status(hook, kind, status, err);
}
