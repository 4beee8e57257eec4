/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A filesystem mount (proc, tmpfs, devpts, mqueue, sysfs, cgroup2, ...).
 *   source   the filesystem source name ("proc", "tmpfs", a device)
 *   target   where, inside the container
 *   fstype, flags (MS_*), data, propagation */
#include <sys/mount.h>
#include <sys/stat.h>

#include "container/op.h"
#include "container/sys.h"
#include "util/error.h"

static int mount_valid(const struct op *op, struct hrun_error *err)
{
	if (op_valid_target(op, err) < 0)
		return -1;
	if (!op->source || !op->fstype)
		return hrun_error_set(err, 0, "source and fstype are required");
	return 0;
}

static int mount_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	const struct sys *k = st->k;
	char fdpath[OP_FD_PATH_LEN];
	int fd = k->target_open(st->sysroot_fd, op->target, S_IFDIR, err);
	int r = 0;

	if (fd < 0)
		return -1;
	if (k->mount(op->source, op_fd_path(fdpath, fd), op->fstype, op->flags, op->data) < 0)
		r = hrun_error_errno(err, "mount `%s` on `%s`", op->fstype, op->target);
	k->close(fd);
	if (r < 0)
		return -1;
	return op_finish_mount(st, op->target, 0, op->propagation, err);
}

static void mount_describe(const struct op *op, FILE *out)
{
	fprintf(out, "mount %s %s on %s", op->fstype, op->source, op->target);
	op_describe_options(out, op->flags, op->propagation, op->data);
}

const struct op_type op_mount_type = {
	.name = "mount",
	.valid = mount_valid,
	.apply = mount_apply,
	.describe = mount_describe,
};
