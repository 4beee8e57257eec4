/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One device node of linux.devices.
 *   target      its path inside the container
 *   mode, dev   its type (S_IFCHR, S_IFBLK, S_IFIFO), permissions, major:minor
 *   uid, gid    its owner
 *   bits        OP_DEV_BIND_HOST: bind the host's node at the same path
 * The node is made with mode exactly (apply runs with umask 0) and then
 * given its owner; an existing one is kept, as runc, unless a symlink.
 * These ops come before op_dev, so a config entry wins over a default. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "container/op.h"
#include "container/sys.h"
#include "util/error.h"

static int device_valid(const struct op *op, struct hrun_error *err)
{
	if (op_valid_target(op, err) < 0)
		return -1;
	if (op->target[strlen(op->target) - 1] == '/')
		return hrun_error_set(err, 0, "target must name a file");
	if (!S_ISCHR(op->mode) && !S_ISBLK(op->mode) && !S_ISFIFO(op->mode))
		return hrun_error_set(err, 0, "not a device type: 0%o", (unsigned)op->mode);
	return 0;
}

static int bind_host_node(struct op *op, struct init_state *st, struct hrun_error *err)
{
	const struct sys *k = st->k;
	char src[PATH_MAX + sizeof INIT_HOST], from[OP_FD_PATH_LEN], to[OP_FD_PATH_LEN];
	int srcfd, fd, r = 0;

	if (op_host_path(src, sizeof src, op->target, err) < 0)
		return -1;
	srcfd = op_open_host_node(k, src, op->mode & S_IFMT, op->dev, err);
	if (srcfd < 0)
		return -1;
	fd = k->target_open(st->sysroot_fd, op->target, S_IFREG, err);
	if (fd >= 0 &&
	    k->bind_mount(op_fd_path(from, srcfd), op_fd_path(to, fd), 0, false, err) < 0)
		r = hrun_error_prefix(err, "bind the host's `%s`", op->target);
	if (fd >= 0)
		k->close(fd);
	k->close(srcfd);
	return fd < 0 ? -1 : r;
}

static int make_node(struct op *op, const struct sys *k, const char *path, struct hrun_error *err)
{
	if (k->mknod(path, op->mode, op->dev) < 0) {
		if (errno == EEXIST)
			return op_check_not_symlink(k, path, op->target, err);
		return hrun_error_errno(err, "mknod `%s`", op->target);
	}
	if (k->chown(path, op->uid, op->gid) < 0)
		return hrun_error_errno(err, "chown `%s`", op->target);
	return 0;
}

static int device_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	const char *name = strrchr(op->target, '/') + 1;
	char parent[PATH_MAX], path[OP_FD_PATH_LEN + NAME_MAX + 2];
	int dirfd, r;

	if (op->bits & OP_DEV_BIND_HOST)
		return bind_host_node(op, st, err);
	snprintf(parent, sizeof parent, "%.*s", (int)(name - 1 - op->target), op->target);
	dirfd = st->k->target_open(st->sysroot_fd, parent[0] ? parent : "/", S_IFDIR, err);
	if (dirfd < 0)
		return -1;
	r = op_fd_child(path, sizeof path, dirfd, name, err);
	if (r == 0)
		r = make_node(op, st->k, path, err);
	st->k->close(dirfd);
	return r;
}

static void device_describe(const struct op *op, FILE *out)
{
	char type = S_ISCHR(op->mode) ? 'c' : S_ISBLK(op->mode) ? 'b' : 'p';

	fprintf(out, "device %s", op->target);
	if (op->bits & OP_DEV_BIND_HOST)
		fputs(" (bind from the host)", out);
	else
		fprintf(out, " (%c %u:%u %04o %u:%u)", type, major(op->dev), minor(op->dev),
			(unsigned)(op->mode & 07777), (unsigned)op->uid, (unsigned)op->gid);
}

const struct op_type op_device_type = {
	.name = "device",
	.valid = device_valid,
	.apply = device_apply,
	.describe = device_describe,
};
