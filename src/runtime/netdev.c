/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.netDevices: host interfaces moved into the container's network
 * namespace, and renamed there, by the runtime (it has the privileges on
 * both sides) right after the clone, before the init reports created.
 * The kernel drops an interface's addresses when it changes namespace;
 * they are not carried over. */
#include "runtime/host.h"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>

#include "container/netlink.h"
#include "plan/plan.h"
#include "util/cleanup.h"
#include "util/error.h"

/* The namespace the init joins, or the one it was cloned into. */
static int open_netns(const struct plan *plan, pid_t pid, struct hrun_error *err)
{
	char path[64];
	const char *at = path;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/ns/net", (int)pid);
	for (size_t i = 0; i < plan->n_joins; i++)
		if (plan->joins[i].nstype == CLONE_NEWNET)
			at = plan->joins[i].path;
	fd = open(at, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return hrun_error_errno(err, "linux.netDevices: open `%s`", at);
	return fd;
}

int netdev_move_all(const struct plan *plan, pid_t pid, struct hrun_error *err)
{
	_cleanup_close_ int netns = -1;

	if (!plan->n_net_devices)
		return 0;
	netns = open_netns(plan, pid, err);
	if (netns < 0)
		return -1;
	for (size_t i = 0; i < plan->n_net_devices; i++) {
		const struct plan_net_device *d = &plan->net_devices[i];
		unsigned int index = if_nametoindex(d->host_name);

		if (!index)
			return hrun_error_errno(err, "linux.netDevices[\"%s\"]: no such interface",
						d->host_name);
		if (netlink_link_move((int)index, netns, d->name, err) < 0)
			return hrun_error_prefix(err, "linux.netDevices[\"%s\"]", d->host_name);
	}
	return 0;
}
