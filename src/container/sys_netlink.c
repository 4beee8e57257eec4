/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The loopback of a new network namespace, through rtnetlink (libmnl):
 * RTM_NEWLINK "lo" with IFF_UP, then RTM_GETLINK to see that it is up.
 * And the move of a host interface into a container (netlink.h). */
#include <errno.h>
#include <libmnl/libmnl.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "container/netlink.h"
#include "container/sys_internal.h"
#include "util/error.h"

static void mnl_socket_closep(struct mnl_socket **nl)
{
	if (*nl)
		mnl_socket_close(*nl);
}

#define REQUEST_SIZE 256

static struct nlmsghdr *link_request(char buf[REQUEST_SIZE], uint16_t type, uint16_t flags,
				     unsigned seq, unsigned up)
{
	memset(buf, 0, REQUEST_SIZE); /* the attribute's padding goes out too */
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	nlh->nlmsg_seq = seq;
	struct ifinfomsg *ifm = mnl_nlmsg_put_extra_header(nlh, sizeof *ifm);

	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_flags = up;
	ifm->ifi_change = up;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "lo");
	return nlh;
}

/* Send one request, run cb over the replies until it or the ack says stop. */
static int talk(struct mnl_socket *nl, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned portid = mnl_socket_get_portid(nl);

	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0)
		return -1;
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(nl, buf, sizeof buf);

		if (n < 0)
			return -1;
		int r = mnl_cb_run(buf, (size_t)n, nlh->nlmsg_seq, portid, cb, data);

		if (r <= MNL_CB_STOP)
			return r;
	}
}

static int link_up_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type == RTM_NEWLINK)
		*(bool *)data = ifm->ifi_flags & IFF_UP;
	return MNL_CB_STOP;
}

int direct_loopback_up(struct hrun_error *err)
{
	__attribute__((cleanup(mnl_socket_closep))) struct mnl_socket *nl =
		mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	char buf[REQUEST_SIZE];
	unsigned seq = (unsigned)time(NULL);
	bool up = false;

	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return hrun_error_errno(err, "bring up `lo`: rtnetlink socket");
	if (talk(nl, link_request(buf, RTM_NEWLINK, NLM_F_ACK, seq, IFF_UP), NULL, NULL) < 0)
		return hrun_error_errno(err, "bring up `lo`");
	if (talk(nl, link_request(buf, RTM_GETLINK, 0, seq + 1, 0), link_up_cb, &up) < 0)
		return hrun_error_errno(err, "bring up `lo`: RTM_GETLINK");
	if (!up)
		return hrun_error_set(err, EIO, "bring up `lo`: still down after RTM_NEWLINK");
	return 0;
}

int netlink_link_move(int ifindex, int netns_fd, const char *name, struct hrun_error *err)
{
	__attribute__((cleanup(mnl_socket_closep))) struct mnl_socket *nl =
		mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	char buf[REQUEST_SIZE];
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifm;

	if (!nl || mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0)
		return hrun_error_errno(err, "rtnetlink socket");
	memset(buf, 0, sizeof buf);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = (unsigned)time(NULL);
	ifm = mnl_nlmsg_put_extra_header(nlh, sizeof *ifm);
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_index = ifindex;
	mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (uint32_t)netns_fd);
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	if (talk(nl, nlh, NULL, NULL) < 0)
		return hrun_error_errno(err, "move into the container as `%s`", name);
	return 0;
}
