/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A container's cgroup, on whatever layout the host has.
 *
 * The layout (pure v1, hybrid, pure v2) is found at run time under the
 * cgroup root: /sys/fs/cgroup, or $HRUN_CGROUP_ROOT, or the request's root.
 * A root that is not a cgroup filesystem is a stand-in tree (tests): files
 * are created as they are written, and nothing that needs the kernel
 * (clone fds, eBPF) is attempted there.
 *
 * The life of a container's cgroup:
 *   cgroup_create()  before the init is cloned: paths, mkdir, limits;
 *   cgroup_clone_fd() for clone3(CLONE_INTO_CGROUP), or cgroup_enter()
 *                    with the init's pid before the init is released;
 *   cgroup_save()    into the state file; cgroup_load() in later verbs;
 *   cgroup_update/freeze/kill_all/pids/stats while it runs;
 *   cgroup_destroy() at delete, then cgroup_free(). */
#ifndef HRUN_CGROUP_H
#define HRUN_CGROUP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/error.h"

struct oci_resources;

enum cgroup_manager {
	CGROUP_MANAGER_CGROUPFS,
	CGROUP_MANAGER_SYSTEMD,	 /* a transient scope through systemd's D-Bus API */
	CGROUP_MANAGER_DISABLED, /* no cgroup is created or joined */
};

enum cgroup_mode {
	CGROUP_MODE_NONE, /* manager disabled */
	CGROUP_MODE_V1,
	CGROUP_MODE_HYBRID, /* v1 controllers, plus cgroup2 at <root>/unified */
	CGROUP_MODE_V2,
};

struct cgroup_request {
	enum cgroup_manager manager;
	const char *cgroups_path; /* linux.cgroupsPath; NULL when absent */
	const char *id;		  /* the container id: names the default cgroup or scope */
	/* linux.resources, NULL for none.  Under systemd the limits are applied
	 * by cgroup_enter(), so this must live until then. */
	const struct oci_resources *resources;
	const char *root;   /* NULL: $HRUN_CGROUP_ROOT, else /sys/fs/cgroup */
	const char *parent; /* where relative and default paths go; NULL: "/" */
};

struct cgroup;

/* "cgroupfs", "systemd" or "disabled" (the CLI's --cgroup-manager). */
int cgroup_manager_parse(const char *name, enum cgroup_manager *out, struct hrun_error *err);

/* Create the container's cgroup in every hierarchy and apply the limits.
 * On failure nothing this call created is left behind. */
struct cgroup *cgroup_create(const struct cgroup_request *req, struct hrun_error *err);

/* The v2 directory fd for clone3(CLONE_INTO_CGROUP), owned by cg, on a
 * pure v2 or a hybrid host; -1 when the placement is not the kernel's
 * (systemd, a stand-in root, manager disabled, no v2 hierarchy). */
int cgroup_clone_fd(const struct cgroup *cg);

/* Before the clone of an init that enters its v1 hierarchies itself: the
 * `tasks` file of each, open for writing, into *fds (malloc'd, n of them;
 * none when cgroup_self_placed() is false or the host has no v1
 * hierarchy).  The init writes "0" into each: see cgroup/self.c for why. */
int cgroup_self_enter_fds(const struct cgroup *cg, int **fds, size_t *n, struct hrun_error *err);
void cgroup_self_enter_close(int *fds, size_t n);
/* Whether an init cloned with cgroup_clone_fd() that wrote "0" into each
 * of cgroup_self_enter_fds() is in its cgroup in every hierarchy, so
 * cgroup_enter() is not needed: cgroupfs on a real cgroup root. */
bool cgroup_self_placed(const struct cgroup *cg);

/* Put pid in the container's cgroup in every hierarchy.  Under systemd this
 * starts the scope with pid in it and applies the limits. */
int cgroup_enter(struct cgroup *cg, pid_t pid, struct hrun_error *err);

/* Put pid in the existing cgroup of a running container (`hrun exec`), in
 * every hierarchy; under systemd too, with no new scope.  pid 0: the
 * calling process, which must be single-threaded (it enters real v1
 * hierarchies through `tasks`, cgroup/self.c) and was cloned into the fd
 * of cgroup_join_clone_fd() when that gave one.  subs, n of them
 * (exec --cgroup): a sub-cgroup of it to join instead, "PATH" in every
 * hierarchy or, on v1, "CTRL[,CTRL...]:PATH" in those holding them. */
int cgroup_join(struct cgroup *cg, pid_t pid, char *const *subs, size_t n,
		struct hrun_error *err);

/* The v2 directory a process joining with subs (as cgroup_join) is to be
 * cloned into (clone3 CLONE_INTO_CGROUP: no cgroup.procs write, which
 * waits for an RCU grace period, cgroup/self.c), opened into *fd; -1 when
 * there is none to clone into (no v2 hierarchy, systemd, a stand-in root,
 * manager disabled). */
int cgroup_join_clone_fd(const struct cgroup *cg, char *const *subs, size_t n, int *fd,
			 struct hrun_error *err);

