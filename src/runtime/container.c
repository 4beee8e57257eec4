/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Create, start and wait for one container from the host side. */
#include "runtime/runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
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
#include "runtime/cgroups.h"
#include "runtime/hooks.h"
#include "runtime/host.h"
#include "runtime/resctrl.h"
#include "runtime/rootless.h"
#include "runtime/state.h"
#include "runtime/tty.h"
#include "seccomp/seccomp.h"
#include "util/cleanup.h"
#include "util/env.h"
#include "util/logline.h"
#include "util/spawn.h"
#include "util/warn.h"

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
	c->sync_fd = c->dirfd = c->console_fd = c->state_fd = c->result_fd = c->host_mnt_fd = -1;
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
	if (!c->plan || check_rootfs(c->plan->rootfs, err) < 0 ||
	    host_check(c->spec, c->plan, err) < 0 || rootless_prepare(c->plan, err) < 0)
		goto fail;
	return c;
fail:
	container_free(c);
	return NULL;
}

/* The init is born non-dumpable: dumpability belongs to the mm, which the
 * clone copies, so ours is held off around the clone and given back after.
 * Until its final pivot the init's root is the host's /, and in a pid
 * namespace joined by path (another container's) its processes could
 * otherwise reach it through /proc/<pid>/root, /proc/<pid>/fd, ...
 * (CVE-2016-9962).  cgroup_fd >= 0: born in that cgroup2 directory, and a
 * new cgroup namespace is rooted there (the kernel re-roots it). */
static pid_t clone_init(int clone_flags, int cgroup_fd)
{
	struct clone_args args = {
		.flags = (uint64_t)clone_flags,
		.exit_signal = (uint64_t)clone_exit_signal(clone_flags),
	};
	int dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), saved;
	pid_t pid;

	if (cgroup_fd >= 0) {
		args.flags |= CLONE_INTO_CGROUP;
		args.cgroup = (uint64_t)cgroup_fd;
	}
	if (dumpable < 0 || prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0)
		return -1;
	/* no stack: like fork, the child runs on a copy of ours */
	pid = (pid_t)syscall(SYS_clone3, &args, sizeof args);
	if (pid == 0)
		return 0;
	saved = errno;
	prctl(PR_SET_DUMPABLE, dumpable, 0, 0, 0);
	errno = saved;
	return pid;
}

/* What the middle process of clone_init_joining tells us. */
struct joined_clone {
	pid_t pid;  /* the init's, in our pid namespace; -1 on failure */
	int nstype; /* the namespace it failed to join, 0 when the clone failed */
	int code;   /* errno */
};

/* In the middle process: the user namespace first (it decides what the
 * rest may do), then the pid namespace, which setns only gives to the
 * children; then the clone.  Both are opened first, as the host's root:
 * in the joined user namespace a non-dumpable process's
 * /proc/<pid>/ns/pid is out of reach.  Returns 0 in the init. */
static pid_t middle_clone(const struct plan *plan, int clone_flags, int cgroup_fd,
			  struct joined_clone *r)
{
	static const int order[] = {CLONE_NEWUSER, CLONE_NEWPID};
	int fds[2] = {-1, -1};

	for (size_t i = 0; i < 2; i++) {
		const char *path = plan_join_path(plan, order[i]);

		if (path && (fds[i] = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
			*r = (struct joined_clone){-1, order[i], errno};
			return -1;
		}
	}
	for (size_t i = 0; i < 2; i++) {
		if (fds[i] >= 0 && setns(fds[i], order[i]) < 0) {
			*r = (struct joined_clone){-1, order[i], errno};
			return -1;
		}
		if (fds[i] >= 0)
			close(fds[i]);
	}
	r->pid = clone_init(clone_flags | CLONE_PARENT, cgroup_fd);
	r->code = errno;
	return r->pid;
}

/* A user or pid namespace given by path is entered by a middle process,
 * never by us: the namespaces the clone makes belong to the joined user
 * namespace, so the init, root there, may use them; our own later children
 * (hooks, exec) stay in our pid namespace; and the pid the middle's clone
 * returns is the init's pid in our pid namespace (the middle itself stays
 * in it: setns on a pid namespace moves only the children), which is what
 * the state file, the cgroup and /proc/<pid> need.  CLONE_PARENT makes the
 * init our child all the same.  In the init, returns 0 as a clone does. */
static pid_t clone_init_joining(const struct plan *plan, int clone_flags, int cgroup_fd,
				struct hrun_error *err)
{
	struct joined_clone r = {-1, 0, EIO};
	int p[2], status;
	pid_t middle;

