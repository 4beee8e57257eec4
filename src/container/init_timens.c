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

/* "monotonic 3600 0\nboottime 7200 0\n": one write, as the kernel wants. */
static int write_offsets(const struct sys *k, const struct plan *p, struct hrun_error *err)
{
	char text[256];
	size_t len = 0;

	for (size_t i = 0; i < p->n_time_offsets && len < sizeof text; i++) {
		const struct plan_time_offset *o = &p->time_offsets[i];

		len += (size_t)snprintf(text + len, sizeof text - len,
					"%s %" PRId64 " %" PRIu32 "\n",
					o->clock == CLOCK_BOOTTIME ? "boottime" : "monotonic",
					o->secs, o->nanosecs);
	}
	if (len >= sizeof text)
		return hrun_error_set(err, E2BIG, "linux.timeOffsets");
	/* a non-dumpable process's /proc files belong to the host's root,
	 * which the init still is by its ids (init_become_ns_root comes
	 * next): never dumpable for this, not even for a moment */
	if (k->write_file(OFFSETS_FILE, text, len) < 0)
		return hrun_error_errno(err, "linux.timeOffsets: cannot write `%s`", OFFSETS_FILE);
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
