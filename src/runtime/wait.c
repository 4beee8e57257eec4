/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The foreground of `run` and `exec`: hrun stands in for the container
 * process, so what is sent to hrun goes on to it. */
#include "runtime/runtime.h"

#include <errno.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util/cleanup.h"

static int exit_status_of(int status)
{
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Returns 1 and sets *status when pid has been reaped. */
static int try_reap(pid_t pid, int *status)
{
	int s;
	pid_t r = waitpid(pid, &s, WNOHANG);

	if (r == pid) {
		*status = exit_status_of(s);
		return 1;
	}
	return r < 0 && errno != EINTR ? -1 : 0;
}

void hold_signals(sigset_t *old)
{
	sigset_t all;

	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, old);
}

int wait_forwarding(pid_t pid, struct hrun_error *err)
{
	sigset_t all, old;
	_cleanup_close_ int sfd = -1;
	int status = 0, failed = 0;

	/* block first, then check: a SIGCHLD can't slip between the two */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	sfd = signalfd(-1, &all, SFD_CLOEXEC);
	if (sfd < 0) {
		failed = hrun_error_errno(err, "signalfd");
		goto out;
	}
	for (;;) {
		struct signalfd_siginfo si;
		int r = try_reap(pid, &status);

		if (r != 0) {
			if (r < 0)
				failed = hrun_error_errno(err, "wait for process %d", (int)pid);
			break;
		}
		if (read(sfd, &si, sizeof si) != (ssize_t)sizeof si)
			continue;
		if (si.ssi_signo != SIGCHLD)
			kill(pid, (int)si.ssi_signo);
	}
out:
	sigprocmask(SIG_SETMASK, &old, NULL);
	return failed ? -1 : status;
}
