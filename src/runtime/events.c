/* SPDX-License-Identifier: GPL-2.0-or-later */
/* events: the container's statistics every interval and its OOM kills as
 * they happen, as runc prints them, until the container stops.  The
 * container's directory is unlocked while it watches, so that kill,
 * pause or delete are not held up. */
#include "runtime/runtime.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "oci/state.h"
#include "runtime/cgroups.h"
#include "runtime/events.h"
#include "runtime/state.h"
#include "util/cleanup.h"
#include "util/clock.h"

struct watch {
	const char *id;
	const struct cgroup *cg;
	const struct events_opts *o;
	struct cgroup_oom_watch oom; /* fd -1: no memory controller, no OOM events */
	uint64_t oom_kills;	     /* the count last seen */
};

static int emit(const struct watch *w, char *line, struct hrun_error *err)
{
	int r = line ? w->o->emit(line, w->o->data, err) : -1;

	free(line);
	return r;
}

static int emit_stats(const struct watch *w, struct hrun_error *err)
{
	struct cgroup_stats st;
	char *line;

	if (cgroup_stats(w->cg, &st, err) < 0)
		return -1;
	line = events_stats_line(w->id, &st, err);
	cgroup_stats_free(&st);
	return emit(w, line, err);
}

/* v1's eventfd fires before the kill is counted: how long to look again */
#define OOM_SETTLE_MS 500

/* The watch fires on any change (v2) or OOM situation (v1): an "oom"
 * line only when the kernel counted a kill since the last look. */
static int check_oom(struct watch *w, bool fired, struct hrun_error *err)
{
	unsigned settle = fired && w->oom.eventfd ? OOM_SETTLE_MS : 0;
	uint64_t n;

	if (w->oom.fd < 0 || cgroup_oom_kills(w->cg, w->oom_kills, settle, &n, err) < 0)
		return w->oom.fd < 0 ? 0 : -1;
	if (n <= w->oom_kills)
		return 0;
	w->oom_kills = n;
	return emit(w, events_oom_line(w->id, err), err);
}

/* Until the init's pidfd says it is gone. */
static int watch_loop(struct watch *w, int pidfd, struct hrun_error *err)
{
	uint64_t next = monotonic_ms() + w->o->interval_ms;

	for (;;) {
		struct pollfd p[2] = {{.fd = pidfd, .events = POLLIN},
				      {.fd = w->oom.fd, .events = w->oom.events}};
		uint64_t now = monotonic_ms();
		int r;

		if (now >= next) {
			if (emit_stats(w, err) < 0)
				return -1;
			next = now + w->o->interval_ms;
			continue;
		}
		r = poll(p, 2, (int)(next - now));
		if (r < 0 && errno != EINTR)
			return hrun_error_errno(err, "events: wait");
		if (r > 0 && p[1].revents) {
			cgroup_oom_watch_ack(&w->oom);
			if (check_oom(w, true, err) < 0)
				return -1;
		}
		/* a kill that ended the container is counted before it ends */
		if (r > 0 && p[0].revents)
			return check_oom(w, false, err);
	}
}

static int watch(struct watch *w, int pidfd, struct hrun_error *err)
{
	struct hrun_error ignored = {0};
	int r;

	if (cgroup_oom_watch(w->cg, &w->oom, &ignored) < 0 ||
	    cgroup_oom_kills(w->cg, 0, 0, &w->oom_kills, &ignored) < 0)
		cgroup_oom_watch_close(&w->oom);
	r = watch_loop(w, pidfd, err);
	cgroup_oom_watch_close(&w->oom);
	return r;
}

/* No cgroup (disabled, or rootless with none delegated): no stats and
 * no OOM count to report; the stream still ends with the container. */
static int follow_without_cgroup(struct cgroup_target *t, const char *id, struct hrun_error *err)
{
	_cleanup_close_ int pidfd = -1;
	struct pollfd p = {.events = POLLIN};

	if (strcmp(t->st->status, "stopped") == 0 || (pidfd = state_pidfd(t->st)) < 0)
		return hrun_error_set(err, 0, "container `%s` is not running", id);
	close(t->dirfd);
	t->dirfd = -1;
	p.fd = pidfd;
	while (poll(&p, 1, -1) < 0)
		if (errno != EINTR)
			return hrun_error_errno(err, "events: wait");
	return 0;
}

int runtime_events(const char *root, const char *id, const struct events_opts *o,
		   struct hrun_error *err)
{
	_cleanup_cgroup_target_ struct cgroup_target t = {.dirfd = -1};
	_cleanup_close_ int pidfd = -1;
	struct watch w = {.id = id, .o = o, .oom = {.fd = -1}};

	if (cgroup_target_open(root, id, &t, err) < 0) {
		if (!t.st || t.st->cgroup || o->stats_once)
			return -1;
		hrun_error_clear(err);
		return follow_without_cgroup(&t, id, err);
	}
	if (strcmp(t.st->status, "stopped") == 0 || (pidfd = state_pidfd(t.st)) < 0)
		return hrun_error_set(err, 0, "container `%s` is not running", id);
	close(t.dirfd);
	t.dirfd = -1;
	w.cg = t.cg;
	if (o->stats_once)
		return emit_stats(&w, err);
	return watch(&w, pidfd, err);
}