	if (pipe2(p, O_CLOEXEC) < 0)
		return hrun_error_errno(err, "clone container init: pipe");
	middle = fork();
	if (middle == 0) {
		close(p[0]);
		if (middle_clone(plan, clone_flags, cgroup_fd, &r) == 0) {
			close(p[1]);
			return 0;
		}
		_exit(write(p[1], &r, sizeof r) == sizeof r ? 0 : 1);
	}
	close(p[1]);
	if (middle < 0)
		r.code = errno;
	else if (read(p[0], &r, sizeof r) != sizeof r)
		r = (struct joined_clone){-1, 0, EIO};
	close(p[0]);
	while (middle > 0 && waitpid(middle, &status, 0) < 0 && errno == EINTR)
		;
	if (r.pid > 0)
		return r.pid;
	errno = r.code;
	if (r.nstype)
		return hrun_error_errno(err, "join %s namespace `%s`", plan_ns_name(r.nstype),
					plan_join_path(plan, r.nstype));
	return hrun_error_errno(err, "clone container init");
}

/* One message, and the fd it carries (SYNC_CONSOLE) in *passed, else -1. */
int sync_recv(int fd, struct sync_msg *msg, int *passed)
{
	union {
		char buf[CMSG_SPACE(sizeof(int))];
		struct cmsghdr align;
	} control;
	struct iovec iov = { .iov_base = msg, .iov_len = sizeof *msg };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf,
			     .msg_controllen = sizeof control.buf };
	struct cmsghdr *cm;
	ssize_t n;

	*passed = -1;
	do
		n = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	cm = n > 0 ? CMSG_FIRSTHDR(&mh) : NULL;
	if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS &&
	    cm->cmsg_len == CMSG_LEN(sizeof(int)))
		memcpy(passed, CMSG_DATA(cm), sizeof *passed);
	if (n == (ssize_t)sizeof *msg)
		return 1;
	return n == 0 ? 0 : -1;
}

static int send_to_init(const struct container *c, enum sync_type type, struct hrun_error *err)
{
	struct sync_msg msg = { .type = type };

	if (send(c->sync_fd, &msg, sizeof msg, MSG_NOSIGNAL) != (ssize_t)sizeof msg)
		return hrun_error_errno(err, "write to container init");
	return 0;
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

/* A SIGKILL during setup is most often the memory limit: say so, as runc
 * does, when the kernel counted an OOM kill in the container's cgroup. */
static bool init_oom_killed(const struct container *c)
{
	struct hrun_error ignored = { 0 };
	uint64_t n = 0;

	return c->cgroup && cgroup_oom_kills(c->cgroup, 0, 0, &n, &ignored) == 0 && n > 0;
}

static int reap_failed_init(struct container *c, struct hrun_error *err)
{
	int status = 0;

	while (waitpid(c->init_pid, &status, 0) < 0 && errno == EINTR)
		;
	c->init_pid = 0;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && init_oom_killed(c))
		return hrun_error_set(err, 0, "container init was OOM-killed during setup "
				      "(memory limit too low?)");
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
	return send_to_init(c, SYNC_USERNS_DONE, err);
}

/* The init is at its hooks' point: the host's part of them first. */
static int answer_hooks(struct container *c, struct hrun_error *err)
{
	if (hooks_run_create(c, err) < 0)
		return -1;
	return send_to_init(c, SYNC_HOOKS_DONE, err);
}

