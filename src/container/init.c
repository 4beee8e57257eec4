/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The container init: the sequence.  Every step goes through the
 * dispatcher k, so tests/unit/test_init.c replays it call by call.
 *
 * Until the runtime says start, a failing step is reported to the runtime
 * as SYNC_ERROR (it prints the message) and the init exits 1.  After the
 * workload is spawned the init only forwards signals and reaps. */
#include "container/init_internal.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "container/sys.h"
#include "plan/mount_options.h"
#include "plan/plan.h"

void init_logf(const struct sys *k, const char *fmt, ...)
{
	char line[HRUN_ERROR_MAX + 128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	k->log(line);
}

const char *init_sync_name(uint32_t type)
{
	static const char *const names[] = {
		[SYNC_USERNS] = "SYNC_USERNS",		 [SYNC_USERNS_DONE] = "SYNC_USERNS_DONE",
		[SYNC_CREATED] = "SYNC_CREATED",	 [SYNC_ERROR] = "SYNC_ERROR",
		[SYNC_CGROUP_DONE] = "SYNC_CGROUP_DONE", [SYNC_HOOKS] = "SYNC_HOOKS",
		[SYNC_HOOKS_DONE] = "SYNC_HOOKS_DONE",	 [SYNC_CONSOLE] = "SYNC_CONSOLE",
		[SYNC_STARTED] = "SYNC_STARTED",	 [SYNC_START] = "SYNC_START",
	};

	return type < sizeof names / sizeof names[0] && names[type] ? names[type] : NULL;
}

int init_sync_send(struct init_ctx *c, enum sync_type type, struct hrun_error *err)
{
	struct sync_msg m = {.type = type};

	if (c->st.k->send(c->fds->sync, &m, sizeof m) != (ssize_t)sizeof m)
		return hrun_error_errno(err, "cannot send %s", init_sync_name(type));
	return 0;
}

int init_sync_expect(struct init_ctx *c, enum sync_type type, struct hrun_error *err)
{
	struct sync_msg m;
	ssize_t n = c->st.k->read(c->fds->sync, &m, sizeof m);

	if (n < 0)
		return hrun_error_errno(err, "cannot receive %s", init_sync_name(type));
	if (n != (ssize_t)sizeof m)
		return hrun_error_set(err, EPIPE, "runtime went away before %s",
				      init_sync_name(type));
	if (m.type != type)
		return hrun_error_set(err, EPROTO, "expected %s, got message %u",
				      init_sync_name(type), m.type);
	return 0;
}

/* ---- the steps not worth a file of their own ---- */

static int step_loopback(struct init_ctx *c, struct hrun_error *err)
{
	return c->st.plan->loopback ? c->st.k->loopback_up(err) : 0;
}

/* umask 0 while building the root: modes in the config are meant exactly. */
static int step_process_basics(struct init_ctx *c, struct hrun_error *err)
{
	const struct sys *k = c->st.k;
	const struct plan *p = c->st.plan;

	k->umask(0);
	if (p->hostname && k->sethostname(p->hostname, strlen(p->hostname)) < 0)
		return hrun_error_errno(err, "cannot set hostname `%s`", p->hostname);
	if (p->domainname && k->setdomainname(p->domainname, strlen(p->domainname)) < 0)
		return hrun_error_errno(err, "cannot set domainname `%s`", p->domainname);
	c->st.last_cap = k->cap_last_cap();
	if (c->st.last_cap < 0)
		return hrun_error_errno(err, "cannot ask the kernel for its last capability");
	return 0;
}

static int make_root(struct init_ctx *c, unsigned long flags, struct hrun_error *err)
{
	if (c->st.k->mount(NULL, "/", NULL, flags, NULL) < 0)
		return hrun_error_errno(err, "cannot make / %s", mount_propagation_name(flags));
	return 0;
}

/* rslave while the root is built: nothing we mount reaches the host, and
 * pivot_root refuses a shared mount, so linux.rootfsPropagation waits
 * until the container's own / is in place (step_propagation). */
static int step_root_propagation(struct init_ctx *c, struct hrun_error *err)
{
	return make_root(c, MS_REC | MS_SLAVE, err);
}

/* Right after the final pivot, as runc: a mount needs CAP_SYS_ADMIN,
 * which the identity step takes away from most workloads. */
static int step_propagation(struct init_ctx *c, struct hrun_error *err)
{
	unsigned long flags = c->st.plan->rootfs_propagation;

	if (!flags || flags == (MS_REC | MS_SLAVE))
		return 0;
	return make_root(c, flags, err);
}

/* Early runs in the host root, in the container's mount namespace: the
 * whole list is validated before any op does anything. */
static int step_ops_early(struct init_ctx *c, struct hrun_error *err)
{
	const struct plan *p = c->st.plan;

	if (ops_valid(p->ops, p->n_ops, err) < 0)
		return -1;
	return ops_run(p->ops, p->n_ops, OP_EARLY, &c->st, err);
}

static int step_ops_apply(struct init_ctx *c, struct hrun_error *err)
{
	return ops_run(c->st.plan->ops, c->st.plan->n_ops, OP_APPLY, &c->st, err);
}

static int step_ops_late(struct init_ctx *c, struct hrun_error *err)
{
	return ops_run(c->st.plan->ops, c->st.plan->n_ops, OP_LATE, &c->st, err);
}

/* The container sees its init as INIT_TITLE, nothing of the host's
 * command line that cloned it. */
static int step_title(struct init_ctx *c, struct hrun_error *err)
{
	if (c->st.k->set_proc_title(INIT_TITLE) < 0)
		return hrun_error_errno(err, "cannot name the init `%s`", INIT_TITLE);
	return 0;
}

/* As runc's and crun's container process, the init leads a session and a
 * process group of its own: conmon's --timeout SIGKILLs the group of the
 * pid it was given, which would otherwise be conmon's (it would kill
 * itself, the container's exit unrecorded). */
static int step_session(struct init_ctx *c, struct hrun_error *err)
{
	if (c->st.k->setsid() < 0)
		return hrun_error_errno(err, "cannot make the init a session leader");
	return 0;
}

/* A foreground `run` holds nothing once its init is running (not even
 * the container's lock): when it is killed, the container goes with it.
 * Set after the identity step, which would clear it; were the runtime gone
 * already, SYNC_CREATED would fail to reach it. */
static int step_created(struct init_ctx *c, struct hrun_error *err)
{
	if (c->fds->die_with_parent && c->st.k->die_with_parent() < 0)
		return hrun_error_errno(err, "cannot set the parent death signal");
	return init_sync_send(c, SYNC_CREATED, err);
}

/* From "created" on, every signal comes through a signalfd: as pid 1 with
 * no handler the init would ignore them while it waits for start, and none
 * meant for the workload may be lost across the fork. */
static int step_block_signals(struct init_ctx *c, struct hrun_error *err)
{
	c->sfd = c->st.k->signalfd_all();
	if (c->sfd < 0)
		return hrun_error_errno(err, "cannot block signals");
	return 0;
}

static int step_spawn(struct init_ctx *c, struct hrun_error *err)
{
	c->workload = c->st.k->spawn_workload(c->exec_path, &c->proc, err);
	return c->workload < 0 ? -1 : 0;
}

/* org.hrun.init "none": nothing of hrun stays.  `start` hears
 * SYNC_STARTED just before the execve (the program was found at create):
 * an exec that fails after it is the workload's exit 127, as in runc. */
static int step_become_workload(struct init_ctx *c, struct hrun_error *err)
{
	c->st.k->become_workload(c->exec_path, &c->proc);
	return hrun_error_set(err, 0, "the workload `%s` returned", c->exec_path);
}

/* ---- the sequence ---- */

/* Until "created": the runtime waits for SYNC_CREATED or SYNC_ERROR. */
/* clang-format off */
static init_step *const create_steps[] = {
	init_await_cgroup,       /* nothing runs outside the container's cgroup */
	step_title,              /* /proc/1/cmdline shows nothing of the host */
	step_session,            /* a process group of its own */
	init_become_subreaper,   /* not pid 1: orphans must still come to us */
	init_join_namespaces,
	init_enter_userns,       /* id maps from the runtime */
	init_enter_timens,       /* linux.timeOffsets: before anything is in it */
	init_end_dumpable,       /* dumpable for the maps and offsets alone, if at all */
	init_become_ns_root,     /* uid and gid 0 of the user namespace */
	step_loopback,
	step_process_basics,
	step_root_propagation,
	step_ops_early,
	init_pivot_intermediate, /* host at /host, container root at /sysroot */
	step_ops_apply,
	init_hooks_create,       /* prestart, createRuntime (runtime), createContainer */
	init_set_labels,         /* LSM exec labels, through the host's /proc */
	init_pivot_sysroot,      /* the host is gone */
	step_propagation,        /* linux.rootfsPropagation on the container's / */
	init_setup_console,      /* process.terminal: the pty, /dev/console, stdio */
	init_carry_root,         /* no mount namespace asked: into the host's */
	init_resolve_exec,       /* cwd, and args[0] against the container's PATH */
	init_default_home,       /* HOME from the container's /etc/passwd */
	init_apply_identity,     /* as runc: a bad uid or cap fails create, not start */
	step_block_signals,
	step_created,
};
/* clang-format on */

/* After start. */
static init_step *const start_steps[] = {
	step_ops_late,
	init_hooks_start,
	step_spawn,
	init_report_started,
};

/* After start, with org.hrun.init "none". */
static init_step *const become_steps[] = {
	step_ops_late,
	init_hooks_start,
	init_report_started,
	step_become_workload,
};

int init_report(struct init_ctx *c, const struct sync_msg *m)
{
	const struct sys *k = c->st.k;
	ssize_t (*put)(int, const void *, size_t) =
		c->report_fd == c->fds->sync ? k->send : k->write;

	return put(c->report_fd, m, sizeof *m) == (ssize_t)sizeof *m ? 0 : -1;
}

/* "hrun: MSG" on the workload's stderr, cut to one line's room. */
static void stderr_line(const struct sys *k, const char *msg)
{
	char line[HRUN_ERROR_MAX + 8];
	int n = snprintf(line, sizeof line, "hrun: %s\n", msg);

	if (n > 0)
		k->write(STDERR_FILENO, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* With no one to report to (after a `start` that does not wait), the
 * failure goes to the log, if any, and to the workload's stderr: the
 * container's output is where its user looks (podman logs). */
static void __attribute__((noreturn)) init_fail(struct init_ctx *c, const struct hrun_error *err)
{
	struct sync_msg m = {.type = SYNC_ERROR, .code = err->code};

	snprintf(m.msg, sizeof m.msg, "%s", err->msg);
	if (c->report_fd < 0 || init_report(c, &m) < 0)
		init_logf(c->st.k, "%s", err->msg);
	if (c->report_fd < 0)
		stderr_line(c->st.k, err->msg);
	c->st.k->exit(1);
}

static void run_steps(struct init_ctx *c, init_step *const *steps, size_t n)
{
	struct hrun_error err = {0};

	for (size_t i = 0; i < n; i++)
		if (steps[i](c, &err) < 0)
			init_fail(c, &err);
}

/* EOF or an error on the start fd: the runtime gave up on this container.
 * A signal that would end a process ends the created container (`kill`
 * before `start`), with the status a shell would give it. */
static void wait_for_start(struct init_ctx *c)
{
	for (;;) {
		int r = c->st.k->wait_start(c->fds->start, c->sfd);

		if (r == 0)
			return;
		if (r < 0)
			c->st.k->exit(1);
		if (r != SIGCHLD && r != SIGWINCH && r != SIGURG && r != SIGCONT)
			c->st.k->exit(128 + r);
	}
}

void init_main(const struct sys *k, const struct plan *plan, const struct init_fds *fds)
{
	struct init_ctx c = {
		.st = {.k = k, .plan = plan, .sysroot_fd = -1, .last_cap = -1},
		.proc = plan->process,
		.fds = fds,
		.sfd = -1,
		.procfd = -1,
		.report_fd = fds->sync,
	};

	run_steps(&c, create_steps, sizeof create_steps / sizeof create_steps[0]);
	if (fds->start >= 0) {
		wait_for_start(&c);
		/* `create` is over and `start` has written its byte: neither
		 * channel has anything more to carry, and the init lives as long
		 * as the container does */
		k->close(fds->start);
		k->close(fds->sync);
		c.report_fd = fds->result;
	} else if (!fds->start_at_once) {
		/* no start FIFO: `run`, which says SYNC_START (unless it starts
		 * at once) and hears how the start went on the sync socket */
		struct hrun_error err = {0};

		if (init_sync_expect(&c, SYNC_START, &err) < 0)
			init_fail(&c, &err);
	}
	if (plan->init == PLAN_INIT_NONE)
		run_steps(&c, become_steps, sizeof become_steps / sizeof become_steps[0]);
	run_steps(&c, start_steps, sizeof start_steps / sizeof start_steps[0]);
	init_reap(k, c.sfd, c.workload, plan->adopt_wait_ms, c.procfd);
}
