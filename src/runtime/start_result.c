/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The outcome of `start`: after start wrote the exec FIFO the init runs
 * the startContainer hooks and spawns the workload.  When the container has
 * startContainer or poststart hooks, create made a start result FIFO and
 * start waits on it for SYNC_STARTED (the workload has exec'd: poststart
 * hooks run after it), or the SYNC_ERROR of a step that failed.  Without
 * it start returns at once; a signal sent meanwhile waits in the init's
 * signalfd until there is a workload to forward it to.
 *
 * start opens the FIFO before it writes the exec FIFO, so what the init
 * writes is never lost.  The init holds the FIFO open for reading and
 * writing: an empty FIFO and a live init look alike, so start watches the
 * init's pidfd too; once the init is gone, what it wrote is still there. */
#include "runtime/hooks.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "container/sync.h"
#include "runtime/state.h"
#include "util/cleanup.h"

int start_result_open(int dirfd)
{
	return openat(dirfd, STATE_RESULT_FIFO, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
}

static int read_result(int fd, struct sync_msg *m)
{
	ssize_t n;

	while ((n = read(fd, m, sizeof *m)) < 0 && errno == EINTR)
		;
	return n == (ssize_t)sizeof *m ? 0 : -1;
}

int start_result_wait(int fd, const struct oci_state *st, struct hrun_error *err)
{
	_cleanup_close_ int pidfd = state_pidfd(st);
	struct pollfd p[2] = {{.fd = fd, .events = POLLIN}, {.fd = pidfd, .events = POLLIN}};
	struct sync_msg m;

	while (poll(p, pidfd >= 0 ? 2 : 1, -1) < 0)
		if (errno != EINTR)
			return hrun_error_errno(err, "wait for container `%s` to start", st->id);
	return start_result_check(read_result(fd, &m) < 0 ? NULL : &m, st->id, err);
}

int start_result_check(struct sync_msg *m, const char *id, struct hrun_error *err)
{
	if (!m)
		return hrun_error_set(err, 0, "container `%s`: its init died while starting", id);
	if (m->type == SYNC_STARTED)
		return 0;
	m->msg[sizeof m->msg - 1] = '\0';
	if (m->type != SYNC_ERROR)
		return hrun_error_set(err, EPROTO, "container `%s`: unexpected message %u", id,
				      m->type);
	hrun_error_set(err, 0, "%s", m->msg);
	err->code = m->code;
	return -1;
}