/* Serve the init's requests until it says it is created, or fails.  On
 * failure the init is gone when this returns. */
static int serve_init(struct container *c, struct hrun_error *err)
{
	struct sync_msg msg;

	for (;;) {
		int passed, r = sync_recv(c->sync_fd, &msg, &passed);

		if (r > 0 && msg.type == SYNC_CONSOLE && passed >= 0 && c->console_fd < 0) {
			c->console_fd = passed;
			continue;
		}
		if (passed >= 0)
			close(passed);
		if (r > 0)
			hrun_debugf("create `%s`: the init says %s", c->id,
				    init_sync_name(msg.type) ? init_sync_name(msg.type) : "?");
		if (r == 0)
			return reap_failed_init(c, err);
		if (r < 0)
			hrun_error_errno(err, "read from container init");
		else if (msg.type == SYNC_CREATED)
			return 0;
		else if (msg.type == SYNC_USERNS && answer_userns(c, err) == 0)
			continue;
		else if (msg.type == SYNC_HOOKS && answer_hooks(c, err) == 0)
			continue;
		else if (msg.type == SYNC_ERROR) {
			msg.msg[sizeof msg.msg - 1] = '\0';
			hrun_error_set(err, 0, "%s", msg.msg);
			err->code = msg.code;
		} else if (msg.type != SYNC_USERNS && msg.type != SYNC_HOOKS)
			hrun_error_set(err, 0, "container init sent unknown message %u", msg.type);
		kill_init(c);
		return -1;
	}
}

/* How the init gets into its cgroup (see cgroup_placing_init). */
struct cgroup_placing {
	int clone_fd; /* cgroup_clone_fd(), borrowed; -1 for none */
	int *tasks;   /* cgroup_self_enter_fds() */
	size_t n_tasks;
	bool runtime; /* place_init() */
};

static void cgroup_placing_close(struct cgroup_placing *pl)
{
	cgroup_self_enter_close(pl->tasks, pl->n_tasks);
	pl->tasks = NULL;
	pl->n_tasks = 0;
}

/* `run` when nothing of ours has to reach the init or the workload
 * before the workload starts (the state file is written meanwhile): the
 * init goes on from "created" without waiting to hear SYNC_START.  Each
 * thing we do to the init after the clone without its waiting for it
 * must be ruled out here, since the workload inherits it: the resctrl
 * group, the network devices moved into its namespace, oom_score_adj;
 * and what we do after "created": a terminal's size or console socket
 * (console_deliver), a seccomp agent's state message (created_state). */
static bool starts_at_once(const struct container *c, const struct create_opts *opts)
{
	const struct plan *p = c->plan;
	const struct seccomp_filter *sf = p->process.seccomp;

	return opts->start_now && !c->rdt && !p->n_net_devices && !p->process.has_oom_score_adj &&
	       !p->process.terminal && !(sf && sf->agent_fd >= 0);
}

/* Without root on the host the runtime writes a new user namespace's maps
 * only while the init is dumpable (see struct init_fds). */
static bool maps_need_dumpable(const struct plan *plan)
{
	return (plan->clone_flags & CLONE_NEWUSER) && geteuid() != 0;
}

