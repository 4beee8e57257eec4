/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An op is one step of building the container's filesystem.
 *
 * Ops are plain data built by the plan (src/plan/) and executed by the
 * init (init.c) in three phases:
 *   early  - in the host root, inside the new mount namespace: gather
 *            information only (open sources); never change mounts;
 *   apply  - in the intermediate root: the host is at /host, the future
 *            container root at /sysroot (st->sysroot_fd);
 *   late   - after the final pivot and the identity change, right before
 *            the workload starts; no state changes to the init itself.
 * Each op type lives in its own op_<name>.c and provides one
 * struct op_type.  Ops never call the kernel directly: only through st->k. */
#ifndef HRUN_OP_H
#define HRUN_OP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "util/error.h"

struct sys;
struct plan;
struct plan_id_map;

/* Paths of the intermediate root (see init.c for why it sits on /proc/self/fd). */
#define INIT_INTERMEDIATE "/proc/self/fd"
#define INIT_SYSROOT	  "/sysroot"
#define INIT_HOST	  "/host"
/* op_bind's sources, attached there to be copied: a directory's, a file's */
#define INIT_SCRATCH_DIR  "/scratch"
#define INIT_SCRATCH_FILE "/scratch.file"

struct init_state {
	const struct sys *k;
	const struct plan *plan;
	int sysroot_fd; /* O_PATH fd of /sysroot during apply, else -1 */
	int last_cap;	/* the kernel's CAP_LAST_CAP (sys.cap_last_cap) */
};

struct op;

/* An id-mapped bind (mounts[].options idmap/ridmap, or mount mappings).
 * The kernel lets only a process of the host's user namespace make one,
 * so the runtime id-maps the op's detached mount (mount_fd) before the
 * init is cloned. */
struct op_idmap {
	bool recursive;		     /* ridmap: every mount of the tree */
	struct plan_id_map *uid_map; /* the mount's own; none: the container's */
	size_t n_uid_map;
	struct plan_id_map *gid_map;
	size_t n_gid_map;
};

struct op_type {
	const char *name; /* "bind", "mount", ... as shown by `hrun plan` */
	int (*valid)(const struct op *op, struct hrun_error *err);
	int (*early)(struct op *op, struct init_state *st, struct hrun_error *err);
	int (*apply)(struct op *op, struct init_state *st, struct hrun_error *err);
	int (*late)(struct op *op, struct init_state *st, struct hrun_error *err);
	/* One line, no newline, for `hrun plan` and verbose logs. */
	void (*describe)(const struct op *op, FILE *out);
};

/* The data of one op.  Which fields mean what is up to each op type and
 * is documented in its file; unused fields are NULL / 0. */
struct op {
	const struct op_type *type;
	char *source; /* host path (bind) or filesystem source name */
	char *target; /* absolute path inside the container */
	char *fstype;
	unsigned long flags;	   /* MS_* flags to set */
	unsigned long clear;	   /* MS_* flags the config explicitly clears (rw, suid, ...) */
	unsigned long propagation; /* MS_SHARED|MS_SLAVE|MS_PRIVATE|MS_UNBINDABLE [|MS_REC] */
	char *data;		   /* filesystem data string */
	mode_t mode;		   /* op_device: the node's type and permission bits */
	dev_t dev;		   /* op_device: major:minor */
	uid_t uid;		   /* op_device: owner */
	gid_t gid;
	char **paths; /* list ops (masked paths, readonly paths) */
	size_t n_paths;
	unsigned int bits; /* op-specific switches chosen by the plan (OP_DEV_*, OP_CGROUP_*) */
	uint64_t attr_set; /* MOUNT_ATTR_* set on the new mount's whole tree (rro, rnosuid, ...) */
	uint64_t attr_clr; /* MOUNT_ATTR_* cleared on it (op_finish_op_mount) */
	struct op_idmap *idmap; /* op_bind: id-mapped, else NULL */
	/* op_bind: the source, cloned detached where it was resolved once (by
	 * the runtime before the clone, or by early in a joined mount
	 * namespace); attached and closed by apply; -1 when none. */
	int mount_fd;

	/* Filled by early, from the host; released by op_free_fields(). */
	char **found;	/* op-specific facts (the cgroup op's hierarchies) */
	size_t n_found;
	unsigned int found_bits; /* op-specific facts (OP_CGROUP_FOUND_*) */
};

/* op_dev, op_device: bind the host's nodes instead of mknod (in a user
 * namespace, where mknod is refused). */
