/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The runtime-spec v1.3.0 config.json model (Linux), as plain C data.
 *
 * Conventions:
 *  - strings are heap-allocated, NULL when absent;
 *  - arrays are `T *name` + `size_t n_name`; string lists are also
 *    NULL-terminated (`char **`) so they can go straight to execve;
 *  - optional scalars carry a `has_` flag where 0 is a meaningful value;
 *  - optional objects are pointers, NULL when absent.
 * Everything is released by oci_spec_free().  The parser (oci/parse*.c)
 * is the only writer; nothing here makes a syscall. */
#ifndef HRUN_OCI_SPEC_H
#define HRUN_OCI_SPEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define OCI_SPEC_VERSION "1.3.0"

struct oci_id_mapping {
	uint32_t container_id;
	uint32_t host_id;
	uint32_t size;
};

struct oci_mount {
	char *destination;
	char *type;
	char *source;
	char **options;             /* NULL-terminated */
	size_t n_options;
	struct oci_id_mapping *uid_mappings;
	size_t n_uid_mappings;
	struct oci_id_mapping *gid_mappings;
	size_t n_gid_mappings;
};

struct oci_root {
	char *path;
	bool readonly;
};

struct oci_user {
	uint32_t uid;
	uint32_t gid;
	bool has_umask;
	uint32_t umask;
	uint32_t *additional_gids;
	size_t n_additional_gids;
	char *username;             /* Windows only; kept for completeness */
};

/* Capability sets as names, exactly as in config.json ("CAP_CHOWN").
 * A NULL set means the key was absent; an empty set is a non-NULL
 * array with count 0. */
struct oci_capabilities {
	char **bounding;
	size_t n_bounding;
	char **effective;
	size_t n_effective;
	char **inheritable;
	size_t n_inheritable;
	char **permitted;
	size_t n_permitted;
	char **ambient;
	size_t n_ambient;
};

struct oci_rlimit {
	char *type;                 /* "RLIMIT_NOFILE" */
	uint64_t hard;
	uint64_t soft;
};

struct oci_console_size {
	uint32_t height;
	uint32_t width;
};

struct oci_scheduler {
	char *policy;               /* "SCHED_OTHER", ... */
	int32_t nice;
	int32_t priority;
	char **flags;
	size_t n_flags;
	uint64_t runtime;
	uint64_t deadline;
	uint64_t period;
};

struct oci_io_priority {
	char *class_;               /* "IOPRIO_CLASS_RT" | _BE | _IDLE */
	int32_t priority;
};

struct oci_cpu_affinity {
	char *initial;
	char *final;
};

struct oci_process {
	bool terminal;
	struct oci_console_size *console_size;
	struct oci_user user;
	char **args;                /* NULL-terminated, non-empty */
	size_t n_args;
	char *command_line;         /* Windows only */
	char **env;                 /* NULL-terminated */
	size_t n_env;
	char *cwd;
	struct oci_capabilities *capabilities;
	struct oci_rlimit *rlimits;
	size_t n_rlimits;
	bool no_new_privileges;
	char *apparmor_profile;
	bool has_oom_score_adj;
	int32_t oom_score_adj;
	char *selinux_label;
	struct oci_scheduler *scheduler;
	struct oci_io_priority *io_priority;
	struct oci_cpu_affinity *exec_cpu_affinity;
};

struct oci_hook {
	char *path;
	char **args;                /* NULL-terminated, may be NULL */
	size_t n_args;
	char **env;                 /* NULL-terminated, may be NULL */
	size_t n_env;
	bool has_timeout;
	int32_t timeout;            /* seconds, > 0 */
};

struct oci_hooks {
	struct oci_hook *prestart;
	size_t n_prestart;
	struct oci_hook *create_runtime;
	size_t n_create_runtime;
	struct oci_hook *create_container;
	size_t n_create_container;
	struct oci_hook *start_container;
	size_t n_start_container;
	struct oci_hook *poststart;
	size_t n_poststart;
	struct oci_hook *poststop;
	size_t n_poststop;
};

struct oci_annotation {
	char *key;
	char *value;
};

enum oci_ns_type {
	OCI_NS_PID,
	OCI_NS_NETWORK,
	OCI_NS_MOUNT,
	OCI_NS_IPC,
	OCI_NS_UTS,
	OCI_NS_USER,
	OCI_NS_CGROUP,
	OCI_NS_TIME,
	OCI_NS_COUNT
};

struct oci_namespace {
	enum oci_ns_type type;
	char *path;                 /* NULL: create a new one */
};

