/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Remount a mount of the container adding flags (root.readonly: "/" ro),
 * keeping the flags the kernel already has on it (some may be locked).
 *   target  the mount, inside the container
 *   flags   MS_* to add */
#include <string.h>
#include <sys/mount.h>

#include "container/op.h"
#include "container/sys.h"
#include "util/error.h"

static int remount_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	char fdpath[OP_FD_PATH_LEN];

	/* The root is its own mount, and st->sysroot_fd is on it already. */
	if (strcmp(op->target, "/") != 0)
		return op_finish_mount(st, op->target, op->flags, 0, err);
	if (st->k->remount(op_fd_path(fdpath, st->sysroot_fd), op->flags, err) < 0)
		return hrun_error_prefix(err, "remount `/`");
	return 0;
}

static void remount_describe(const struct op *op, FILE *out)
{
	fprintf(out, "remount %s", op->target);
	op_describe_options(out, op->flags, 0, NULL);
}

const struct op_type op_remount_type = {
	.name = "remount",
	.valid = op_valid_target,
	.apply = remount_apply,
	.describe = remount_describe,
};