#define OP_DEV_BIND_HOST 0x1u
/* op_cgroup: the container has its own cgroup namespace. */
#define OP_CGROUP_NS 0x1u
/* op_cgroup, found by early: the host has the cgroup2 hierarchy alone. */
#define OP_CGROUP_FOUND_V2 0x1u
/* op_mount: fill the new tmpfs with what the target held (tmpcopyup). */
#define OP_MOUNT_TMPCOPYUP 0x1u

enum op_phase { OP_EARLY, OP_APPLY, OP_LATE };

/* Phase runners used by init.c: run one phase over the whole list, and
 * report a failure as "<phase> op <index> (<name>): <message>". */
int ops_valid(const struct op *ops, size_t n, struct hrun_error *err);
int ops_run(struct op *ops, size_t n, enum op_phase phase, struct init_state *st,
	    struct hrun_error *err);
void op_free_fields(struct op *op);

/* --- Helpers for the op implementations (op.c) --- */

/* The magic link "/host/proc/self/fd/<fd>" through which apply reaches
 * what it opened with k->target_open().  The link leads to that very
 * dentry and never through a mount made on it since: to act on a new
 * mount (remount, propagation), open the target again. */
#define OP_FD_PATH_LEN 40
const char *op_fd_path(char buf[OP_FD_PATH_LEN], int fd);
/* "/host/proc/self/fd/<fd>/<name>" into buf. */
int op_fd_child(char *buf, size_t len, int fd, const char *name, struct hrun_error *err);
/* "/host" + path into buf: a host path as apply sees it. */
int op_host_path(char *buf, size_t len, const char *path, struct hrun_error *err);
/* After a mount on `target`: open it again (now the new mount) and remount
 * it adding `flags` when non-zero, then set `propagation` when non-zero. */
int op_finish_mount(struct init_state *st, const char *target, unsigned long flags,
		    unsigned long propagation, struct hrun_error *err);
/* The same after the mount of a mount op on op->target, with op's
 * propagation, then set and clear op->attr_set/attr_clr on the whole new
 * tree (mount_setattr AT_RECURSIVE); nothing when there is nothing to do. */
int op_finish_op_mount(struct init_state *st, const struct op *op, unsigned long flags,
		       struct hrun_error *err);
/* k->target_open(st->sysroot_fd, path, 0): an existing path's fd, or
 * OP_MISSING when it does not exist, or -1 on error. */
#define OP_MISSING (-2)
int op_open_existing(struct init_state *st, const char *path, struct hrun_error *err);
/* An entry that already exists at `path` (the magic-link path of its
 * directory + name) is fine unless it is a symlink; `shown` names it in
 * errors. */
int op_check_not_symlink(const struct sys *k, const char *path, const char *shown,
			 struct hrun_error *err);
/* Open a device node of the host ("/host/dev/null") without following a
 * symlink and check it is of `type` (S_IFCHR, S_IFBLK, S_IFIFO) and, but
 * for a FIFO, the device `dev`: an O_PATH fd to bind from through
 * op_fd_path(), never a path the host could have swapped (CVE-2025-31133). */
int op_open_host_node(const struct sys *k, const char *path, mode_t type, dev_t dev,
		      struct hrun_error *err);
/* valid() of the ops on one target: an absolute target. */
int op_valid_target(const struct op *op, struct hrun_error *err);
/* valid() of the list ops: every path absolute. */
int op_valid_paths(const struct op *op, struct hrun_error *err);
/* A whole small file (/proc) read through k, malloc'd and NUL-terminated. */
char *op_read_file(const struct sys *k, const char *path, struct hrun_error *err);
/* " (ro,nosuid,rslave,mode=755)" for describe; nothing when empty. */
void op_describe_options(FILE *out, unsigned long flags, unsigned long propagation,
			 const char *data);
/* The same for a mount op: `flags`, then op's propagation, recursive
 * attributes and data. */
void op_describe_mount_options(FILE *out, const struct op *op, unsigned long flags);
/* The phases an op type implements: "early,apply". */
const char *op_phases(const struct op_type *type, char *buf, size_t len);

/* The op types, one per op_<name>.c. */
extern const struct op_type op_mount_type;
extern const struct op_type op_mkdir_type;
extern const struct op_type op_bind_type;
extern const struct op_type op_cgroup_type;
extern const struct op_type op_dev_type;
extern const struct op_type op_device_type;
extern const struct op_type op_mask_type;
extern const struct op_type op_readonly_type;
extern const struct op_type op_remount_type;
extern const struct op_type op_sysctl_type;

#endif
