/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The workload's kernel attributes (plan_attrs), set by the workload
 * process itself between the fork and execve -- and by the process of
 * `hrun exec`, which runs the same last steps:
 *
 *   execCPUAffinity.initial, personality, memoryPolicy, ioPriority,
 *   scheduler, then execCPUAffinity.final (what the process execs with).
 *
 * In the child, not the init: a SCHED_DEADLINE task cannot fork, and
 * SCHED_FLAG_RESET_ON_FORK would undo a policy inherited through fork.
 * The child already has the workload's identity, so for a scheduler or
 * the real-time I/O class the init keeps CAP_SYS_NICE (as it keeps
 * CAP_SYS_ADMIN for seccomp, workload_kept_caps()) and the child drops it
 * right after: the settings take effect with the privileges runc has when
 * it sets them, and the workload never holds more than configured. */
#include <errno.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/personality.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "container/sys_internal.h"
#include "plan/plan.h"
#include "util/error.h"

#define IOPRIO_CLASS_RT_   1
#define IOPRIO_WHO_PROCESS 1
#define LONG_BITS	   (sizeof(unsigned long) * 8)

/* struct sched_attr, SCHED_ATTR_SIZE_VER1 (linux/sched/types.h clashes
 * with sched.h). */
struct sched_attr_v1 {
	uint32_t size;
	uint32_t sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime;
	uint64_t sched_deadline;
	uint64_t sched_period;
	uint32_t sched_util_min;
	uint32_t sched_util_max;
};

uint64_t workload_kept_caps(const struct plan_process *proc)
{
	const struct plan_attrs *a = &proc->attrs;
	uint64_t kept = 0;

	if (proc->seccomp && !proc->no_new_privileges)
		kept |= UINT64_C(1) << CAP_SYS_ADMIN;
	if (a->sched.set || (a->has_ioprio && a->ioprio_class == IOPRIO_CLASS_RT_))
		kept |= UINT64_C(1) << CAP_SYS_NICE;
	return kept;
}

static int set_affinity(const struct plan_bitmap *cpus, const char *field, struct hrun_error *err)
{
	if (!cpus->n_longs)
		return 0;
	if (sched_setaffinity(0, cpus->n_longs * sizeof(unsigned long), (cpu_set_t *)cpus->bits) <
	    0)
		return hrun_error_errno(err, "%s: sched_setaffinity", field);
	return 0;
}

static int set_sched(const struct plan_sched *s, struct hrun_error *err)
{
	struct sched_attr_v1 attr = {
		.size = sizeof attr,
		.sched_policy = (uint32_t)s->policy,
		.sched_flags = s->flags,
		.sched_nice = s->nice,
		.sched_priority = (uint32_t)s->priority,
		.sched_runtime = s->runtime,
		.sched_deadline = s->deadline,
		.sched_period = s->period,
	};

	if (s->set && syscall(SYS_sched_setattr, 0, &attr, 0) < 0)
		return hrun_error_errno(err, "process.scheduler: sched_setattr");
	return 0;
}

static int set_mempolicy_(const struct plan_mempolicy *m, struct hrun_error *err)
{
	unsigned long maxnode = m->nodes.n_longs ? m->nodes.n_longs * LONG_BITS + 1 : 0;

	if (m->set &&
	    syscall(SYS_set_mempolicy, m->mode | (int)m->flags, m->nodes.bits, maxnode) < 0)
		return hrun_error_errno(err, "linux.memoryPolicy: set_mempolicy");
	return 0;
}

static int set_attrs(const struct plan_attrs *a, struct hrun_error *err)
{
	if (set_affinity(&a->cpus_initial, "process.execCPUAffinity.initial", err) < 0)
		return -1;
	if (a->has_personality && personality(a->personality) < 0)
		return hrun_error_errno(err, "linux.personality: personality");
	if (set_mempolicy_(&a->mempolicy, err) < 0)
		return -1;
	if (a->has_ioprio && syscall(SYS_ioprio_set, IOPRIO_WHO_PROCESS, 0,
				     a->ioprio_class << 13 | a->ioprio_level) < 0)
		return hrun_error_errno(err, "process.ioPriority: ioprio_set");
	return set_sched(&a->sched, err);
}

int direct_exec_attrs_apply(const struct plan_process *proc, struct hrun_error *err)
{
	uint64_t nice = UINT64_C(1) << CAP_SYS_NICE;
	struct plan_caps caps = proc->caps;

	if (set_attrs(&proc->attrs, err) < 0)
		return -1;
	/* CAP_SYS_ADMIN, when kept, goes after the seccomp install */
	caps.effective |= workload_kept_caps(proc) & ~nice;
	caps.permitted |= workload_kept_caps(proc) & ~nice;
	if ((workload_kept_caps(proc) & nice) && direct_capset(&caps) < 0)
		return hrun_error_errno(err, "drop CAP_SYS_NICE after the scheduler");
	return set_affinity(&proc->attrs.cpus_final, "process.execCPUAffinity.final", err);
}
