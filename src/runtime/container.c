/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Create, start and wait for one container from the host side. */
#include "runtime/runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "container/init.h"
#include "container/sync.h"
#include "container/sys.h"
#include "oci/spec.h"
#include "plan/plan.h"
#include "runtime/state.h"
#include "seccomp/seccomp.h"
#include "util/cleanup.h"

/* Refuse a missing rootfs here, with its config name, rather than as a
 * failed bind inside the init. */
static int check_rootfs(const char *rootfs, struct hrun_error *err)
{
	struct stat st;

	if (stat(rootfs, &st) < 0)
		return hrun_error_errno(err, "root.path `%s`", rootfs);
	if (!S_ISDIR(st.st_mode))
		return hrun_error_set(err, 0, "root.path `%s`: not a directory", rootfs);
	return 0;
}

struct container *container_load(const char *root, const char *id, const char *bundle,
				 struct hrun_error *err)
{
	_cleanup_free_ char *config = NULL;
	struct container *c = calloc(1, sizeof *c);

	if (!c) {
		hrun_error_errno(err, "allocate container");
		return NULL;
	}
	c->sync_fd = c->dirfd = -1;
	c->root = strdup(root ? root : "");
	c->id = strdup(id ? id : "");
	if (!c->root || !c->id) {
		hrun_error_errno(err, "allocate container");
		goto fail;
	}
	c->bundle = realpath(bundle, NULL);
	if (!c->bundle) {
		hrun_error_errno(err, "bundle `%s`", bundle);
		goto fail;
	}
	if (asprintf(&config, "%s/config.json", c->bundle) < 0) {
		hrun_error_errno(err, "allocate path");
		goto fail;
	}
	c->spec = oci_spec_load(config, err);
	if (!c->spec)
		goto fail;
	c->plan = plan_build(c->spec, c->bundle, err);
	if (!c->plan || check_rootfs(c->plan->rootfs, err) < 0)
		goto fail;
	return c;
fail:
	container_free(c);
	return NULL;
}

/* A pid namespace is entered for the children of the caller only, so a
 * pid namespace given by path is joined here, before the clone. */
