/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Pause and resume: v1 freezer.state, v2 cgroup.freeze.  Both are
 * asynchronous in the kernel: the write starts it, and we wait until the
 * cgroup reports the state reached (v1 "FROZEN", v2 "frozen 1" in
 * cgroup.events), bounded in time. */
#include "cgroup/internal.h"
#include "util/cleanup.h"

#include <poll.h>
#include <string.h>

unsigned cg_freeze_timeout_ms = 10000;

/* 1 when freezer.state reads want, 0 when not yet, -1 on error. */
static int state_is(const char *dir, const char *want, struct hrun_error *err)
{
	_cleanup_free_ char *state = cg_read(dir, "freezer.state", err);
	size_t n = strlen(want);

	if (!state)
		return -1;
	return strncmp(state, want, n) == 0 && (state[n] == '\n' || state[n] == '\0');
}

static int freeze_v1(const struct cgroup *cg, const char *dir, bool frozen, struct hrun_error *err)
{
	const char *want = frozen ? "FROZEN" : "THAWED";
	uint64_t deadline = monotonic_ms() + cg_freeze_timeout_ms;

	for (unsigned round = 0;; round++) {
		/* a task in an uninterruptible sleep can hold the cgroup in
		 * FREEZING: writing again retries the stragglers */
		int reached;
		if (cg_write(dir, "freezer.state", want, cg->layout.fake, err) < 0 ||
		    (reached = state_is(dir, want, err)) < 0)
			return -1;
		if (reached)
			return 0;
		if (monotonic_ms() >= deadline)
			break;
		cg_backoff(round, deadline);
	}
	if (frozen) {
		struct hrun_error ignored;
		cg_write(dir, "freezer.state", "THAWED", cg->layout.fake, &ignored);
	}
	return hrun_error_set(err, ETIMEDOUT, "%s `%s`", frozen ? "freeze" : "thaw", dir);
}

static int events_frozen(int fd, const char *dir, bool *frozen, struct hrun_error *err)
{
	char buf[256];
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	uint64_t v = 0;

	if (n < 0)
		return hrun_error_errno(err, "read `cgroup.events` in `%s`", dir);
	buf[n] = '\0';
	*frozen = cg_keyed_u64(buf, "frozen", &v) && v == 1;
	return 0;
}

static int freeze_v2(const struct cgroup *cg, const char *dir, bool frozen, struct hrun_error *err)
{
	_cleanup_close_ int fd = -1;
	uint64_t deadline = monotonic_ms() + cg_freeze_timeout_ms;

	if (cg_write(dir, "cgroup.freeze", frozen ? "1" : "0", cg->layout.fake, err) < 0 ||
	    (fd = cg_open(dir, "cgroup.events", err)) < 0)
		return -1;
	for (;;) {
		bool now;
		if (events_frozen(fd, dir, &now, err) < 0)
			return -1;
		if (now == frozen)
			return 0;
		uint64_t t = monotonic_ms();
		if (t >= deadline)
			return hrun_error_set(err, ETIMEDOUT, "%s `%s`", frozen ? "freeze" : "thaw",
					      dir);
		/* the kernel signals a change of cgroup.events with POLLPRI */
		struct pollfd p = {.fd = fd, .events = POLLPRI};
		int wait = (int)(deadline - t < 100 ? deadline - t : 100);
		if (poll(&p, 1, wait) < 0 && errno != EINTR)
			return hrun_error_errno(err, "wait for `cgroup.events` in `%s`", dir);
	}
}

int cgroup_freeze(const struct cgroup *cg, bool frozen, struct hrun_error *err)
{
	const char *dir;

	if (cg->manager == CGROUP_MANAGER_DISABLED)
		return cg_no_cgroup(err);
	if (cg->layout.mode != CGROUP_MODE_V2 && (dir = cg_v1_dir(cg, CG_FREEZER)))
		return freeze_v1(cg, dir, frozen, err);
	if ((dir = cg_v2_dir(cg)) && (cg->layout.fake || cg_exists(dir, "cgroup.freeze")))
		return freeze_v2(cg, dir, frozen, err);
	return hrun_error_set(err, 0, "cgroup freezer is not available on this host");
}

int cg_frozen_v1(const char *dir, bool *frozen, struct hrun_error *err)
{
	_cleanup_free_ char *state = cg_read(dir, "freezer.state", err);

	*frozen = false;
	if (!state && err->code == ENOENT) {
		hrun_error_clear(err); /* not made yet */
		return 0;
	}
	if (!state)
		return -1;
	*frozen = strncmp(state, "THAWED", 6) != 0;
	return 0;
}

int cg_frozen_v2(const char *dir, bool *frozen, struct hrun_error *err)
{
	_cleanup_free_ char *events = cg_read(dir, "cgroup.events", err);
	uint64_t v = 0;

	*frozen = false;
	if (!events && err->code == ENOENT) {
		hrun_error_clear(err); /* gone, or not made yet */
		return 0;
	}
	if (!events)
		return -1;
	*frozen = cg_keyed_u64(events, "frozen", &v) && v == 1;
	return 0;
}

int cgroup_is_frozen(const struct cgroup *cg, bool *frozen, struct hrun_error *err)
{
	const char *dir;

	*frozen = false;
	if (cg->manager == CGROUP_MANAGER_DISABLED)
		return 0;
	if (cg->layout.mode != CGROUP_MODE_V2 && (dir = cg_v1_dir(cg, CG_FREEZER)))
		return cg_frozen_v1(dir, frozen, err);
	if (!(dir = cg_v2_dir(cg)))
		return 0;
	return cg_frozen_v2(dir, frozen, err);
}
