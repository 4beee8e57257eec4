/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SCMP_ACT_NOTIFY: getting the listener fd to the agent at listenerPath
 * without hrun's own syscalls ever being trapped (see seccomp.h).
 *
 * Host side (runtime, before the clone): connect to listenerPath and make
 * a memfd; after the clone, write the agent's message into it.  The init
 * and the workload child inherit both.
 *
 * Workload side: before installing anything, the child starts a helper
 * with CLONE_FILES (same fd table) and CLONE_PARENT (the init reaps it);
 * no filter ever applies to it.  After the install the child stores the
 * listener fd number in a shared page and goes on to execve without
 * another syscall for the handoff.  The helper polls that page (the child
 * cannot wake it: any wake-up would be a syscall the profile may trap),
 * and watches the child's pidfd in case it dies first; then it sends the
 * message with the fd in SCM_RIGHTS and exits.  If that fails the helper
 * kills the workload: a notifying workload with no agent would see ENOSYS
 * where the profile meant someone to decide. */
#include <errno.h>
#include <fcntl.h>
#include <linux/sched.h>
#include <poll.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>

#include "oci/spec.h"
#include "oci/state.h"
#include "seccomp/seccomp_internal.h"
#include "util/cleanup.h"
#include "util/error.h"

#define LISTENER_PENDING (-1)
#define LISTENER_FAILED	 (-2)

struct handoff {
	_Atomic int fd;
};

/* ---- host side ---------------------------------------------------- */

