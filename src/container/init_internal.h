/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the init's files share.  Each step takes the init's context and
 * returns 0, or -1 with *err filled with a message that names what failed;
 * init.c lists the steps in the order they run. */
#ifndef HRUN_INIT_INTERNAL_H
#define HRUN_INIT_INTERNAL_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "container/init.h"
#include "container/op.h"
#include "container/sync.h"
#include "plan/plan.h"
#include "util/error.h"

/* PR_SET_DUMPABLE values (linux/sched/coredump.h is not a uapi header). */
#define SUID_DUMP_DISABLE 0
#define SUID_DUMP_USER	  1

/* The exit status when wait4 fails with anything but ECHILD (seed's
 * exitUnexpectedWait4), or when no child is left but the workload was
 * never reaped. */
#define INIT_EXIT_UNEXPECTED_WAIT4 2

/* The init's comm and command line, as the container sees them. */
#define INIT_TITLE "hrun-init"

/* The umask the workload gets when process.user.umask is unset. */
#define INIT_DEFAULT_UMASK 0022

struct init_ctx {
	struct init_state st; /* what the ops see */
	const struct init_fds *fds;
	int sfd; /* signalfd, from "created" on */
	int report_fd; /* where a failure goes: fds->sync, after `start` fds->result */
	pid_t workload;
	int procfd; /* not pid 1: the host's /proc, for the reaper's last sweep; else -1 */
	char exec_path[PATH_MAX]; /* process.args[0] resolved in the container */
	/* process as the workload gets it: the plan's, set where the context
	 * is made, with HOME when its env has none (init_home.c) */
	struct plan_process proc;
	/* back in the host's tree for the create hooks (init_pivot_host): the
	 * container's root sits on its rootfs path, the host's /proc is /proc */
	bool at_host;
};

typedef int init_step(struct init_ctx *c, struct hrun_error *err);

/* init.c */
void init_logf(const struct sys *k, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int init_sync_send(struct init_ctx *c, enum sync_type type, struct hrun_error *err);
int init_sync_expect(struct init_ctx *c, enum sync_type type, struct hrun_error *err);
/* m to report_fd (sent on the socket, written to the FIFO): 0 or -1 */
int init_report(struct init_ctx *c, const struct sync_msg *m);

/* init_ns.c: steps 0-3 */
init_step init_await_cgroup;
init_step init_become_subreaper;
init_step init_join_namespaces;
init_step init_enter_userns;
init_step init_end_dumpable;
init_step init_become_ns_root;

/* init_pivot.c: steps 8 and 10, and the carried root */
init_step init_pivot_intermediate;
/* Step 9a, with create hooks: the container's root moved onto its rootfs
 * path in the host's tree, the init back in that tree, cwd the rootfs. */
int init_pivot_host(struct init_ctx *c, struct hrun_error *err);
init_step init_pivot_sysroot;
init_step init_carry_root;

/* init_exec.c: step 11 */
init_step init_resolve_exec;

/* init_home.c: HOME in c->proc's env, from the container's /etc/passwd as
 * runc sets it */
init_step init_default_home;

/* init_identity.c: step 13 */
init_step init_apply_identity;

/* init_timens.c: a new time namespace and its offsets, after the user namespace */
init_step init_enter_timens;
/* init_labels.c: the LSM exec labels, before the final pivot */
init_step init_set_labels;
/* The exec labels of `a` (AppArmor profile, SELinux label) as the calling
 * thread's, through the host's /proc under `root` ("" when that is /). */
int labels_set_exec(const struct sys *k, const char *root, const struct plan_attrs *a,
		    struct hrun_error *err);

/* init_console.c: after the final pivot */
init_step init_setup_console;
/* The pty of a terminal process (init's workload, or an exec'd process):
 * open it from the container's devpts, sized as configured; then send the
 * master with SYNC_CONSOLE on `sock` and make the peer fds 0-2. */
int console_open(const struct sys *k, const struct plan_process *proc, int *master, int *peer,
		 struct hrun_error *err);
int console_hand_over(const struct sys *k, int sock, int master, int peer,
		      struct hrun_error *err);

/* init_hooks.c: createContainer before the final pivot, startContainer
 * before the spawn; whether `start` waits on fds->result for the outcome */
init_step init_hooks_create;
init_step init_hooks_start;
init_step init_report_started;

/* init_reaper.c: step 16 */
void init_reap(const struct sys *k, int sfd, pid_t workload, int adopt_wait_ms, int procfd)
	__attribute__((noreturn));

#endif