static int join_pid_namespace(const struct plan *plan, struct hrun_error *err)
{
	for (size_t i = 0; i < plan->n_joins; i++) {
		_cleanup_close_ int fd = -1;

		if (plan->joins[i].nstype != CLONE_NEWPID)
			continue;
		fd = open(plan->joins[i].path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return hrun_error_errno(err, "join pid namespace `%s`", plan->joins[i].path);
		if (setns(fd, CLONE_NEWPID) < 0)
			return hrun_error_errno(err, "join pid namespace `%s`", plan->joins[i].path);
	}
	return 0;
}

static pid_t clone_init(int clone_flags)
{
	struct clone_args args = {
		.flags = (uint64_t)clone_flags,
		.exit_signal = SIGCHLD,
	};

	/* no stack: like fork, the child runs on a copy of ours */
	return (pid_t)syscall(SYS_clone3, &args, sizeof args);
}

static int sync_recv(int fd, struct sync_msg *msg)
{
	ssize_t n;

	do
		n = recv(fd, msg, sizeof *msg, 0);
	while (n < 0 && errno == EINTR);
	if (n == (ssize_t)sizeof *msg)
		return 1;
	return n == 0 ? 0 : -1;
}

static int sync_send_type(int fd, enum sync_type type)
{
	struct sync_msg msg = { .type = type };

	return send(fd, &msg, sizeof msg, MSG_NOSIGNAL) == (ssize_t)sizeof msg ? 0 : -1;
}

/* Kill and reap our child init. */
static void kill_init(struct container *c)
{
	if (c->init_pid <= 0)
		return;
	kill(c->init_pid, SIGKILL);
	while (waitpid(c->init_pid, NULL, 0) < 0 && errno == EINTR)
		;
	c->init_pid = 0;
}

static int reap_failed_init(struct container *c, struct hrun_error *err)
{
	int status = 0;

	while (waitpid(c->init_pid, &status, 0) < 0 && errno == EINTR)
		;
	c->init_pid = 0;
	if (WIFSIGNALED(status))
		return hrun_error_set(err, 0, "container init killed by signal %d during setup",
				      WTERMSIG(status));
	return hrun_error_set(err, 0, "container init exited with status %d during setup",
			      WEXITSTATUS(status));
}

static int answer_userns(struct container *c, struct hrun_error *err)
{
	if (idmap_write(c->init_pid, c->plan, err) < 0)
		return -1;
	if (sync_send_type(c->sync_fd, SYNC_USERNS_DONE) < 0)
		return hrun_error_errno(err, "write to container init");
	return 0;
}

/* Serve the init's requests until it says it is created, or fails.  On
 * failure the init is gone when this returns. */
static int serve_init(struct container *c, struct hrun_error *err)
{
	struct sync_msg msg;

	for (;;) {
		int r = sync_recv(c->sync_fd, &msg);

		if (r == 0)
			return reap_failed_init(c, err);
		if (r < 0)
			hrun_error_errno(err, "read from container init");
		else if (msg.type == SYNC_CREATED)
			return 0;
		else if (msg.type == SYNC_USERNS && answer_userns(c, err) == 0)
			continue;
		else if (msg.type == SYNC_ERROR) {
			msg.msg[sizeof msg.msg - 1] = '\0';
			hrun_error_set(err, 0, "%s", msg.msg);
			err->code = msg.code;
		} else if (msg.type != SYNC_USERNS)
			hrun_error_set(err, 0, "container init sent unknown message %u", msg.type);
		kill_init(c);
		return -1;
	}
}

static void close_range_between(unsigned int first, unsigned int last)
{
	if (first <= last)
		syscall(SYS_close_range, first, last, 0);
}

/* The init is a clone, not an exec: it would keep every fd we hold (the
 * state directory's lock among them).  Keep stdio, the fds the workload
 * is to inherit, and keep[] (-1 entries ignored): the two channels to us,
 * and the seccomp listener's connection and message. */
static void close_inherited_fds(int preserve_fds, const int *keep, size_t n)
{
	unsigned int next = 3 + (unsigned int)preserve_fds;

	for (;;) {
		int lo = -1;

		for (size_t i = 0; i < n; i++)
			if (keep[i] >= (int)next && (lo < 0 || keep[i] < lo))
				lo = keep[i];
		if (lo < 0)
			break;
		close_range_between(next, (unsigned int)lo - 1);
		next = (unsigned int)lo + 1;
	}
	close_range_between(next, ~0U);
}

static void __attribute__((noreturn)) run_init(struct container *c, int sync_fd, int start_fd)
{
	struct init_fds fds = { .sync = sync_fd, .start = start_fd };
	const struct seccomp_filter *sf = c->plan->process.seccomp;
	const int keep[] = { sync_fd, start_fd, sf ? sf->agent_fd : -1, sf ? sf->state_fd : -1 };

	close_inherited_fds(c->plan->process.preserve_fds, keep, sizeof keep / sizeof keep[0]);
	init_main(&sys_direct, c->plan, &fds);
}

/* The init waits for `start` by reading the exec FIFO.  It holds the FIFO
 * open for reading and writing, so its read blocks until `start` writes
 * (rather than seeing end-of-file), and `start` can open it without
 * blocking only while the init is alive to hold it. */
static int open_exec_fifo(struct container *c, struct hrun_error *err)
{
	int fd;

	if (mkfifoat(c->dirfd, STATE_FIFO, 0600) < 0)
		return hrun_error_errno(err, "create `%s/%s/%s`", c->root, c->id, STATE_FIFO);
	fd = openat(c->dirfd, STATE_FIFO, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return hrun_error_errno(err, "open `%s/%s/%s`", c->root, c->id, STATE_FIFO);
	return fd;
}

static int spawn_init(struct container *c, int fifo_fd, struct hrun_error *err)
{
	int sv[2];
	pid_t pid;

	if (join_pid_namespace(c->plan, err) < 0)
		return -1;
	/* compiled (or cached) and the agent connected here, on the host */
	if (c->plan->process.seccomp &&
	    seccomp_filter_prepare(c->plan->process.seccomp, c->root, err) < 0)
		return -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return hrun_error_errno(err, "socketpair");
	pid = clone_init(c->plan->clone_flags);
	if (pid < 0) {
		hrun_error_errno(err, "clone container init");
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		run_init(c, sv[1], fifo_fd);
	}
	close(sv[1]);
	c->init_pid = pid;
	c->sync_fd = sv[0];
	return 0;
}

static char *now_rfc3339(void)
{
	struct timespec ts;
	struct tm tm;
	char buf[64], *out;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
	if (asprintf(&out, "%s.%09ldZ", buf, ts.tv_nsec) < 0)
		return NULL;
	return out;
}

/* The state file of a just-created container.  Strings are borrowed. */
static int write_created_state(struct container *c, struct hrun_error *err)
{
	_cleanup_free_ char *created = now_rfc3339();
	struct oci_state st = {
		.oci_version = (char *)OCI_SPEC_VERSION,
		.id = c->id,
		.status = "created",
		.pid = c->init_pid,
		.bundle = c->bundle,
		.annotations = c->spec->annotations,
		.n_annotations = c->spec->n_annotations,
		.rootfs = c->plan->rootfs,
		.created = created,
		.owner = (char *)"",
		.init_start_time = proc_start_time(c->init_pid),
	};

	if (!created)
		return hrun_error_errno(err, "read the clock");
	if (st.init_start_time == 0)
		return hrun_error_set(err, ESRCH, "container init %d died during create",
				      (int)c->init_pid);
	if (c->plan->process.seccomp &&
	    seccomp_listener_state(c->plan->process.seccomp, &st, err) < 0)
		return -1;
	return state_write(c->dirfd, &st, err);
}

int container_create(struct container *c, const struct create_opts *opts,
		     struct hrun_error *err)
{
	_cleanup_close_ int fifo_fd = -1;

	c->plan->process.preserve_fds = opts->preserve_fds;
	c->dirfd = state_dir_create(c->root, c->id, err);
	if (c->dirfd < 0)
		return -1;
	fifo_fd = open_exec_fifo(c, err);
	if (fifo_fd < 0 || spawn_init(c, fifo_fd, err) < 0 || serve_init(c, err) < 0 ||
	    write_created_state(c, err) < 0 ||
	    (opts->pid_file && pidfile_write(opts->pid_file, c->init_pid, err) < 0)) {
		container_abort(c);
		return -1;
	}
	close(c->sync_fd);
	c->sync_fd = -1;
	return 0;
}

int container_wait(struct container *c, struct hrun_error *err)
{
	int status = wait_forwarding(c->init_pid, err);

	c->init_pid = 0;
	return status;
}

void container_abort(struct container *c)
{
	kill_init(c);
	if (c->dirfd >= 0) {
		close(c->dirfd);
		c->dirfd = -1;
		state_dir_remove(c->root, c->id, &(struct hrun_error){ 0 });
	}
}

void container_free(struct container *c)
{
	if (!c)
		return;
	if (c->sync_fd >= 0)
		close(c->sync_fd);
	if (c->dirfd >= 0)
		close(c->dirfd);
	plan_free(c->plan);
	oci_spec_free(c->spec);
	free(c->bundle);
	free(c->root);
	free(c->id);
	free(c);
}
