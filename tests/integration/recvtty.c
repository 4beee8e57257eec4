/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The console socket as conmon serves it, for the tests.
 *
 *   recvtty SOCKET [INPUT]
 *
 * Listens on SOCKET (it appears only once it accepts connections), accepts
 * once and unlinks it, and takes one message: it must carry exactly one
 * fd (one SCM_RIGHTS cmsg of CMSG_LEN(sizeof(int)), not truncated) and it
 * must be a pty master.  Then it writes INPUT (C escapes are not parsed:
 * pass a real newline) to the master and copies the master to stdout
 * until the container side hangs up.  Exits 0, 2 when the message is not
 * what conmon accepts, 1 on other errors; SIGALRM after a minute. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static void __attribute__((noreturn)) die(int status, const char *what)
{
	fprintf(stderr, "recvtty: %s: %s\n", what, errno ? strerror(errno) : "bad message");
	exit(status);
}

static int listen_at(const char *path)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || snprintf(addr.sun_path, sizeof addr.sun_path, "%s.tmp", path) >=
			      (int)sizeof addr.sun_path)
		die(1, "socket");
	unlink(addr.sun_path);
	if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 1) < 0 ||
	    rename(addr.sun_path, path) < 0)
		die(1, path);
	return fd;
}

/* Room for more than one fd, so that more than one would be seen. */
static int receive_master(int conn)
{
	union {
		char bytes[CMSG_SPACE(4 * sizeof(int))];
		struct cmsghdr align;
	} control;
	char name[4096];
	struct iovec iov = {.iov_base = name, .iov_len = sizeof name};
	struct msghdr msg = {.msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = control.bytes,
			     .msg_controllen = sizeof control.bytes};
	struct cmsghdr *c;
	int fd, unused;

	errno = 0;
	if (recvmsg(conn, &msg, MSG_CMSG_CLOEXEC) < 0)
		die(1, "recvmsg");
	c = CMSG_FIRSTHDR(&msg);
	if (!c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
	    c->cmsg_len != CMSG_LEN(sizeof(int)) || CMSG_NXTHDR(&msg, c) ||
	    (msg.msg_flags & MSG_CTRUNC))
		die(2, "not exactly one fd");
	memcpy(&fd, CMSG_DATA(c), sizeof fd);
	if (ioctl(fd, TIOCGPTN, &unused) < 0)
		die(2, "not a pty master");
	return fd;
}

int main(int argc, char **argv)
{
	char buf[4096];
	ssize_t n;
	int lfd, conn, master;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: recvtty SOCKET [INPUT]\n");
		return 1;
	}
	alarm(60);
	lfd = listen_at(argv[1]);
	conn = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	if (conn < 0)
		die(1, "accept");
	unlink(argv[1]);
	master = receive_master(conn);
	close(conn);
	if (argc == 3 && write(master, argv[2], strlen(argv[2])) < 0)
		die(1, "write to the master");
	while ((n = read(master, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
			die(1, "stdout");
	return 0;
}
