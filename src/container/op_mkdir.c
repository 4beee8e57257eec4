/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Make sure a directory exists inside the container (process.cwd: runc
 * creates it when the image lacks it), creating it and its parents.
 *   target  the directory, inside the container */
#include <sys/stat.h>

#include "container/op.h"
#include "container/sys.h"
#include "util/error.h"

static int mkdir_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	int fd = st->k->target_open(st->sysroot_fd, op->target, S_IFDIR, err);

	if (fd < 0)
		return -1;
	st->k->close(fd);
	return 0;
}

static void mkdir_describe(const struct op *op, FILE *out)
{
	fprintf(out, "mkdir %s", op->target);
}

const struct op_type op_mkdir_type = {
	.name = "mkdir",
	.valid = op_valid_target,
	.apply = mkdir_apply,
	.describe = mkdir_describe,
};