struct oci_time_offset {
	char *clock;                /* "monotonic" | "boottime" */
	int64_t secs;
	uint32_t nanosecs;
};

struct oci_device {
	char *path;
	char type;                  /* 'c', 'u', 'b', 'p' */
	int64_t major;
	int64_t minor;
	bool has_file_mode;
	uint32_t file_mode;
	bool has_uid;
	uint32_t uid;
	bool has_gid;
	uint32_t gid;
};

/* --- linux.resources (filled by the parser, applied by the cgroup issue) */

struct oci_device_cgroup {
	bool allow;
	char type;                  /* 'a', 'c', 'b'; 0 when absent (= all) */
	bool has_major;
	int64_t major;
	bool has_minor;
	int64_t minor;
	char *access;               /* "rwm" subset, NULL when absent */
};

struct oci_memory {
	bool has_limit, has_reservation, has_swap, has_kernel, has_kernel_tcp,
		has_swappiness, has_disable_oom_killer, has_use_hierarchy,
		has_check_before_update;
	int64_t limit, reservation, swap, kernel, kernel_tcp;
	uint64_t swappiness;
	bool disable_oom_killer, use_hierarchy, check_before_update;
};

struct oci_cpu {
	bool has_shares, has_quota, has_burst, has_period, has_realtime_runtime,
		has_realtime_period, has_idle;
	uint64_t shares;
	int64_t quota;
	uint64_t burst;
	uint64_t period;
	int64_t realtime_runtime;
	uint64_t realtime_period;
	char *cpus;
	char *mems;
	int64_t idle;
};

struct oci_weight_device {
	int64_t major, minor;
	bool has_weight, has_leaf_weight;
	uint16_t weight, leaf_weight;
};

struct oci_throttle_device {
	int64_t major, minor;
	uint64_t rate;
};

struct oci_block_io {
	bool has_weight, has_leaf_weight;
	uint16_t weight, leaf_weight;
	struct oci_weight_device *weight_device;
	size_t n_weight_device;
	struct oci_throttle_device *throttle_read_bps;
	size_t n_throttle_read_bps;
	struct oci_throttle_device *throttle_write_bps;
	size_t n_throttle_write_bps;
	struct oci_throttle_device *throttle_read_iops;
	size_t n_throttle_read_iops;
	struct oci_throttle_device *throttle_write_iops;
	size_t n_throttle_write_iops;
};

struct oci_hugepage_limit {
	char *page_size;            /* "2MB" */
	uint64_t limit;
};

struct oci_net_priority {
	char *name;
	uint32_t priority;
};

struct oci_network_resources {
	bool has_class_id;
	uint32_t class_id;
	struct oci_net_priority *priorities;
	size_t n_priorities;
};

struct oci_rdma {
	char *device;
	bool has_hca_handles, has_hca_objects;
	uint32_t hca_handles, hca_objects;
};

struct oci_resources {
	struct oci_device_cgroup *devices;
	size_t n_devices;
	struct oci_memory *memory;
	struct oci_cpu *cpu;
	bool has_pids_limit;
	int64_t pids_limit;
	struct oci_block_io *block_io;
	struct oci_hugepage_limit *hugepage_limits;
	size_t n_hugepage_limits;
	struct oci_network_resources *network;
	struct oci_rdma *rdma;
	size_t n_rdma;
	struct oci_annotation *unified;   /* key = cgroup v2 file, value = content */
	size_t n_unified;
};

/* --- linux.seccomp (filled by the parser, compiled by the seccomp issue) */

enum oci_seccomp_op {
	OCI_SECCOMP_OP_NE,
	OCI_SECCOMP_OP_LT,
	OCI_SECCOMP_OP_LE,
	OCI_SECCOMP_OP_EQ,
	OCI_SECCOMP_OP_GE,
	OCI_SECCOMP_OP_GT,
	OCI_SECCOMP_OP_MASKED_EQ,
};

struct oci_seccomp_arg {
	uint32_t index;
	uint64_t value;
	uint64_t value_two;
	enum oci_seccomp_op op;
};

struct oci_seccomp_syscall {
	char **names;
	size_t n_names;
	char *action;               /* "SCMP_ACT_ERRNO", validated by the parser */
	bool has_errno_ret;
	uint32_t errno_ret;
	struct oci_seccomp_arg *args;
	size_t n_args;
};

struct oci_seccomp {
	char *default_action;
	bool has_default_errno_ret;
	uint32_t default_errno_ret;
	char **architectures;
	size_t n_architectures;
	char **flags;
	size_t n_flags;
	char *listener_path;
	char *listener_metadata;
	struct oci_seccomp_syscall *syscalls;
	size_t n_syscalls;
};

