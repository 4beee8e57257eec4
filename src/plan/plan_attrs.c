/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The workload's kernel attributes: process.scheduler, ioPriority,
 * execCPUAffinity, apparmorProfile, selinuxLabel, and linux.personality
 * and linux.memoryPolicy, each checked and every name made a number. */
#include <errno.h>
#include <linux/mempolicy.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>

#include "oci/spec.h"
#include "plan/bitmap.h"
#include "plan/names.h"
#include "plan/plan_internal.h"
#include "util/error.h"

#define MAX_CPU	 8191 /* CONFIG_NR_CPUS is at most 8192 */
#define MAX_NODE 1023 /* MAX_NUMNODES is at most 1024 */

#define POLICY_DEADLINE		  6 /* SCHED_DEADLINE: not in every libc */
#define MPOL_WEIGHTED_INTERLEAVE_ 6 /* Linux 6.9; not in every linux/mempolicy.h */

static const struct name_value sched_policies[] = {
	{"SCHED_OTHER", SCHED_OTHER}, {"SCHED_FIFO", SCHED_FIFO},
	{"SCHED_RR", SCHED_RR},	      {"SCHED_BATCH", SCHED_BATCH},
	{"SCHED_IDLE", SCHED_IDLE},   {"SCHED_DEADLINE", POLICY_DEADLINE},
};
static const struct name_value sched_flags[] = {
	{"SCHED_FLAG_RESET_ON_FORK", 0x01},  {"SCHED_FLAG_RECLAIM", 0x02},
	{"SCHED_FLAG_DL_OVERRUN", 0x04},     {"SCHED_FLAG_KEEP_POLICY", 0x08},
	{"SCHED_FLAG_KEEP_PARAMS", 0x10},    {"SCHED_FLAG_UTIL_CLAMP_MIN", 0x20},
	{"SCHED_FLAG_UTIL_CLAMP_MAX", 0x40},
};
static const struct name_value ioprio_classes[] = {
	{"IOPRIO_CLASS_RT", 1},
	{"IOPRIO_CLASS_BE", 2},
	{"IOPRIO_CLASS_IDLE", 3},
};
static const struct name_value personalities[] = {
	{"LINUX", PER_LINUX},
	{"LINUX32", PER_LINUX32},
};
static const struct name_value mempolicy_modes[] = {
	{"MPOL_DEFAULT", MPOL_DEFAULT},
	{"MPOL_PREFERRED", MPOL_PREFERRED},
	{"MPOL_BIND", MPOL_BIND},
	{"MPOL_INTERLEAVE", MPOL_INTERLEAVE},
	{"MPOL_LOCAL", MPOL_LOCAL},
	{"MPOL_PREFERRED_MANY", MPOL_PREFERRED_MANY},
	{"MPOL_WEIGHTED_INTERLEAVE", MPOL_WEIGHTED_INTERLEAVE_},
};
static const struct name_value mempolicy_flags[] = {
	{"MPOL_F_NUMA_BALANCING", MPOL_F_NUMA_BALANCING},
	{"MPOL_F_RELATIVE_NODES", MPOL_F_RELATIVE_NODES},
	{"MPOL_F_STATIC_NODES", MPOL_F_STATIC_NODES},
};

const struct name_table plan_sched_policies = NAME_TABLE(sched_policies);
const struct name_table plan_sched_flags = NAME_TABLE(sched_flags);
const struct name_table plan_ioprio_classes = NAME_TABLE(ioprio_classes);
const struct name_table plan_personalities = NAME_TABLE(personalities);
const struct name_table plan_mempolicy_modes = NAME_TABLE(mempolicy_modes);
const struct name_table plan_mempolicy_flags = NAME_TABLE(mempolicy_flags);

/* A name of `table` into *out, or an error naming the field. */
static int lookup(const struct name_table *t, const char *name, const char *field, int *out,
		  struct hrun_error *err)
{
	uint64_t v;

