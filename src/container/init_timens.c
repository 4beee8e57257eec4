/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A new time namespace and linux.timeOffsets (time_namespaces(7)).
 *
 * Offsets can be written only while no process is in the namespace, and
 * clone(CLONE_NEWTIME) would put the init in it at once.  So the init
 * unshares it (that makes it the namespace of its children only), writes
 * the offsets, and then enters it itself through time_for_children: the
 * workload, `exec`'d processes (which join the init's namespaces) and the
 * init all see the container's clocks. */
#include "container/init_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>

#include "container/sys.h"
#include "plan/plan.h"

#define OFFSETS_FILE "/proc/self/timens_offsets"
#define CHILDREN_NS  "/proc/self/ns/time_for_children"

static const char *clock_name(const struct plan_time_offset *o)
{
	return o->clock == CLOCK_BOOTTIME ? "boottime" : "monotonic";
}

/* One write per clock, so that a refusal names its clock.  The file is
 * opened by its owner: the init's euid while it is dumpable (an
 * unprivileged runtime's init is, from init_enter_userns up to
 * init_end_dumpable), else the root of the init's mm's user namespace,
 * which a privileged runtime's init still is by its ids
 * (init_become_ns_root comes later): never made dumpable for this. */
static int write_offsets(const struct sys *k, const struct plan *p, struct hrun_error *err)
{
	for (size_t i = 0; i < p->n_time_offsets; i++) {
		const struct plan_time_offset *o = &p->time_offsets[i];
		char line[64];
		int len = snprintf(line, sizeof line, "%s %" PRId64 " %" PRIu32 "\n", clock_name(o),
				   o->secs, o->nanosecs);

		if (k->write_file(OFFSETS_FILE, line, (size_t)len) == 0)
			continue;
		/* the kernel keeps the clock, offset, between 0 and
		 * KTIME_SEC_MAX / 2 seconds */
		const char *why = errno == ERANGE ? " (the clock would read below 0 or "
						    "above 146 years)"
						  : "";

		hrun_error_errno(err,
				 "linux.timeOffsets.%s: cannot write `%" PRId64 " %" PRIu32
				 "` to `%s`%s",
				 clock_name(o), o->secs, o->nanosecs, OFFSETS_FILE, why);
		return -1;
	}
	return 0;
}

int init_enter_timens(struct init_ctx *c, struct hrun_error *err)
{
	const struct sys *k = c->st.k;
	const struct plan *p = c->st.plan;
	int fd, r;

	if (!(p->unshare_flags & CLONE_NEWTIME))
		return 0;
	if (k->unshare(CLONE_NEWTIME) < 0)
		return hrun_error_errno(err, "cannot create the time namespace");
	if (p->n_time_offsets && write_offsets(k, p, err) < 0)
		return -1;
	fd = k->open(CHILDREN_NS, O_RDONLY | O_CLOEXEC, 0);
	if (fd < 0)
		return hrun_error_errno(err, "cannot open `%s`", CHILDREN_NS);
	r = k->setns(fd, CLONE_NEWTIME);
	if (r < 0)
		hrun_error_errno(err, "cannot enter the time namespace");
	k->close(fd);
	return r;
}
