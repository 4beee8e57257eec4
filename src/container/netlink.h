/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rtnetlink requests the runtime makes on the host (the init's go through
 * the dispatcher: loopback_up). */
#ifndef HRUN_CONTAINER_NETLINK_H
#define HRUN_CONTAINER_NETLINK_H

struct hrun_error;

/* Move the interface `ifindex` into the network namespace open at
 * netns_fd, named `name` there: one RTM_NEWLINK with IFLA_NET_NS_FD and
 * IFLA_IFNAME, so the move and the rename happen together. */
int netlink_link_move(int ifindex, int netns_fd, const char *name, struct hrun_error *err);

#endif