	if (!names_find(t, name, &v))
		return hrun_error_set(err, 0, "%s: unknown value \"%s\"", field, name ? name : "");
	*out = (int)v;
	return 0;
}

static int sched_params(struct plan_sched *s, const struct oci_scheduler *in,
			struct hrun_error *err)
{
	bool rt = s->policy == SCHED_FIFO || s->policy == SCHED_RR;

	if (in->nice < -20 || in->nice > 19)
		return hrun_error_set(err, 0, "process.scheduler.nice: must be between -20 and 19");
	if (rt && (in->priority < 1 || in->priority > 99))
		return hrun_error_set(err, 0,
				      "process.scheduler.priority: must be between 1 and 99 for %s",
				      in->policy);
	if (!rt && in->priority != 0)
		return hrun_error_set(err, 0, "process.scheduler.priority: must be 0 for %s",
				      in->policy);
	if (s->policy != POLICY_DEADLINE && (in->runtime || in->deadline || in->period))
		return hrun_error_set(err, 0,
				      "process.scheduler: runtime, deadline and period are for "
				      "SCHED_DEADLINE only");
	if (s->policy == POLICY_DEADLINE && (!in->runtime || in->runtime > in->deadline ||
					     (in->period && in->deadline > in->period)))
		return hrun_error_set(err, 0,
				      "process.scheduler: SCHED_DEADLINE needs 0 < runtime <= "
				      "deadline <= period");
	return 0;
}

static int build_sched(struct plan_sched *s, const struct oci_scheduler *in, struct hrun_error *err)
{
	if (!in)
		return 0;
	if (in->policy && strcmp(in->policy, "SCHED_ISO") == 0)
		return hrun_error_set(err, 0,
				      "process.scheduler.policy: SCHED_ISO is not implemented by "
				      "Linux");
	if (lookup(&plan_sched_policies, in->policy, "process.scheduler.policy", &s->policy, err) <
		    0 ||
	    names_flags(&plan_sched_flags, in->flags, in->n_flags, &s->flags,
			"process.scheduler.flags", err) < 0 ||
	    sched_params(s, in, err) < 0)
		return -1;
	s->nice = in->nice;
	s->priority = in->priority;
	s->runtime = in->runtime;
	s->deadline = in->deadline;
	s->period = in->period;
	s->set = true;
	return 0;
}

static int build_ioprio(struct plan_attrs *a, const struct oci_io_priority *in,
			struct hrun_error *err)
{
	if (!in)
		return 0;
	if (lookup(&plan_ioprio_classes, in->class_, "process.ioPriority.class", &a->ioprio_class,
		   err) < 0)
		return -1;
	if (in->priority < 0 || in->priority > 7)
		return hrun_error_set(err, 0,
				      "process.ioPriority.priority: must be between 0 and 7");
	a->ioprio_level = in->priority;
	a->has_ioprio = true;
	return 0;
}

/* An absent or empty list leaves the set unset. */
static int build_list(struct plan_bitmap *b, const char *list, unsigned int max, const char *field,
		      struct hrun_error *err)
{
	if (!list || !list[0])
		return 0;
	if (bitmap_parse(list, max, b) == 0)
		return 0;
	if (errno == ENOMEM)
		return hrun_error_set(err, ENOMEM, "plan");
	return hrun_error_set(err, 0, "%s: invalid list \"%s\" (want e.g. 0-3,7; at most %u)",
			      field, list, max);
}

static int build_affinity(struct plan_attrs *a, const struct oci_cpu_affinity *in,
			  struct hrun_error *err)
{
	if (!in)
		return 0;
	if (build_list(&a->cpus_initial, in->initial, MAX_CPU, "process.execCPUAffinity.initial",
		       err) < 0 ||
	    build_list(&a->cpus_final, in->final, MAX_CPU, "process.execCPUAffinity.final", err) <
		    0)
		return -1;
	return 0;
}