static void __attribute__((noreturn)) run_init(struct container *c, int sync_fd, int start_fd,
						     const struct cgroup_placing *pl, bool dumpable_maps,
						     const struct create_opts *opts)
{
	struct init_fds fds = { .sync = sync_fd, .start = start_fd,
				.start_at_once = starts_at_once(c, opts),
				.await_cgroup = pl->runtime,
				.cgroup_tasks = pl->tasks, .n_cgroup_tasks = pl->n_tasks,
				.state = c->state_fd, .result = c->result_fd,
				.host_mnt = c->host_mnt_fd,
				.sealed_exe = opts->sealed_exe,
				.maps_need_dumpable = dumpable_maps,
				.die_with_parent = opts->foreground };
	const struct seccomp_filter *sf = c->plan->process.seccomp;
	const int fixed[] = { sync_fd,	  start_fd,	  sf ? sf->agent_fd : -1,
			      sf ? sf->state_fd : -1, c->state_fd, c->result_fd, c->host_mnt_fd,
			      opts->log_fd, opts->sealed_exe };
	size_t n_fixed = sizeof fixed / sizeof fixed[0];
	/* and the bind sources the init is to attach, and its cgroup's */
	size_t n_binds = bind_source_fds(c->plan, NULL, 0);
	size_t n = n_fixed + n_binds + pl->n_tasks;
	int *keep = calloc(n, sizeof *keep);

	if (!keep)
		_exit(EXIT_FAILURE);
	memcpy(keep, fixed, sizeof fixed);
	bind_source_fds(c->plan, keep + n_fixed, n_binds);
	if (pl->n_tasks)
		memcpy(keep + n_fixed + n_binds, pl->tasks, pl->n_tasks * sizeof *keep);
	fds_keep_only(c->plan->process.preserve_fds, keep, n);
	free(keep);
	/* after the start, only the grace delay's timeout has words to log */
	sys_direct_log_to(opts->log_fd, opts->log_json, c->plan->adopt_wait_ms > 0);
	init_main(&sys_direct, c->plan, &fds);
}

/* The init waits for `start` by reading the exec FIFO.  It holds the FIFO
 * open for reading and writing, so its read blocks until `start` writes
 * (rather than seeing end-of-file), and `start` can open it without
 * blocking only while the init is alive to hold it.  (The start result
 * FIFO is held the same way, see start_result.c.) */
