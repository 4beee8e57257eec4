/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An op is one step of building the container's filesystem.
 *
 * Ops are plain data built by the plan (src/plan/) and executed by the
 * init (init.c) in three phases:
 *   early  - in the host root, inside the new mount namespace: gather
 *            information only (resolve sources); never change mounts;
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
#include <stdio.h>
#include <sys/types.h>

#include "util/error.h"

struct sys;
struct plan;

/* Paths of the intermediate root (see init.c for why it sits on /proc/self/fd). */
#define INIT_INTERMEDIATE "/proc/self/fd"
#define INIT_SYSROOT "/sysroot"
#define INIT_HOST "/host"

struct init_state {
	const struct sys *k;
	const struct plan *plan;
	int sysroot_fd;          /* O_PATH fd of /sysroot during apply, else -1 */
	int last_cap;            /* cap_last_cap, read before the pivot */
};

struct op;

struct op_type {
	const char *name;        /* "bind", "mount", ... as shown by `hrun plan` */
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
	char *source;            /* host path (bind) or filesystem source name */
	char *target;            /* absolute path inside the container */
	char *fstype;
	unsigned long flags;     /* MS_* flags to set */
	unsigned long clear;     /* MS_* flags the config explicitly clears (rw, suid, ...) */
	unsigned long propagation; /* MS_SHARED|MS_SLAVE|MS_PRIVATE|MS_UNBINDABLE [|MS_REC] */
	char *data;              /* filesystem data string */
	mode_t mode;
	char **paths;            /* list ops (masked paths, readonly paths) */
	size_t n_paths;
	char *resolved;          /* filled by early: the source as resolved on the host */
};

/* Phase runners used by init.c: run one phase over the whole list, and
 * report a failure as "<phase> op <index> (<name>): <message>". */
int ops_valid(const struct op *ops, size_t n, struct hrun_error *err);
void op_free_fields(struct op *op);

#endif