static int build_personality(struct plan_attrs *a, const struct oci_personality *in,
			     struct hrun_error *err)
{
	int domain = 0;

	if (!in)
		return 0;
	if (lookup(&plan_personalities, in->domain, "linux.personality.domain", &domain, err) < 0)
		return -1;
	if (in->n_flags)
		return hrun_error_set(err, 0,
				      "linux.personality.flags[0]: unknown flag \"%s\" (the spec "
				      "defines none)",
				      in->flags[0] ? in->flags[0] : "");
	a->personality = (unsigned long)domain;
	a->has_personality = true;
	return 0;
}

static int mempolicy_nodes(struct plan_mempolicy *m, const struct oci_memory_policy *in,
			   struct hrun_error *err)
{
	bool none = !in->nodes || !in->nodes[0];
	bool no_nodes = m->mode == MPOL_DEFAULT || m->mode == MPOL_LOCAL;
	unsigned int both = MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES;

	if (no_nodes && !none)
		return hrun_error_set(err, 0, "linux.memoryPolicy.nodes: must be empty for %s",
				      in->mode);
	/* MPOL_PREFERRED without nodes means the local node */
	if (!no_nodes && m->mode != MPOL_PREFERRED && none)
		return hrun_error_set(err, 0, "linux.memoryPolicy.nodes: required for %s",
				      in->mode);
	if ((m->flags & both) == both)
		return hrun_error_set(err, 0,
				      "linux.memoryPolicy.flags: MPOL_F_STATIC_NODES and "
				      "MPOL_F_RELATIVE_NODES exclude each other");
	return build_list(&m->nodes, in->nodes, MAX_NODE, "linux.memoryPolicy.nodes", err);
}

static int build_mempolicy(struct plan_mempolicy *m, const struct oci_memory_policy *in,
			   struct hrun_error *err)
{
	uint64_t flags = 0;

	if (!in)
		return 0;
	if (lookup(&plan_mempolicy_modes, in->mode, "linux.memoryPolicy.mode", &m->mode, err) < 0 ||
	    names_flags(&plan_mempolicy_flags, in->flags, in->n_flags, &flags,
			"linux.memoryPolicy.flags", err) < 0)
		return -1;
	m->flags = (unsigned int)flags;
	if (mempolicy_nodes(m, in, err) < 0)
		return -1;
	m->set = true;
	return 0;
}

/* An LSM label goes to /proc/.../attr as one line. */
static int build_label(char **out, const char *label, const char *field, struct hrun_error *err)
{
	if (!label || !label[0])
		return 0;
	if (strchr(label, '\n'))
		return hrun_error_set(err, 0, "%s: must be one line", field);
	*out = plan_strdup(label, err);
	return *out ? 0 : -1;
}

int plan_build_attrs(struct plan_attrs *a, const struct oci_spec *spec, struct hrun_error *err)
{
	const struct oci_process *p = spec->process;
	const struct oci_linux *lx = spec->linux_;

	if (build_sched(&a->sched, p->scheduler, err) < 0 ||
	    build_ioprio(a, p->io_priority, err) < 0 ||
	    build_affinity(a, p->exec_cpu_affinity, err) < 0 ||
	    build_label(&a->apparmor_profile, p->apparmor_profile, "process.apparmorProfile", err) <
		    0 ||
	    build_label(&a->selinux_label, p->selinux_label, "process.selinuxLabel", err) < 0)
		return -1;
	if (lx && (build_personality(a, lx->personality, err) < 0 ||
		   build_mempolicy(&a->mempolicy, lx->memory_policy, err) < 0))
		return -1;
	return 0;
}

void plan_attrs_free(struct plan_attrs *a)
{
	bitmap_free(&a->cpus_initial);
	bitmap_free(&a->cpus_final);
	bitmap_free(&a->mempolicy.nodes);
	free(a->apparmor_profile);
	free(a->selinux_label);
}