int container_fifo(struct container *c, const char *name, struct hrun_error *err)
{
	int fd;

	if (mkfifoat(c->dirfd, name, 0600) < 0)
		return hrun_error_errno(err, "create `%s/%s/%s`", c->root, c->id, name);
	fd = openat(c->dirfd, name, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return hrun_error_errno(err, "open `%s/%s/%s`", c->root, c->id, name);
	return fd;
}

/* Whether `start` must hear how the start went: a failing startContainer
 * hook is start's error, and poststart hooks run once the workload has
 * exec'd.  Else start returns as soon as it has released the init, as
 * runc's does: the program was found at create, and what fails after
 * (the spawn, the exec) is the container's exit, in the init's log. */
static bool start_reports(const struct container *c)
{
	const struct oci_hooks *h = c->plan->hooks;

	return h && (h->n_start_container || h->n_poststart);
}

/* What `start` needs: the exec FIFO it releases the init through, and,
 * when it has to wait (start_reports), the start result FIFO where it
 * hears that the workload has exec'd, or failed to. */
static int start_fifos(struct container *c, int *fifo_fd, struct hrun_error *err)
{
	*fifo_fd = container_fifo(c, STATE_FIFO, err);
	if (*fifo_fd < 0)
		return -1;
	if (!start_reports(c))
		return 0;
	c->result_fd = container_fifo(c, STATE_RESULT_FIFO, err);
	return c->result_fd < 0 ? -1 : 0;
}

/* Where the init cannot be born in its cgroup nor enter it itself
 * (systemd, a stand-in root): put it there before it runs anything (it
 * waits for SYNC_CGROUP_DONE first). */
static int place_init(struct container *c, struct hrun_error *err)
{
	if (cgroup_enter(c->cgroup, c->init_pid, err) < 0)
		return hrun_error_prefix(err, "cgroup of container `%s`", c->id);
	return send_to_init(c, SYNC_CGROUP_DONE, err);
}

/* How the init gets into its cgroup: born in the v2 directory
 * (clone_fd), entering its v1 hierarchies itself (tasks), and the rest
 * the runtime's (runtime). */
static int cgroup_placing_init(const struct cgroup *cg, struct cgroup_placing *pl,
			       struct hrun_error *err)
{
	bool any = cgroup_mode(cg) != CGROUP_MODE_NONE;

	*pl = (struct cgroup_placing){.clone_fd = cgroup_clone_fd(cg)};
	pl->runtime = any && !cgroup_self_placed(cg);
	if (pl->runtime)
		pl->clone_fd = -1;
	return pl->runtime || !any ? 0 : cgroup_self_enter_fds(cg, &pl->tasks, &pl->n_tasks, err);
}

static int spawn_init(struct container *c, int fifo_fd, const struct create_opts *opts,
		      struct hrun_error *err)
{
	__attribute__((cleanup(cgroup_placing_close))) struct cgroup_placing pl = {.clone_fd = -1};
	sigset_t caller_mask;
	int sv[2];
	pid_t pid;

	if (cgroup_placing_init(c->cgroup, &pl, err) < 0)
		return -1;
	/* a cgroup namespace is rooted where its creator is: made by the
	 * clone only when that is already the container's cgroup */
	int clone_flags = c->plan->clone_flags & ~(pl.runtime || pl.n_tasks ? CLONE_NEWCGROUP : 0);

	/* compiled (or cached) and the agent connected here, on the host */
	if (c->plan->process.seccomp &&
	    seccomp_filter_prepare(c->plan->process.seccomp, c->root, err) < 0)
		return -1;
	/* the init builds the root in a mount namespace of its own, then
	 * carries it into this one */
	if (c->plan->host_mount_ns &&
	    (c->host_mnt_fd = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC)) < 0)
		return hrun_error_errno(err, "open `/proc/self/ns/mnt`");
	/* asked here: in the init, before its maps, our uid is the overflow one */
	bool dumpable_maps = maps_need_dumpable(c->plan);

	if (dumpable_maps && plan_join_path(c->plan, CLONE_NEWPID))
		return hrun_error_set(err, 0,
				      "linux.namespaces: without root, a new user namespace "
				      "cannot be made in a pid namespace joined by path");
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		return hrun_error_errno(err, "socketpair");
	/* In the foreground every signal is held from before the clone: one
	 * sent as soon as the workload runs (which may be before we run
	 * again, when the init starts at once) is forwarded to it rather
	 * than the end of hrun.  The init takes the caller's mask back. */
	if (opts->foreground)
		hold_signals(&caller_mask);
	if (plan_join_path(c->plan, CLONE_NEWUSER) || plan_join_path(c->plan, CLONE_NEWPID))
		pid = clone_init_joining(c->plan, clone_flags, pl.clone_fd, err);
	else if ((pid = clone_init(clone_flags, pl.clone_fd)) < 0)
		hrun_error_errno(err, "clone container init");
	if (pid < 0) {
		if (opts->foreground)
			sigprocmask(SIG_SETMASK, &caller_mask, NULL);
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		if (opts->foreground)
			sigprocmask(SIG_SETMASK, &caller_mask, NULL);
		close(sv[0]);
		run_init(c, sv[1], fifo_fd, &pl, dumpable_maps, opts);
	}
	close(sv[1]);
	/* now: a `run` that starts at once may be over by the time we read
	 * its "created", and a zombie of ours keeps its pid and start time */
	c->init_start_time = child_start_time(pid);
	hrun_debugf("create `%s`: init is pid %d%s", c->id, (int)pid,
		    pl.runtime	       ? ", to be placed in its cgroup"
		    : pl.n_tasks       ? ", to enter its v1 cgroups itself"
		    : pl.clone_fd >= 0 ? ", born in its cgroup"
				       : ", with no cgroup of its own");
	bind_sources_close(c->plan);
	if (c->host_mnt_fd >= 0) {
		close(c->host_mnt_fd);
		c->host_mnt_fd = -1;
	}
	c->init_pid = pid;
	c->sync_fd = sv[0];
	if (oom_score_adj_write(pid, &c->plan->process, err) < 0)
		return -1;
	return pl.runtime ? place_init(c, err) : 0;
}

