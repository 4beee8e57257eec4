/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Being told of OOM kills (events): v2 signals a change of memory.events
 * with POLLPRI; v1 signals an eventfd registered on memory.oom_control
 * through cgroup.event_control.  Either way the count to compare is
 * cgroup_oom_kills(). */
#include "cgroup/internal.h"
#include "util/cleanup.h"
#include "util/clock.h"

#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <unistd.h>

static int watch_v1(const char *dir, struct cgroup_oom_watch *w, struct hrun_error *err)
{
	_cleanup_close_ int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	_cleanup_close_ int ofd = cg_open(dir, "memory.oom_control", err);
	char line[64];

	if (ofd < 0)
		return -1;
	if (efd < 0)
		return hrun_error_errno(err, "eventfd for `%s`", dir);
	snprintf(line, sizeof line, "%d %d", efd, ofd);
	if (cg_write(dir, "cgroup.event_control", line, false, err) < 0)
		return -1;
	/* the registration holds its own reference to memory.oom_control */
	*w = (struct cgroup_oom_watch){.fd = steal_fd(&efd), .events = POLLIN, .eventfd = true};
	return 0;
}

int cgroup_oom_watch(const struct cgroup *cg, struct cgroup_oom_watch *w, struct hrun_error *err)
{
	const char *dir;

	*w = (struct cgroup_oom_watch){.fd = -1};
	if (cg->manager == CGROUP_MANAGER_DISABLED)
		return cg_no_cgroup(err);
	if (cg->layout.mode != CGROUP_MODE_V2) {
		if (!(dir = cg_v1_dir(cg, CG_MEMORY)))
			return hrun_error_set(
				err, 0, "cgroup controller `memory` is not available on this host");
		return watch_v1(dir, w, err);
	}
	if (!(cg_v2_available(cg) & CG_BIT(CG_MEMORY)))
		return hrun_error_set(err, 0,
				      "cgroup controller `memory` is not available on this host");
	w->fd = cg_open(cg_v2_dir(cg), "memory.events", err);
	w->events = POLLPRI;
	return w->fd < 0 ? -1 : 0;
}

void cgroup_oom_watch_ack(struct cgroup_oom_watch *w)
{
	uint64_t n;
	char buf[256];

	/* drain the eventfd; re-read memory.events so poll waits for the next change */
	if (w->eventfd)
		(void)!read(w->fd, &n, sizeof n);
	else
		(void)!pread(w->fd, buf, sizeof buf, 0);
}

/* How often to look again while the count settles. */
#define OOM_RETRY_NS 10000000L

int cgroup_oom_kills(const struct cgroup *cg, uint64_t seen, unsigned settle_ms, uint64_t *n,
		     struct hrun_error *err)
{
	uint64_t deadline = monotonic_ms() + settle_ms;
	struct cgroup_stats st;

	for (;;) {
		if (cgroup_stats(cg, &st, err) < 0)
			return -1;
		*n = st.memory.oom_kill;
		cgroup_stats_free(&st);
		if (*n != seen || monotonic_ms() >= deadline)
			return 0;
		nanosleep(&(struct timespec){.tv_nsec = OOM_RETRY_NS}, NULL);
	}
}

void cgroup_oom_watch_close(struct cgroup_oom_watch *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
}
