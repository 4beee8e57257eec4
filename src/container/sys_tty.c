/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The container's terminal: the peer of a pty master taken from the master
 * itself (never by a /dev/pts path, CVE-2025-52565), its size, and the
 * master handed to the runtime over the sync socket. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>

#include "container/sys_internal.h"

#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

int direct_pty_peer(int master)
{
	int unlock = 0;

	if (ioctl(master, TIOCSPTLCK, &unlock) < 0)
		return -1;
	return ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
}

int direct_set_winsize(int fd, unsigned int rows, unsigned int cols)
{
	struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};

	if (rows > 0xffff || cols > 0xffff) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, TIOCSWINSZ, &ws);
}

ssize_t direct_send_fd(int sock, const void *buf, size_t len, int fd)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} control;
	struct iovec iov = {.iov_base = (void *)buf, .iov_len = len};
	struct msghdr msg = {
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = control.buf,
		.msg_controllen = sizeof control.buf,
	};
	struct cmsghdr *cmsg = CMSG_FIRSTHDR(&msg);

	memset(control.buf, 0, sizeof control.buf);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cmsg), &fd, sizeof fd);
	return sendmsg(sock, &msg, MSG_NOSIGNAL);
}