char *rfc3339_now(void)
{
	char buf[64];

	rfc3339_format(buf, sizeof buf);
	return strdup(buf);
}

void container_state(const struct container *c, struct oci_state *st)
{
	*st = (struct oci_state){
		.oci_version = (char *)OCI_SPEC_VERSION,
		.id = c->id,
		.status = "created",
		.pid = c->init_pid,
		.bundle = c->bundle,
		.annotations = c->spec->annotations,
		.n_annotations = c->spec->n_annotations,
		.rootfs = c->plan->rootfs,
		.created = c->created,
		.owner = (char *)"",
	};
}

/* The just-created container's state, and the seccomp agent's message
 * made from it: the last thing the workload needs of us.  Strings are
 * borrowed. */
static int created_state(struct container *c, struct oci_state *st, struct hrun_error *err)
{
	container_state(c, st);
	st->init_start_time = c->init_start_time;
	if (st->init_start_time == 0)
		return hrun_error_set(err, ESRCH, "container init %d died during create",
				      (int)c->init_pid);
	if (c->plan->process.seccomp &&
	    seccomp_listener_state(c->plan->process.seccomp, st, err) < 0)
		return -1;
	return 0;
}

/* state.json, from created_state's; `run` writes it while the workload
 * starts. */
static int write_state(struct container *c, struct oci_state *st, struct hrun_error *err)
{
	_cleanup_free_ char *cgroup = NULL;
	int r;

	if (container_cgroup_save(c->cgroup, &cgroup, err) < 0)
		return -1;
	st->cgroup = cgroup;
	st->intel_rdt = c->rdt;
	st->init_is_workload = c->plan->init == PLAN_INIT_NONE;
	st->own_pid_ns = c->plan->clone_flags & CLONE_NEWPID;
	r = state_write(c->dirfd, st, err);
	st->cgroup = NULL;
	return r;
}

static int release_init(struct container *c, const struct create_opts *opts,
			struct hrun_error *err)
{
	return starts_at_once(c, opts) ? 0 : send_to_init(c, SYNC_START, err);
}

/* Socket activation of hrun itself: its LISTEN_FDS fds come first among
 * the preserved ones, and the workload is told of them as runc tells it
 * (the init gives LISTEN_PID 1 the workload's own pid: sys_listen_pid.c). */
static int pass_listen_fds(struct plan_process *p, int listen_fds, struct hrun_error *err)
{
	char fds[32];
	size_t n = 0;

	while (p->env && p->env[n])
		n++;
	snprintf(fds, sizeof fds, "LISTEN_FDS=%d", listen_fds);
	if (env_put(&p->env, &n, fds) < 0 || env_put(&p->env, &n, "LISTEN_PID=1") < 0)
		return hrun_error_errno(err, "socket activation: allocate");
	p->preserve_fds += listen_fds;
	return 0;
}

int container_create(struct container *c, const struct create_opts *opts,
		     struct hrun_error *err)
{
	_cleanup_close_ int fifo_fd = -1;
	struct oci_state st;

