/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The parts of the plan that are kernel attributes of the workload process
 * (process.scheduler, ioPriority, execCPUAffinity, apparmorProfile,
 * selinuxLabel; linux.personality, linux.memoryPolicy) and the settings
 * of linux that are not ops (timeOffsets, netDevices, mountLabel,
 * intelRdt), every name already a number.  Included by plan.h. */
#ifndef HRUN_PLAN_ATTRS_H
#define HRUN_PLAN_ATTRS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A set of small numbers (cpus, NUMA nodes) as the kernel takes it:
 * bit n of the array of longs is n.  n_longs 0: unset. */
struct plan_bitmap {
	unsigned long *bits;
	size_t n_longs;
};

struct plan_sched {
	bool set;
	int policy; /* SCHED_* */
	int nice;
	int priority;
	uint64_t flags; /* SCHED_FLAG_* */
	uint64_t runtime, deadline, period;
};

struct plan_mempolicy {
	bool set;
	int mode;	    /* MPOL_* */
	unsigned int flags; /* MPOL_F_* (or'ed into the mode for the kernel) */
	struct plan_bitmap nodes;
};

/* Applied by the workload process itself between the fork and execve
 * (sys_exec_attrs.c), except the LSM labels, which the init writes for
 * its next exec while the host's /proc is still in sight (init_labels.c). */
struct plan_attrs {
	bool has_personality;
	unsigned long personality; /* PER_LINUX, PER_LINUX32 */
	struct plan_sched sched;
	bool has_ioprio;
	int ioprio_class; /* IOPRIO_CLASS_* */
	int ioprio_level;
	struct plan_bitmap cpus_initial; /* execCPUAffinity.initial */
	struct plan_bitmap cpus_final;	 /* execCPUAffinity.final */
	struct plan_mempolicy mempolicy;
	char *apparmor_profile;
	char *selinux_label;
};

struct plan_time_offset {
	int clock; /* CLOCK_MONOTONIC, CLOCK_BOOTTIME */
	int64_t secs;
	uint32_t nanosecs;
};

struct plan_net_device {
	char *host_name; /* the interface on the host */
	char *name;	 /* its name in the container (the host name when not renamed) */
};

/* linux.intelRdt; the runtime makes or joins the groups (runtime/resctrl.h). */
struct plan_rdt {
	char *clos_id;	 /* NULL: a group named after the container; "/": the root group */
	char **schemata; /* NULL-terminated: the lines for `schemata`, in writing order */
	size_t n_schemata;
	size_t n_schema; /* the first n_schema (l3CacheSchema, memBwSchema) must agree
			    with the schemata of a group that exists already */
	bool monitoring; /* enableMonitoring: a monitoring group named after the container */
};

#endif
