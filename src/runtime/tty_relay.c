/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `run` in the foreground with process.terminal: hrun stands in for the
 * container's terminal, as runc does.  The caller's terminal goes raw and
 * a relay child copies stdin to the pty master and the master to stdout,
 * and follows the terminal's size (the kernel sends SIGWINCH to the
 * terminal's foreground group: the relay's).  The parent waits for the
 * init as without a terminal (wait_forwarding), then stops the relay --
 * which first drains what the container wrote -- and restores the
 * terminal.  A child keeps the relay out of the signal loop of the wait. */
#include "runtime/tty.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "runtime/runtime.h"

/* After the init is gone, what the container wrote may still be on its
 * way through the pty: read until the master hangs up or stays quiet. */
#define DRAIN_QUIET_MS 200
#define RELAY_BUF      8192

void tty_copy_size(int from, int master)
{
	struct winsize ws;

	/* 0x0: a terminal that does not know its size (a pipe's pty) */
	if (ioctl(from, TIOCGWINSZ, &ws) == 0 && (ws.ws_row || ws.ws_col))
		ioctl(master, TIOCSWINSZ, &ws);
}

static bool write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf += n;
		len -= (size_t)n;
	}
	return true;
}

/* Copy what is there from one fd to another; false at end-of-file or on
 * an error (EIO on the master: every holder of the peer is gone). */
static bool copy_once(int from, int to)
{
	char buf[RELAY_BUF];
	ssize_t n = read(from, buf, sizeof buf);

	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	return n > 0 && write_all(to, buf, (size_t)n);
}

static void drain(int master)
{
	struct pollfd p = {.fd = master, .events = POLLIN};

	while (poll(&p, 1, DRAIN_QUIET_MS) > 0 && copy_once(master, STDOUT_FILENO))
		;
}

/* Every signal is blocked already (since before the fork: a SIGTERM sent
 * at once must wait for the signalfd, not kill the relay). */
static int relay_signals(void)
{
	sigset_t mine;

	sigemptyset(&mine);
	sigaddset(&mine, SIGTERM);
	sigaddset(&mine, SIGWINCH);
	return signalfd(-1, &mine, SFD_CLOEXEC);
}

/* SIGTERM from the parent ends the relay, SIGWINCH resizes the pty. */
static bool on_signal(int sfd, int master)
{
	struct signalfd_siginfo si;

	if (read(sfd, &si, sizeof si) != (ssize_t)sizeof si)
		return true;
	if (si.ssi_signo == SIGWINCH) {
		tty_copy_size(STDIN_FILENO, master);
		return true;
	}
	drain(master);
	return false;
}

static void __attribute__((noreturn)) relay(int master)
{
	int sfd = relay_signals();
	struct pollfd p[3] = {
		{.fd = sfd, .events = POLLIN},
		{.fd = master, .events = POLLIN},
		{.fd = STDIN_FILENO, .events = POLLIN},
	};

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (sfd < 0)
		_exit(1);
	for (;;) {
		if (poll(p, 3, -1) < 0) {
			if (errno == EINTR)
				continue;
			_exit(1);
		}
		if (p[0].revents && !on_signal(sfd, master))
			_exit(0);
		if (p[1].revents && !copy_once(master, STDOUT_FILENO))
			_exit(0);
		/* end of input: the container just gets no more of it */
		if (p[2].revents && !copy_once(STDIN_FILENO, master))
			p[2].fd = -1;
	}
}

static void stop_relay(pid_t child)
{
	kill(child, SIGTERM);
	while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
		;
}

/* runc (its own relay and its recvtty) clears ONLCR on the pty: the
 * workload's "\n" reaches the caller as "\n", not "\r\n".  The master's
 * termios is the pair's.  A console socket's receiver decides for itself. */
void tty_foreground(int from, int master)
{
	struct termios t;

	tty_copy_size(from, master);
	if (tcgetattr(master, &t) == 0) {
		t.c_oflag &= ~(tcflag_t)ONLCR;
		tcsetattr(master, TCSANOW, &t);
	}
}

int tty_relay_wait(pid_t pid, int master, struct hrun_error *err)
{
	struct termios saved, raw;
	bool is_tty = tcgetattr(STDIN_FILENO, &saved) == 0;
	sigset_t all, old;
	pid_t child;
	int status;

	if (is_tty) {
		raw = saved;
		cfmakeraw(&raw);
		tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	}
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	child = fork();
	if (child == 0)
		relay(master);
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (child < 0)
		status = hrun_error_errno(err, "fork the terminal relay");
	else {
		status = wait_forwarding(pid, err);
		stop_relay(child);
	}
	if (is_tty)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
	return status;
}
