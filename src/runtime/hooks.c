/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "runtime/hooks.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/cleanup.h"

static char *const empty_env[] = { NULL };

static void __attribute__((noreturn)) exec_hook(const struct oci_hook *hook, int stdin_fd)
{
	char *const fallback_argv[] = { hook->path, NULL };

	dup2(stdin_fd, 0);
	execve(hook->path, hook->args ? hook->args : fallback_argv,
	       hook->env ? hook->env : empty_env);
	_exit(127);
}

/* Feed the state to the hook's stdin.  A hook that does not read it must
 * not block us: the pipe holds it whole when it is small, and a hook
 * that exits early just closes its end (EPIPE is not an error). */
static void feed_state(int fd, const char *json)
{
	size_t len = strlen(json), off = 0;

	while (off < len) {
		ssize_t n = write(fd, json + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
}

/* Wait for the hook, at most timeout seconds (0: no limit). */
static int wait_hook(pid_t pid, int timeout, int *status)
{
	_cleanup_close_ int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	struct pollfd pfd = { .fd = pidfd, .events = POLLIN };
	int r;

	if (pidfd >= 0 && timeout > 0) {
		do
			r = poll(&pfd, 1, timeout * 1000);
		while (r < 0 && errno == EINTR);
		if (r == 0) {
			kill(pid, SIGKILL);
			waitpid(pid, status, 0);
			return -1;
		}
	}
	while (waitpid(pid, status, 0) < 0)
		if (errno != EINTR)
			return -2;
	return 0;
}

static int run_one(const struct oci_hook *hook, const char *kind, const char *state_json,
		   struct hrun_error *err)
{
	int fds[2], status = 0, r;
	pid_t pid;

	/* say why a hook cannot run, rather than "exit status 127" */
	if (access(hook->path, X_OK) < 0)
		return hrun_error_errno(err, "%s hook `%s`", kind, hook->path);
	if (pipe2(fds, O_CLOEXEC) < 0)
		return hrun_error_errno(err, "%s hook `%s`: pipe", kind, hook->path);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return hrun_error_errno(err, "%s hook `%s`: fork", kind, hook->path);
	}
	if (pid == 0)
		exec_hook(hook, fds[0]);
	close(fds[0]);
	signal(SIGPIPE, SIG_IGN);
	feed_state(fds[1], state_json);
	close(fds[1]);
	r = wait_hook(pid, hook->has_timeout ? hook->timeout : 0, &status);
	if (r == -1)
		return hrun_error_set(err, ETIMEDOUT, "%s hook `%s`: timed out after %d s", kind,
				      hook->path, hook->timeout);
	if (r < 0)
		return hrun_error_errno(err, "%s hook `%s`: wait", kind, hook->path);
	if (WIFSIGNALED(status))
		return hrun_error_set(err, 0, "%s hook `%s`: killed by signal %d", kind,
				      hook->path, WTERMSIG(status));
	if (WEXITSTATUS(status) != 0)
		return hrun_error_set(err, 0, "%s hook `%s`: exited with status %d", kind,
				      hook->path, WEXITSTATUS(status));
	return 0;
}

int hooks_run(const struct oci_hook *hooks, size_t n, const char *kind, const char *state_json,
	      struct hrun_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (run_one(&hooks[i], kind, state_json, err) < 0)
			return -1;
	return 0;
}