int seccomp_listener_connect(struct seccomp_filter *f, struct hrun_error *err)
{
	struct sockaddr_un addr = {.sun_family = AF_UNIX};
	_cleanup_close_ int fd = -1, state = -1;

	if (strlen(f->listener_path) >= sizeof addr.sun_path)
		return hrun_error_set(err, ENAMETOOLONG, "linux.seccomp.listenerPath `%s`",
				      f->listener_path);
	strcpy(addr.sun_path, f->listener_path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return hrun_error_errno(err, "linux.seccomp.listenerPath: socket");
	if (connect(fd, (struct sockaddr *)&addr, sizeof addr) < 0)
		return hrun_error_errno(err, "linux.seccomp.listenerPath: connect to `%s`",
					f->listener_path);
	state = memfd_create("hrun-seccomp-state", MFD_CLOEXEC);
	if (state < 0)
		return hrun_error_errno(err, "linux.seccomp.listenerPath: memfd");
	f->agent_fd = steal_fd(&fd);
	f->state_fd = steal_fd(&state);
	return 0;
}

static void gen_freep(yajl_gen *g)
{
	if (*g)
		yajl_gen_free(*g);
}

static void gen_string(yajl_gen g, const char *s)
{
	yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

/* runc's ContainerProcessState: the head is generated, the state (already
 * JSON) is appended as it is. */
static char *agent_message(const struct seccomp_filter *f, pid_t pid, const char *state_json)
{
	__attribute__((cleanup(gen_freep))) yajl_gen g = yajl_gen_alloc(NULL);
	const unsigned char *head;
	size_t len;
	char *msg = NULL;

	if (!g)
		return NULL;
	yajl_gen_map_open(g);
	gen_string(g, "ociVersion");
	gen_string(g, OCI_SPEC_VERSION);
	gen_string(g, "fds");
	yajl_gen_array_open(g);
	gen_string(g, "seccompFd");
	yajl_gen_array_close(g);
	gen_string(g, "pid");
	yajl_gen_integer(g, pid);
	if (f->listener_metadata && *f->listener_metadata) {
		gen_string(g, "metadata");
		gen_string(g, f->listener_metadata);
	}
	if (yajl_gen_get_buf(g, &head, &len) != yajl_gen_status_ok ||
	    asprintf(&msg, "%.*s,\"state\":%s}", (int)len, (const char *)head, state_json) < 0)
		return NULL;
	return msg;
}

static int write_message(int fd, const char *msg, struct hrun_error *err)
{
	if (ftruncate(fd, 0) < 0 || seccomp_pwrite_full(fd, msg, strlen(msg), 0) < 0)
		return hrun_error_errno(err, "seccomp listener message");
	return 0;
}

static int listener_message(struct seccomp_filter *f, const struct oci_state *st,
			    struct hrun_error *err)
{
	_cleanup_free_ char *state = NULL, *msg = NULL;

	if (f->state_fd < 0)
		return 0;
	state = oci_state_json(st, OCI_STATE_PUBLIC, false, err);
	if (!state)
		return -1;
	state[strcspn(state, "\n")] = '\0'; /* compact: one line, and a newline */
	msg = agent_message(f, st->pid, state);
	if (!msg)
		return hrun_error_set(err, ENOMEM, "seccomp listener message");
	return write_message(f->state_fd, msg, err);
}

int seccomp_listener_state(struct seccomp_filter *f, const struct oci_state *st,
			   struct hrun_error *err)
{
	struct oci_state creating = *st;

	creating.status = "creating";
	return listener_message(f, &creating, err);
}

int seccomp_listener_exec_state(struct seccomp_filter *f, const struct oci_state *st,
				struct hrun_error *err)
{
	return listener_message(f, st, err);
}

void seccomp_listener_release(const struct seccomp_filter *f)
{
	if (f && f->agent_fd >= 0)
		close(f->agent_fd);
	if (f && f->state_fd >= 0)
		close(f->state_fd);
}

/* ---- the helper --------------------------------------------------- */

static char *read_message(int fd, size_t *len)
{
	struct stat st;
	char *buf;

	if (fstat(fd, &st) < 0 || st.st_size <= 0 || !(buf = malloc((size_t)st.st_size)))
		return NULL;
	if (seccomp_pread_full(fd, buf, (size_t)st.st_size, 0) < 0) {
		free(buf);
		return NULL;
	}
	*len = (size_t)st.st_size;
	return buf;
}

/* The fd rides with the first bytes; a stream socket may take the rest later. */
static int send_message(int sock, const char *buf, size_t len, int fd)
{
	union {
		char bytes[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} control = {.bytes = {0}};
	struct iovec iov = {.iov_base = (void *)buf, .iov_len = len};
	struct msghdr msg = {.msg_iov = &iov,
			     .msg_iovlen = 1,
			     .msg_control = control.bytes,
			     .msg_controllen = sizeof control.bytes};
	struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
	ssize_t n;
	size_t done;

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof fd);
	do
		n = sendmsg(sock, &msg, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	for (done = (size_t)n; done < len; done += (size_t)n) {
		do
			n = send(sock, buf + done, len - done, MSG_NOSIGNAL);
		while (n < 0 && errno == EINTR);
		if (n <= 0)
			return -1;
	}
	return 0;
}

/* The fd number, or LISTENER_FAILED, or LISTENER_PENDING if the child died. */
static int wait_listener(struct handoff *h, int pidfd)
{
	struct timespec delay = {.tv_nsec = 20000};

	for (;;) {
		struct pollfd pfd = {.fd = pidfd, .events = POLLIN};
		int fd = atomic_load(&h->fd);

		if (fd != LISTENER_PENDING)
			return fd;
		if (ppoll(&pfd, 1, &delay, NULL) > 0)
			return atomic_load(&h->fd);
		if (delay.tv_nsec < 1000000)
			delay.tv_nsec *= 2;
	}
}

static void __attribute__((noreturn))
helper_main(const struct seccomp_filter *f, struct handoff *h, int pidfd)
{
	_cleanup_free_ char *msg = NULL;
	int fd = wait_listener(h, pidfd);
	size_t len = 0;

	if (fd == LISTENER_FAILED)
		_exit(0); /* the child reports its failure itself */
	if (fd >= 0 && (msg = read_message(f->state_fd, &len)) &&
	    send_message(f->agent_fd, msg, len, fd) == 0)
		_exit(0);
	/* nobody else can tell: the workload shares our stderr */
	dprintf(2, "hrun: seccomp: cannot hand the listener to `%s`: %s\n", f->listener_path,
		fd >= 0 ? strerror(errno) : "the workload died first");
	syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0);
	_exit(1);
}

/* ---- workload side ------------------------------------------------- */

struct handoff *seccomp_listener_helper(const struct seccomp_filter *f, struct hrun_error *err)
{
	struct clone_args args = {.flags = CLONE_FILES | CLONE_PARENT};
	struct handoff *h =
		mmap(NULL, sizeof *h, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int pidfd;
	pid_t pid;

	if (h == MAP_FAILED) {
		hrun_error_errno(err, "seccomp listener: shared page");
		return NULL;
	}
	atomic_init(&h->fd, LISTENER_PENDING);
	pidfd = (int)syscall(SYS_pidfd_open, getpid(), 0);
	if (pidfd < 0) {
		hrun_error_errno(err, "seccomp listener: pidfd_open");
		munmap(h, sizeof *h);
		return NULL;
	}
	pid = (pid_t)syscall(SYS_clone3, &args, sizeof args);
	if (pid < 0) {
		hrun_error_errno(err, "seccomp listener: start the helper");
		close(pidfd);
		munmap(h, sizeof *h);
		return NULL;
	}
	if (pid == 0)
		helper_main(f, h, pidfd);
	return h;
}

/* A plain store: from here on any syscall may be trapped. */
void seccomp_listener_handoff(struct handoff *h, int fd)
{
	atomic_store(&h->fd, fd >= 0 ? fd : LISTENER_FAILED);
}
