/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A bind (or, with MS_REC in flags, rbind) of a host file or directory.
 *   source    host path (absolute; the plan made it so)
 *   target    where, inside the container
 *   flags     MS_BIND [|MS_REC] and the MS_* flags to add by remount
 *   idmap     id-mapped: the maps the runtime gave mount_fd
 *   mount_fd  the source, cloned detached where it was resolved, once: by
 *             the runtime on the host before the clone (which id-maps it
 *             when asked), else by early in the init's own mount namespace
 *             (a joined one, a rootless runtime: runtime/bind_sources.c)
 * Never resolved twice: a path component swapped between a check and the
 * bind (a container sharing the volume) cannot redirect it.  apply creates
 * the target as the source's type and attaches mount_fd on it, then closes
 * it; a remount then adds ro/nosuid/... to what the kernel keeps (locked
 * flags), and mount_setattr the recursive options (rro, ...) on the whole
 * tree. */
#include <errno.h>
#include <inttypes.h>
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

static int bind_early(struct op *op, struct init_state *st, struct hrun_error *err)
{
	if (op->mount_fd >= 0 || (op->flags & MS_REMOUNT))
		return 0; /* the runtime opened the source; a remount has none */
	op->mount_fd = st->k->bind_source_open(op->source, (op->flags & MS_REC) != 0, err);
	return op->mount_fd < 0 ? -1 : 0;
}

static int bind_remount_only(struct op *op, struct init_state *st, struct hrun_error *err)
{
	return op_finish_op_mount(st, op, op->flags & ~(BIND_ONLY | MS_REMOUNT), err);
}

/* The source's mount, copied now: the one made before the container's
 * root would come first in /proc/self/mountinfo, which lists mounts in
 * the order they were made (Linux 6.8), not the config's (the
 * runtime-spec's "in the listed order", read there by the conformance
 * suite).  The copy is of the same mount: nothing is resolved again. */
static int bind_renew(struct op *op, const struct sys *k, bool dir, struct hrun_error *err)
{
	int fd = k->mount_renew(op->mount_fd, dir ? INIT_SCRATCH_DIR : INIT_SCRATCH_FILE, dir,
				(op->flags & MS_REC) != 0, err);

	if (fd < 0)
		return hrun_error_prefix(err, "bind `%s`", op->source);
	k->close(op->mount_fd);
	op->mount_fd = fd;
	return 0;
}

/* Put the source's detached mount on the target (made as the source's
 * type); the init owns it no more. */
static int bind_attach(struct op *op, struct init_state *st, struct hrun_error *err)
{
	const struct sys *k = st->k;
	char src[OP_FD_PATH_LEN];
	struct stat sb;
	int fd, r;

	if (op->mount_fd < 0)
		return hrun_error_set(err, 0, "bind source `%s`: not opened", op->source);
	if (k->stat(op_fd_path(src, op->mount_fd), &sb) < 0)
		return hrun_error_errno(err, "bind source `%s`", op->source);
	if (bind_renew(op, k, S_ISDIR(sb.st_mode), err) < 0)
		return -1;
	fd = k->target_open(st->sysroot_fd, op->target, S_ISDIR(sb.st_mode) ? S_IFDIR : S_IFREG,
			    err);
	if (fd < 0)
		return -1;
	r = k->attach_mount(op->mount_fd, fd, err);
	k->close(fd);
	if (r < 0)
		return hrun_error_prefix(err, "bind `%s` on `%s`", op->source, op->target);
	k->close(op->mount_fd);
	op->mount_fd = -1;
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
