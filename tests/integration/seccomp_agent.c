/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A seccomp notify agent for the tests, speaking runc's protocol.
 *
 *   seccomp_agent SOCKET OUT [NAME:ERRNO | NAME:=VALUE]...
 *
 * Listens on SOCKET (it appears only once it accepts connections), takes
 * one connection, receives the ContainerProcessState JSON with the
 * listener fd in SCM_RIGHTS, and writes the JSON as the first line of OUT.
 * Then it answers every notification: NAME:ERRNO fails the syscall with
 * that errno, NAME:=VALUE makes it return VALUE without running it, and
 * anything else continues.  Each notification appends "notified NAME" to
 * OUT.  It exits 0 when the filtered processes are gone, 1 on an error,
 * and is killed by SIGALRM after two minutes in any case. */
#include <errno.h>
#include <fcntl.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_MESSAGE 65536

static void __attribute__((noreturn)) die(const char *what)
{
	fprintf(stderr, "seccomp_agent: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* Bind under a temporary name, listen, then rename into place. */
static int listen_at(const char *path)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0 || snprintf(addr.sun_path, sizeof addr.sun_path, "%s.tmp", path) >=
			      (int)sizeof addr.sun_path)
		die("socket");
	unlink(addr.sun_path);
	if (bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(fd, 1) < 0 ||
	    rename(addr.sun_path, path) < 0)
		die(path);
	return fd;
}

static int receive(int conn, char *json, size_t size)
{
	union {
		char bytes[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} control;
	struct iovec iov = {.iov_base = json, .iov_len = size - 1};
	struct msghdr msg = {.msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = control.bytes,
			     .msg_controllen = sizeof control.bytes};
	struct cmsghdr *c;
	ssize_t n = recvmsg(conn, &msg, MSG_CMSG_CLOEXEC);
	int fd;

	if (n <= 0)
		die("recvmsg");
	json[n] = '\0';
	c = CMSG_FIRSTHDR(&msg);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		die("no fd in the message");
	memcpy(&fd, CMSG_DATA(c), sizeof fd);
	return fd;
}

/* 1 and the answer set when NAME is in the policy. */
static int policy(char **rules, const char *name, struct seccomp_notif_resp *resp)
{
	size_t len = strlen(name);

	for (; *rules; rules++) {
		if (strncmp(*rules, name, len) != 0 || (*rules)[len] != ':')
			continue;
		if ((*rules)[len + 1] == '=')
			resp->val = strtoll(*rules + len + 2, NULL, 0);
		else
			resp->error = -atoi(*rules + len + 1);
		return 1;
	}
	return 0;
}

static void answer(int listener, FILE *out, char **rules)
{
	struct seccomp_notif req;
	struct seccomp_notif_resp resp;
	char *name;

	memset(&req, 0, sizeof req);
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) < 0) {
		if (errno == ENOENT || errno == EINTR)
			return; /* the caller went away meanwhile */
		die("SECCOMP_IOCTL_NOTIF_RECV");
	}
	name = seccomp_syscall_resolve_num_arch(req.data.arch, req.data.nr);
	memset(&resp, 0, sizeof resp);
	resp.id = req.id;
	if (!policy(rules, name ? name : "?", &resp))
		resp.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	fprintf(out, "notified %s\n", name ? name : "?");
	fflush(out);
	free(name);
	if (ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp) < 0 && errno != ENOENT)
		die("SECCOMP_IOCTL_NOTIF_SEND");
}

int main(int argc, char **argv)
{
	static char json[MAX_MESSAGE];
	int srv, conn, listener;
	FILE *out;

	if (argc < 3) {
		fprintf(stderr, "usage: seccomp_agent SOCKET OUT [NAME:ERRNO|NAME:=VALUE]...\n");
		return 2;
	}
	alarm(120); /* a test that failed early must not leave us behind */
	out = fopen(argv[2], "we");
	if (!out)
		die(argv[2]);
	srv = listen_at(argv[1]);
	conn = accept4(srv, NULL, NULL, SOCK_CLOEXEC);
	if (conn < 0)
		die("accept");
	listener = receive(conn, json, sizeof json);
	fprintf(out, "%s\n", json);
	fflush(out);
	for (;;) {
		struct pollfd p = {.fd = listener, .events = POLLIN};

		if (poll(&p, 1, -1) < 0 && errno != EINTR)
			die("poll");
		if (p.revents & POLLIN)
			answer(listener, out, argv + 3);
		else if (p.revents & (POLLHUP | POLLERR))
			break;
	}
	unlink(argv[1]);
	return 0;
}