/* Apply new limits (the update verb).  memory.checkBeforeUpdate refuses a
 * limit below the current usage. */
int cgroup_update(const struct cgroup *cg, const struct oci_resources *res, struct hrun_error *err);

/* Freeze or thaw every process, and wait until the kernel reports it done
 * (bounded in time). */
int cgroup_freeze(const struct cgroup *cg, bool frozen, struct hrun_error *err);
int cgroup_is_frozen(const struct cgroup *cg, bool *frozen, struct hrun_error *err);

/* Signal every process of the cgroup and its sub-cgroups: cgroup.kill for
 * SIGKILL where the kernel has it, else freeze, signal each pid, thaw (a
 * cgroup that was already frozen stays frozen unless sig is SIGKILL). */
int cgroup_kill_all(const struct cgroup *cg, int sig, struct hrun_error *err);

/* The pids in the cgroup and its sub-cgroups; *pids is malloc'd. */
int cgroup_pids(const struct cgroup *cg, pid_t **pids, size_t *n, struct hrun_error *err);

/* Remove the container's cgroup (and sub-cgroups) in every hierarchy,
 * retrying while the kernel reports it busy (bounded in time); under
 * systemd, stop the scope first.  Parents are left in place. */
int cgroup_destroy(struct cgroup *cg, struct hrun_error *err);

/* One line for the state file; NULL when out of memory. */
char *cgroup_save(const struct cgroup *cg);
struct cgroup *cgroup_load(const char *saved, struct hrun_error *err);
/* cgroup_is_frozen of a saved cgroup (`state`, `list`): on the usual
 * layouts without a scan of the root. */
int cgroup_saved_frozen(const char *saved, bool *frozen, struct hrun_error *err);

void cgroup_free(struct cgroup *cg);

enum cgroup_mode cgroup_mode(const struct cgroup *cg);
/* Whether a device policy applies to the cgroup given these resources: a
 * cgroup, device rules (none: hrun writes no policy), and a devices
 * hierarchy (v1) or a cgroup2 directory for the eBPF program. */
bool cgroup_devices_enforced(const struct cgroup *cg, const struct oci_resources *res);
/* The cgroup path below each hierarchy ("/libpod_parent/libpod-<id>"),
 * NULL when the manager is disabled. */
const char *cgroup_path(const struct cgroup *cg);

/* --- statistics (events --stats), in runc's units: bytes, nanoseconds */

struct cgroup_mem_usage {
	uint64_t usage, max, failcnt, limit;
};

struct cgroup_kv {
	char *key;
	uint64_t value;
};

struct cgroup_blkio_entry {
	uint32_t major, minor;
	const char *op; /* "Read", "Write", ... (static) */
	uint64_t value;
};

struct cgroup_hugetlb_stats {
	char page_size[16]; /* "2MB" */
	uint64_t usage, max, failcnt;
};

struct cgroup_stats {
	bool has_cpu, has_memory, has_pids, has_blkio;
	struct {
		uint64_t total, user, kernel;
		uint64_t *percpu; /* v1 only */
		size_t n_percpu;
		uint64_t periods, throttled_periods, throttled_time;
	} cpu;
	struct {
		uint64_t cache;
		struct cgroup_mem_usage usage, swap, kernel, kernel_tcp;
		uint64_t oom_kill;     /* OOM kills so far */
		struct cgroup_kv *raw; /* memory.stat as is */
		size_t n_raw;
	} memory;
	struct {
		uint64_t current, limit; /* limit 0: none */
	} pids;
	struct {
		struct cgroup_blkio_entry *service_bytes, *serviced;
		size_t n_service_bytes, n_serviced;
	} blkio;
	struct cgroup_hugetlb_stats *hugetlb;
	size_t n_hugetlb;
};

/* Fill *st with what the host's controllers report; missing controllers
 * leave their has_ flag false. */
int cgroup_stats(const struct cgroup *cg, struct cgroup_stats *st, struct hrun_error *err);
void cgroup_stats_free(struct cgroup_stats *st);

/* --- OOM notification (events) */

struct cgroup_oom_watch {
	int fd;	      /* poll() it for `events` */
	short events; /* POLLPRI on v2 (memory.events), POLLIN on v1 (eventfd) */
	bool eventfd;
};

/* Arm a watch; after it fires, cgroup_oom_watch_ack() and compare
 * cgroup_oom_kills() with the count before. */
int cgroup_oom_watch(const struct cgroup *cg, struct cgroup_oom_watch *w, struct hrun_error *err);
void cgroup_oom_watch_ack(struct cgroup_oom_watch *w);
void cgroup_oom_watch_close(struct cgroup_oom_watch *w);

/* The kernel's count of OOM kills in the cgroup, into *n; read again for
 * up to settle_ms while it is still `seen`: v1's eventfd fires as the
 * cgroup runs out of memory, before the kill it leads to is counted. */
int cgroup_oom_kills(const struct cgroup *cg, uint64_t seen, unsigned settle_ms, uint64_t *n,
		     struct hrun_error *err);

#endif