struct oci_personality {
	char *domain;               /* "LINUX" | "LINUX32" */
	char **flags;
	size_t n_flags;
};

struct oci_intel_rdt {
	char *clos_id;
	char *l3_cache_schema;
	char *mem_bw_schema;
	char **schemata;
	size_t n_schemata;
	bool enable_monitoring;
};

struct oci_memory_policy {
	char *mode;                 /* "MPOL_DEFAULT", ... */
	char *nodes;
	char **flags;
	size_t n_flags;
};

struct oci_net_device {
	char *host_name;            /* the map key in config.json */
	char *name;                 /* new name in the container, may be NULL */
};

struct oci_linux {
	struct oci_namespace *namespaces;
	size_t n_namespaces;
	struct oci_id_mapping *uid_mappings;
	size_t n_uid_mappings;
	struct oci_id_mapping *gid_mappings;
	size_t n_gid_mappings;
	struct oci_time_offset *time_offsets;
	size_t n_time_offsets;
	struct oci_device *devices;
	size_t n_devices;
	char *cgroups_path;
	struct oci_resources *resources;
	char *rootfs_propagation;
	char **masked_paths;
	size_t n_masked_paths;
	char **readonly_paths;
	size_t n_readonly_paths;
	char *mount_label;
	struct oci_annotation *sysctl;
	size_t n_sysctl;
	struct oci_seccomp *seccomp;
	struct oci_personality *personality;
	struct oci_intel_rdt *intel_rdt;
	struct oci_memory_policy *memory_policy;
	struct oci_net_device *net_devices;
	size_t n_net_devices;
};

struct oci_spec {
	char *oci_version;
	struct oci_root *root;
	struct oci_mount *mounts;
	size_t n_mounts;
	struct oci_process *process;
	char *hostname;
	char *domainname;
	struct oci_hooks *hooks;
	struct oci_annotation *annotations;
	size_t n_annotations;
	struct oci_linux *linux_;
};

struct hrun_error;

/* Parse config.json text.  `name` prefixes every error ("config.json");
 * errors read "<name>: <json.path>: <reason>". */
struct oci_spec *oci_spec_parse(const char *text, size_t len, const char *name,
				struct hrun_error *err);

/* Read and parse <bundle>/config.json. */
struct oci_spec *oci_spec_load(const char *path, struct hrun_error *err);

void oci_spec_free(struct oci_spec *spec);

static inline void oci_spec_freep(struct oci_spec **spec)
{
	oci_spec_free(*spec);
}
#define _cleanup_spec_ __attribute__((cleanup(oci_spec_freep)))
/* n entries of a string map (annotations, sysctl, unified) and the array. */
void oci_annotations_free(struct oci_annotation *entries, size_t n);

/* A process object on its own, as `hrun exec --process FILE` reads it;
 * errors read "<name>: <json.path>: <reason>". */
struct oci_process *oci_process_parse(const char *text, size_t len, const char *name,
				      struct hrun_error *err);
void oci_process_free(struct oci_process *process);
/* Read and parse a process JSON file. */
struct oci_process *oci_process_load(const char *path, struct hrun_error *err);

/* A LinuxResources object on its own, as `hrun update --resources FILE`
 * reads it; errors read "<name>: <json.path>: <reason>".  _load reads a
 * file, or stdin for "-". */
struct oci_resources *oci_resources_parse(const char *text, size_t len, const char *name,
					  struct hrun_error *err);
struct oci_resources *oci_resources_load(const char *path, struct hrun_error *err);
void oci_resources_free(struct oci_resources *res);

/* Look up an annotation; NULL when absent. */
const char *oci_spec_annotation(const struct oci_spec *spec, const char *key);

/* Namespace helpers. */
const char *oci_ns_type_name(enum oci_ns_type type);      /* "pid", "network", ... */
const struct oci_namespace *oci_spec_namespace(const struct oci_spec *spec,
					       enum oci_ns_type type);

/* The seccomp action and operator names the parser accepts (NULL-terminated;
 * operators indexed by enum oci_seccomp_op). */
extern const char *const oci_seccomp_actions[];
extern const char *const oci_seccomp_operators[];

/* The default config of `hrun spec`, same shape and defaults as `runc spec`;
 * returns malloc'd JSON text (pretty, trailing newline). */
char *oci_spec_default_json(bool rootless, struct hrun_error *err);

#endif