	c->plan->process.preserve_fds = opts->preserve_fds;
	if (opts->listen_fds > 0 && pass_listen_fds(&c->plan->process, opts->listen_fds, err) < 0)
		return -1;
	hrun_debugf("create `%s`: bundle `%s`, rootfs `%s`, %zu ops", c->id, c->bundle,
		    c->plan->rootfs, c->plan->n_ops);
	if (console_check(c->plan->process.terminal, opts->console_socket, opts->foreground,
			  err) < 0)
		return -1;
	c->created = rfc3339_now();
	if (!c->created)
		return hrun_error_errno(err, "read the clock");
	c->dirfd = state_dir_create(c->root, c->id, err);
	if (c->dirfd < 0)
		return -1;
	/* after the state directory: a duplicate id fails before any cgroup */
	c->cgroup = container_cgroup_create(c, opts->cgroup_manager, err);
	if (c->cgroup)
		container_cgroup_plan(c);
	if (!c->cgroup || (!opts->start_now && start_fifos(c, &fifo_fd, err) < 0) ||
	    hooks_prepare(c, err) < 0 ||
	    container_rdt_create(c, err) < 0 ||
	    bind_sources_open(c->plan, err) < 0 || spawn_init(c, fifo_fd, opts, err) < 0 ||
	    container_rdt_enter(c, err) < 0 ||
	    netdev_move_all(c->plan, c->init_pid, err) < 0 ||
	    hooks_fill_state(c, err) < 0 || serve_init(c, err) < 0 ||
	    console_deliver(c, opts->console_socket, err) < 0 || created_state(c, &st, err) < 0 ||
	    (opts->start_now && release_init(c, opts, err) < 0) || write_state(c, &st, err) < 0 ||
	    (opts->pid_file && pidfile_write(opts->pid_file, c->init_pid, err) < 0)) {
		container_abort(c);
		return -1;
	}
	if (!opts->start_now) {
		close(c->sync_fd);
		c->sync_fd = -1;
	}
	return 0;
}

int container_started(struct container *c, struct hrun_error *err)
{
	struct sync_msg msg;
	int passed, r = sync_recv(c->sync_fd, &msg, &passed);

	if (passed >= 0)
		close(passed);
	close(c->sync_fd);
	c->sync_fd = -1;
	if (start_result_check(r > 0 ? &msg : NULL, c->id, err) < 0)
		return -1;
	hrun_debugf("start `%s`: the workload runs", c->id);
	hooks_run_saved(c->dirfd, c->id, HOOKS_POSTSTART);
	return 0;
}

static bool deleted_meanwhile(const struct container *c)
{
	struct stat st;

	return fstat(c->dirfd, &st) < 0 || st.st_nlink == 0;
}

/* Someone else deleted the container while we waited (the id may name a
 * new one by now): what container_abort would remove is not ours. */
static void disown(struct container *c)
{
	hrun_debugf("run `%s`: deleted while it ran, nothing left to delete", c->id);
	cgroup_free(c->cgroup);
	c->cgroup = NULL;
	oci_state_rdt_free(c->rdt);
	c->rdt = NULL;
	close(c->dirfd);
	c->dirfd = -1;
}

/* The container runs: `state`, `kill`, `exec`, even `delete --force`
 * from elsewhere must not wait for it to end, so the lock is let go while
 * we wait, and taken again for the delete that follows. */
int container_wait(struct container *c, struct hrun_error *err)
{
	int status;

	state_dir_unlock(c->dirfd);
	status = c->console_fd >= 0 ? tty_relay_wait(c->init_pid, c->console_fd, err)
				    : wait_forwarding(c->init_pid, err);
	c->init_pid = 0;
	if (state_dir_lock(c->dirfd, c->id, &(struct hrun_error){ 0 }) < 0 || deleted_meanwhile(c))
		disown(c);
	return status;
}

void container_abort(struct container *c)
{
	kill_init(c);
	if (c->cgroup)
		cgroup_remove(c->cgroup, &(struct hrun_error){ 0 });
	container_rdt_remove(c);
	if (c->dirfd >= 0) {
		close(c->dirfd);
		c->dirfd = -1;
		state_dir_remove(c->root, c->id, &(struct hrun_error){ 0 });
	}
}

void container_delete(struct container *c)
{
	if (c->dirfd >= 0)
		hooks_run_saved(c->dirfd, c->id, HOOKS_POSTSTOP);
	container_abort(c);
}

void container_free(struct container *c)
{
	if (!c)
		return;
	int fds[] = { c->sync_fd, c->dirfd, c->console_fd, c->state_fd, c->result_fd, c->host_mnt_fd };

	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	cgroup_free(c->cgroup);
	oci_state_rdt_free(c->rdt);
	plan_free(c->plan);
	oci_spec_free(c->spec);
	free(c->bundle);
	free(c->created);
	free(c->root);
	free(c->id);
	free(c);
}
