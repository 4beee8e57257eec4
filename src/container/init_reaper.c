/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The init's last job, in one thread: forward every signal to the
 * workload, reap every child, and once the workload is gone exit with its
 * status: the container is stopped.  What the workload left behind dies
 * with it (after adopt_wait_ms, when the annotation asks for a grace
 * delay): as pid 1, the init's exit kills the namespace; otherwise the
 * init kills and reaps its descendants itself first. */
#include "container/init_internal.h"

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>

#include "container/sys.h"

struct reaper {
	const struct sys *k;
	pid_t workload;
	int status; /* what the init exits with */
	bool workload_gone;
	bool stopping;   /* a signal that ends the workload was forwarded */
	int adopt_wait_ms;
	int64_t deadline; /* once the workload is gone */
	int procfd;	  /* not pid 1: the host's /proc, to find descendants; else -1 */
};

/* The container is stopped: nothing of it may outlive the init. */
static void __attribute__((noreturn)) finish(struct reaper *r)
{
	if (r->procfd >= 0 && r->k->kill_children(r->procfd) < 0)
		init_logf(r->k, "cannot kill the processes left: %s", strerror(errno));
	r->k->exit(r->status);
}

static int exit_status(int wstatus)
{
	if (WIFEXITED(wstatus))
		return WEXITSTATUS(wstatus);
	if (WIFSIGNALED(wstatus))
		return 128 + WTERMSIG(wstatus);
	return 255;
}

static void workload_reaped(struct reaper *r, int wstatus)
{
	r->status = exit_status(wstatus);
	/* no grace delay asked, or the container was asked to stop (`kill`,
	 * `podman stop`): what is left goes at once */
	if (r->stopping || r->adopt_wait_ms <= 0)
		finish(r);
	r->workload_gone = true;
	r->deadline = r->k->now_ms() + r->adopt_wait_ms;
}

/* Reap what has exited; true when no child is left at all. */
static bool reap_children(struct reaper *r)
{
	for (;;) {
		int wstatus;
		pid_t pid = r->k->wait4(-1, &wstatus, WNOHANG, NULL);

		if (pid == 0)
			return false;
		if (pid > 0) {
			if (pid == r->workload)
				workload_reaped(r, wstatus);
			continue;
		}
		if (errno == ECHILD)
			return true;
		if (errno != EINTR) {
			init_logf(r->k, "unexpected wait4 response: %s", strerror(errno));
			r->k->exit(INIT_EXIT_UNEXPECTED_WAIT4);
		}
	}
}

/* Once the workload is gone there is no one to forward to: a request to
 * stop ends the wait for the lingering processes, anything else is dropped. */
static void forward(struct reaper *r, int sig)
{
	if (r->workload_gone) {
		if (sig == SIGTERM || sig == SIGINT)
			finish(r);
		return;
	}
	if (sig == SIGTERM || sig == SIGINT || sig == SIGQUIT)
		r->stopping = true;
	if (r->k->kill(r->workload, sig) < 0)
		init_logf(r->k, "cannot forward SIG%s to %d: %s", sigabbrev_np(sig),
			  (int)r->workload, strerror(errno));
}

static int wait_timeout(const struct reaper *r)
{
	if (!r->workload_gone)
		return -1;
	int64_t left = r->deadline - r->k->now_ms();

	return left < 0 ? 0 : left > INT32_MAX ? INT32_MAX : (int)left;
}

void init_reap(const struct sys *k, int sfd, pid_t workload, int adopt_wait_ms, int procfd)
{
	struct reaper r = {
		.k = k,
		.workload = workload,
		.status = INIT_EXIT_UNEXPECTED_WAIT4,
		.adopt_wait_ms = adopt_wait_ms,
		.procfd = procfd,
	};

	for (;;) {
		int sig = k->signal_wait(sfd, wait_timeout(&r));

		if (sig == 0) {
			k->log("timeout exceeded waiting for lingering processes");
			finish(&r);
		}
		if (sig < 0 && errno != EINTR) {
			init_logf(k, "cannot wait for signals: %s", strerror(errno));
			k->exit(INIT_EXIT_UNEXPECTED_WAIT4);
		}
		if (sig == SIGCHLD) {
			if (reap_children(&r))
				k->exit(r.status);
		} else if (sig > 0) {
			forward(&r, sig);
		}
	}
}
