/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A bind (or, with MS_REC in flags, rbind) of a host file or directory.
 *   source    host path (absolute; the plan made it so)
 *   target    where, inside the container
 *   flags     MS_BIND [|MS_REC] and the MS_* flags to add by remount
 *   resolved  (early) the source with every symlink resolved on the host
 *   idmap     id-mapped: the detached mount the runtime made of the source
 *   host_tree_fd  (OP_BIND_HOST_TREE) shared: a detached clone of the source
 *             the runtime made on the host, a peer of the host's mount
 * apply creates the target as the source's type and binds by fd (or
 * attaches the id-mapped mount); a remount then adds ro/nosuid/... to what
 * the kernel keeps (locked flags), and mount_setattr the recursive options
 * (rro, ...) on the whole tree. */
#include <inttypes.h>
#include <limits.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "container/op.h"
#include "container/sys.h"
#include "plan/plan.h"
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

/* The detached mount the runtime made of the source, or -1. */
static int *runtime_tree(struct op *op)
{
	if (op->idmap)
		return &op->idmap->mount_fd;
	return op->bits & OP_BIND_HOST_TREE ? &op->host_tree_fd : NULL;
}

static int bind_early(struct op *op, struct init_state *st, struct hrun_error *err)
{
	if (runtime_tree(op))
		return 0; /* the runtime opened the source */
	op->resolved = st->k->realpath(op->source, err);
	if (!op->resolved)
		return hrun_error_prefix(err, "bind source `%s`", op->source);
	return 0;
}

static int bind_remount_only(struct op *op, struct init_state *st, struct hrun_error *err)
{
	return op_finish_op_mount(st, op, op->flags & ~(BIND_ONLY | MS_REMOUNT), err);
}

/* Put the source on the target (made as the source's type): a bind of
 * the host path, or the id-mapped mount the runtime made, which the init
 * owns from now on. */
static int bind_attach(struct op *op, struct init_state *st, struct hrun_error *err)
{
	const struct sys *k = st->k;
	char src[PATH_MAX + sizeof INIT_HOST], fdpath[OP_FD_PATH_LEN];
	int *tree = runtime_tree(op);
	int mnt_fd = tree ? *tree : -1;
	const char *shown = op->resolved ? op->resolved : op->source;
	struct stat sb;
	int fd, r;

	if (mnt_fd >= 0)
		op_fd_path(src, mnt_fd);
	else if (op_host_path(src, sizeof src, op->resolved, err) < 0)
		return -1;
	if (k->stat(src, &sb) < 0)
		return hrun_error_errno(err, "bind source `%s`", shown);
	fd = k->target_open(st->sysroot_fd, op->target, S_ISDIR(sb.st_mode) ? S_IFDIR : S_IFREG,
			    err);
	if (fd < 0)
		return -1;
	if (mnt_fd >= 0)
		r = k->attach_mount(mnt_fd, fd, err);
	else
		r = k->bind_mount(src, op_fd_path(fdpath, fd), 0, (op->flags & MS_REC) != 0, err);
	k->close(fd);
	if (r < 0)
		return hrun_error_prefix(err, "bind `%s` on `%s`", shown, op->target);
	if (mnt_fd >= 0) {
		k->close(mnt_fd);
		*tree = -1;
		op->bits &= ~OP_BIND_HOST_TREE;
	}
	return 0;
}

static int bind_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	if (op->flags & MS_REMOUNT)
		return bind_remount_only(op, st, err);
	if (bind_attach(op, st, err) < 0)
		return -1;
	return op_finish_op_mount(st, op, op->flags & ~BIND_ONLY, err);
}

static void describe_maps(FILE *out, const char *label, const struct plan_id_map *m, size_t n)
{
	fprintf(out, " %s", label);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%" PRIu32 ":%" PRIu32 ":%" PRIu32, i ? "," : " ", m[i].container_id,
			m[i].host_id, m[i].size);
}

static void bind_describe(const struct op *op, FILE *out)
{
	const struct op_idmap *idmap = op->idmap;

	fprintf(out, "%s %s on %s", op->flags & MS_REC ? "rbind" : "bind", op->source, op->target);
	op_describe_mount_options(out, op, op->flags & ~BIND_ONLY);
	if (!idmap)
		return;
	fputs(idmap->recursive ? " ridmap" : " idmap", out);
	if (!idmap->n_uid_map) {
		fputs(" as the user namespace", out);
		return;
	}
	describe_maps(out, "uid", idmap->uid_map, idmap->n_uid_map);
	describe_maps(out, "gid", idmap->gid_map, idmap->n_gid_map);
}

const struct op_type op_bind_type = {
	.name = "bind",
	.valid = bind_valid,
	.early = bind_early,
	.apply = bind_apply,
	.describe = bind_describe,
};
