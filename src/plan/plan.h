/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The plan: what a config.json translates into, before anything runs.
 *
 *   config.json --oci/--> struct oci_spec --plan_build()--> struct plan
 *
 * The plan is pure data: the op list in execution order, the workload's
 * process settings with every name already resolved to a number
 * (capabilities, rlimits), the namespaces to create or join, the id maps.
 * plan_build() makes no syscalls (beyond none at all); the init executes
 * the plan without ever seeing JSON.  `hrun plan` prints it. */
#ifndef HRUN_PLAN_H
#define HRUN_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/types.h>

#include "container/op.h"
#include "plan/plan_attrs.h"

struct oci_hooks;
struct oci_spec;
struct hrun_error;
struct seccomp_filter;

/* Capability sets as bitmasks: bit n = capability n. */
struct plan_caps {
	uint64_t bounding;
	uint64_t effective;
	uint64_t permitted;
	uint64_t inheritable;
	uint64_t ambient;
};

struct plan_rlimit {
	int resource; /* RLIMIT_* */
	struct rlimit limit;
};

struct plan_process {
	char **args; /* NULL-terminated; args[0] resolved against PATH by the init */
	char **env;  /* NULL-terminated */
	char *cwd;   /* absolute, inside the container */
	uid_t uid;
	gid_t gid;
	gid_t *additional_gids;
	size_t n_additional_gids;
	bool has_umask;
	mode_t umask;
	struct plan_caps caps;
	bool no_new_privileges;
	struct plan_rlimit *rlimits;
	size_t n_rlimits;
	bool terminal;
	unsigned int console_height, console_width; /* process.consoleSize; 0 x 0: unset */
	bool has_oom_score_adj;
	int oom_score_adj;
	struct plan_attrs attrs; /* scheduler, ioprio, cpus, personality, LSM labels, mempolicy */
	int preserve_fds; /* fds 3 .. 3+preserve_fds-1 pass to the workload (set by the runtime) */
	/* linux.seccomp and the presets (src/seccomp); NULL: none.  The runtime
	 * compiles it before the clone, the workload child installs it. */
	struct seccomp_filter *seccomp;
};

struct plan_id_map {
	uint32_t container_id;
	uint32_t host_id;
	uint32_t size;
};

struct plan_ns_join {
	int nstype; /* CLONE_NEW* */
	char *path;
};

struct plan {
	char *rootfs;	/* absolute host path of the root filesystem */
	struct op *ops; /* execution order */
	size_t n_ops;
	struct plan_process process;

	int clone_flags;	    /* CLONE_NEW* namespaces to create */
	int unshare_flags; /* CLONE_NEWTIME: created by the init itself (init_timens.c) */
	struct plan_time_offset *time_offsets;
	size_t n_time_offsets;
	struct plan_ns_join *joins; /* namespaces to join, in setns order */
	size_t n_joins;
	struct plan_id_map *uid_map;
	size_t n_uid_map;
	struct plan_id_map *gid_map;
	size_t n_gid_map;

	char *hostname; /* NULL: leave as is */
	char *domainname;
	unsigned long rootfs_propagation; /* MS_* applied to "/" first; default MS_SLAVE|MS_REC */
	bool loopback;			  /* new network namespace: bring lo up */
	/* No mount namespace in the config: the root is built as always, in
	 * one of the init's own (CLONE_NEWNS is in clone_flags all the same),
	 * then carried into the host's (init_carry_root). */
	bool host_mount_ns;
	/* Set by the runtime.  No device cgroup policy applies (no cgroup, or
	 * no device rules): the rootfs is bound nodev, so that device nodes
	 * the image ships cannot be opened (/dev and linux.devices are mounts
	 * or nodes of hrun's own). */
	bool rootfs_nodev;
	/* --cgroup-manager disabled: the container has no cgroup to show;
	 * cgroup mounts are an empty read-only tmpfs. */
	bool no_cgroup;
	struct plan_net_device *net_devices; /* moved in by the runtime (runtime/netdev.c) */
	size_t n_net_devices;
	char *mount_label; /* linux.mountLabel: context= of the filesystem mounts */
	struct plan_rdt *intel_rdt; /* linux.intelRdt, NULL: none */
	int adopt_wait_ms; /* grace delay for lingering processes (org.hrun.adopt-wait) */
	/* org.hrun.init: the init stays as pid 1 and forks the workload
	 * (resident), or becomes the workload with an execve (none) */
	enum plan_init { PLAN_INIT_RESIDENT, PLAN_INIT_NONE } init;
	bool init_chosen; /* the annotation chose it (plan_init_default) */
	const struct oci_hooks *hooks; /* borrowed from the spec; NULL: none */
};

/* Translate a parsed config.  `bundle` is the absolute bundle directory
 * (root.path is relative to it).  Errors name the config field. */
struct plan *plan_build(const struct oci_spec *spec, const char *bundle, struct hrun_error *err);
void plan_free(struct plan *plan);

/* The init mode of a config whose annotations do not choose one (the
 * runtime's, e.g. hrun-noinit's); "resident" or "none". */
void plan_init_default(struct plan *plan, enum plan_init mode);
/* "resident" or "none". */
const char *plan_init_name(enum plan_init mode);

static inline void plan_freep(struct plan **plan)
{
	plan_free(*plan);
}
#define _cleanup_plan_ __attribute__((cleanup(plan_freep)))
/* The CLONE_NEW* namespaces the container has new, as the config asks. */
int plan_new_namespaces(const struct plan *plan);
/* /proc, /sys and /dev ("proc", "sys", "dev"): where the kernel's values
 * are read and the devices found, so none may be reached through a
 * symlink (runtime/host_check.c before create, op mount in the init). */
#define PLAN_N_KERNEL_DIRS 3
extern const char *const plan_kernel_dirs[PLAN_N_KERNEL_DIRS];
/* Whether `path` (the leading '/' optional) is one of them or under one. */
bool plan_in_kernel_dir(const char *path);

/* The config's name of a CLONE_NEW* type ("pid", "network", ...). */
const char *plan_ns_name(int flag);
/* The path of the namespace of type `nstype` (CLONE_NEW*) the container
 * joins; NULL when it joins none of that type. */
const char *plan_join_path(const struct plan *plan, int nstype);

/* Device nodes as binds of the host's (the runtime is in a user namespace
 * the config does not show, where mknod is refused). */
void plan_bind_host_devices(struct plan *plan);

/* A name resctrl can take for a group: one path component, not one of
 * its own directories (info, mon_groups, mon_data). */
bool plan_rdt_name_ok(const char *name);

enum plan_format { PLAN_TEXT, PLAN_JSON };
/* Print the plan: process settings, then one op a line in execution order. */
int plan_print(const struct plan *plan, enum plan_format format, FILE *out, struct hrun_error *err);

#endif
