/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.readonlyPaths: make paths of the container read-only.
 *   paths  absolute paths inside the container; a missing one is skipped
 * Each is bound onto itself (recursively), the new mount read-only,
 * nosuid, nodev, noexec, as runc's: set on the copy before it is attached
 * (rebind_fd), or, on a kernel without mount_setattr, remounted after. */
#include <errno.h>
#include <sys/mount.h>

#include "container/op.h"
#include "container/sys.h"
#include "util/error.h"

#define READONLY_FLAGS (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
#define READONLY_ATTRS                                                                             \
	(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC)

static int bind_then_remount(struct init_state *st, int fd, const char *path,
			     struct hrun_error *err)
{
	char fdpath[OP_FD_PATH_LEN];

	op_fd_path(fdpath, fd);
	if (st->k->bind_mount(fdpath, fdpath, 0, true, err) < 0)
		return -1;
	return op_finish_mount(st, path, READONLY_FLAGS, 0, err);
}

static int readonly_path(struct init_state *st, const char *path, struct hrun_error *err)
{
	const struct sys *k = st->k;
	int r, fd = op_open_existing(st, path, err);

	if (fd == OP_MISSING)
		return 0;
	if (fd < 0)
		return -1;
	r = k->rebind_fd(fd, true, READONLY_ATTRS, err);
	if (r < 0 && err->code == ENOSYS) {
		hrun_error_clear(err);
		r = bind_then_remount(st, fd, path, err);
	}
	k->close(fd);
	return r < 0 ? hrun_error_prefix(err, "bind `%s` on itself read-only", path) : 0;
}

static int readonly_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	for (size_t i = 0; i < op->n_paths; i++)
		if (readonly_path(st, op->paths[i], err) < 0)
			return -1;
	return 0;
}

static void readonly_describe(const struct op *op, FILE *out)
{
	fputs("readonly", out);
	for (size_t i = 0; i < op->n_paths; i++)
		fprintf(out, " %s", op->paths[i]);
}

const struct op_type op_readonly_type = {
	.name = "readonly",
	.valid = op_valid_paths,
	.apply = readonly_apply,
	.describe = readonly_describe,
};
