/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A bind (or, with MS_REC in flags, rbind) of a host file or directory.
 *   source    host path (absolute; the plan made it so)
 *   target    where, inside the container
 *   flags     MS_BIND [|MS_REC] and the MS_* flags to add by remount
 *   resolved  (early) the source with every symlink resolved on the host
 * apply creates the target as the source's type and binds by fd; a
 * remount then adds ro/nosuid/... to what the kernel keeps (locked flags),
 * and mount_setattr the recursive options (rro, ...) on the whole tree. */
#include <limits.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "container/op.h"
#include "container/sys.h"
#include "util/error.h"

#define BIND_ONLY (MS_BIND | MS_REC)

static int bind_valid(const struct op *op, struct hrun_error *err)
{
	if (op_valid_target(op, err) < 0)
		return -1;
	if (!op->source || op->source[0] != '/')
		return hrun_error_set(err, 0, "source must be an absolute path");
	return 0;
}

static int bind_early(struct op *op, struct init_state *st, struct hrun_error *err)
{
	op->resolved = st->k->realpath(op->source, err);
	if (!op->resolved)
		return hrun_error_prefix(err, "bind source `%s`", op->source);
	return 0;
}

static int bind_remount_only(struct op *op, struct init_state *st, struct hrun_error *err)
{
	if (op_finish_mount(st, op->target, op->flags & ~(BIND_ONLY | MS_REMOUNT), op->propagation,
			    err) < 0)
		return -1;
	return op_set_rattrs(st, op, err);
}

static int bind_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	const struct sys *k = st->k;
	char src[PATH_MAX + sizeof INIT_HOST], fdpath[OP_FD_PATH_LEN];
	struct stat sb;
	int fd, r = 0;

	if (op->flags & MS_REMOUNT)
		return bind_remount_only(op, st, err);
	if (op_host_path(src, sizeof src, op->resolved, err) < 0)
		return -1;
	if (k->stat(src, &sb) < 0)
		return hrun_error_errno(err, "bind source `%s`", op->resolved);
	fd = k->target_open(st->sysroot_fd, op->target, S_ISDIR(sb.st_mode) ? S_IFDIR : S_IFREG,
			    err);
	if (fd < 0)
		return -1;
	if (k->bind_mount(src, op_fd_path(fdpath, fd), 0, (op->flags & MS_REC) != 0, err) < 0)
		r = hrun_error_prefix(err, "bind `%s` on `%s`", op->resolved, op->target);
	k->close(fd);
	if (r < 0 ||
	    op_finish_mount(st, op->target, op->flags & ~BIND_ONLY, op->propagation, err) < 0)
		return -1;
	return op_set_rattrs(st, op, err);
}

static void bind_describe(const struct op *op, FILE *out)
{
	fprintf(out, "%s %s on %s", op->flags & MS_REC ? "rbind" : "bind", op->source, op->target);
	op_describe_mount_options(out, op, op->flags & ~BIND_ONLY);
}

const struct op_type op_bind_type = {
	.name = "bind",
	.valid = bind_valid,
	.early = bind_early,
	.apply = bind_apply,
	.describe = bind_describe,
};
