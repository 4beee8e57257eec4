/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The workload's identity, applied by the init to itself after start: the
 * workload inherits it through fork, and the init, sharing its uid, can
 * still signal it.  (The seed does the same.)
 *
 * The bounding set is dropped first, while the init is still uid 0 in its
 * user namespace: PR_CAPBSET_DROP needs CAP_SETPCAP in the effective set,
 * and a switch to a non-zero uid empties that set (keepcaps keeps only the
 * permitted one).  capset then rebuilds the effective set from it. */
#include "container/init_internal.h"

#include <errno.h>
#include <linux/capability.h>
#include <sys/resource.h>

#include "container/sys.h"
#include "container/sys_internal.h"
#include "plan/plan.h"
#include "plan/rlimits.h"

static int set_limits(const struct sys *k, const struct plan_process *proc, struct hrun_error *err)
{
	for (size_t i = 0; i < proc->n_rlimits; i++) {
		const struct plan_rlimit *rl = &proc->rlimits[i];

		/* the plan takes only the names it knows: never NULL */
		if (k->setrlimit(rl->resource, &rl->limit) < 0)
			return hrun_error_errno(err, "cannot set %s", rlimit_name(rl->resource));
	}
	/* oom_score_adj is the runtime's to write, through the host's /proc
	 * (runtime/oom_score.c): the container's may be anything */
	return 0;
}

static int drop_bounding(const struct init_ctx *c, struct hrun_error *err)
{
	uint64_t keep = c->st.plan->process.caps.bounding;

	for (int cap = 0; cap <= c->st.last_cap && cap < 64; cap++)
		if (!(keep & (UINT64_C(1) << cap)) && c->st.k->cap_bset_drop(cap) < 0)
			return hrun_error_errno(
				err, "cannot drop capability %d from the bounding set", cap);
	return 0;
}

/* With no additional gids asked, EPERM means setgroups is denied in this
 * user namespace: the groups are already as small as they can be. */
static int set_ids(const struct sys *k, const struct plan_process *proc, struct hrun_error *err)
{
	if (k->setgroups(proc->n_additional_gids, proc->additional_gids) < 0 &&
	    !(errno == EPERM && proc->n_additional_gids == 0))
		return hrun_error_errno(err, "cannot set additional gids");
	if (k->setresgid(proc->gid, proc->gid, proc->gid) < 0)
		return hrun_error_errno(err, "cannot set gid %u", (unsigned)proc->gid);
	if (k->set_keepcaps(1) < 0)
		return hrun_error_errno(err, "cannot set keepcaps");
	if (k->setresuid(proc->uid, proc->uid, proc->uid) < 0)
		return hrun_error_errno(err, "cannot set uid %u", (unsigned)proc->uid);
	if (k->set_keepcaps(0) < 0)
		return hrun_error_errno(err, "cannot clear keepcaps");
	return 0;
}

/* The kernel raises an ambient capability only when it is inheritable and
 * permitted: the others are skipped, as runc and crun do (runc's default
 * spec lists ambient capabilities and no inheritable ones). */
static int set_caps(const struct init_ctx *c, struct hrun_error *err)
{
	const struct sys *k = c->st.k;
	const struct plan_caps *caps = &c->st.plan->process.caps;
	uint64_t ambient = caps->ambient & caps->inheritable & caps->permitted;
	struct plan_caps own = *caps;

	/* the workload child needs CAP_SYS_ADMIN to install its seccomp filter
	 * without no_new_privs, CAP_SYS_NICE for its scheduler; it drops them
	 * right after (sys_exec_attrs.c, sys_process.c) */
	own.effective |= workload_kept_caps(&c->st.plan->process);
	own.permitted |= workload_kept_caps(&c->st.plan->process);
	if (k->capset(&own) < 0)
		return hrun_error_errno(err, "cannot set capabilities");
	if (k->cap_ambient_clear() < 0)
		return hrun_error_errno(err, "cannot clear the ambient capability set");
	for (int cap = 0; cap < 64; cap++)
		if ((ambient & (UINT64_C(1) << cap)) && k->cap_ambient_raise(cap) < 0)
			return hrun_error_errno(err, "cannot raise ambient capability %d", cap);
	return 0;
}

int init_apply_identity(struct init_ctx *c, struct hrun_error *err)
{
	const struct sys *k = c->st.k;
	const struct plan_process *proc = &c->st.plan->process;

	if (set_limits(k, proc, err) < 0 || drop_bounding(c, err) < 0 ||
	    set_ids(k, proc, err) < 0 || set_caps(c, err) < 0)
		return -1;
	if (proc->no_new_privileges && k->set_no_new_privs() < 0)
		return hrun_error_errno(err, "cannot set no_new_privileges");
	/* a uid or gid change made us dumpable again when fs.suid_dumpable
	 * is 1: with the workload's uid, the container could read our /proc
	 * files and ptrace us (CVE-2019-5736) */
	if (k->set_dumpable(SUID_DUMP_DISABLE) < 0)
		return hrun_error_errno(err, "cannot set SUID_DUMP_DISABLE after the identity");
	k->umask(proc->has_umask ? proc->umask : INIT_DEFAULT_UMASK);
	return 0;
}
