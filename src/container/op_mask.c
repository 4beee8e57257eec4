/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.maskedPaths: hide paths of the container (mostly under /proc).
 *   paths  absolute paths inside the container; a missing one is skipped
 * A directory gets an empty read-only tmpfs: one tmpfs for all of them,
 * mounted on the first and bound on the others, as runc 1.5 (each tmpfs is
 * a superblock; many of them contend in the kernel).  A file gets the
 * host's /dev/null, opened without following a symlink and checked to be
 * the 1:3 character device before it is bound (CVE-2025-31133). */
#include <errno.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "container/op.h"
#include "container/sys.h"
#include "util/error.h"

#define MASK_TMPFS_FLAGS (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
#define HOST_DEV_NULL	 INIT_HOST "/dev/null"

/* What apply keeps between paths: opened on first use, -1 until then. */
struct mask_state {
	int null_fd;  /* the host's /dev/null, checked */
	int tmpfs_fd; /* the root of the shared tmpfs */
};

static int mask_file(struct mask_state *ms, const struct sys *k, const char *path, int fd,
		     struct hrun_error *err)
{
	char src[OP_FD_PATH_LEN], tgt[OP_FD_PATH_LEN];

	if (ms->null_fd < 0 &&
	    (ms->null_fd = op_open_host_node(k, HOST_DEV_NULL, S_IFCHR, makedev(1, 3), err)) < 0)
		return -1;
	if (k->bind_mount(op_fd_path(src, ms->null_fd), op_fd_path(tgt, fd), 0, false, err) < 0)
		return hrun_error_prefix(err, "mask `%s`", path);
	return 0;
}

static int mask_dir(struct mask_state *ms, struct init_state *st, const char *path, int fd,
		    struct hrun_error *err)
{
	const struct sys *k = st->k;
	char src[OP_FD_PATH_LEN], tgt[OP_FD_PATH_LEN];

	op_fd_path(tgt, fd);
	if (ms->tmpfs_fd >= 0) {
		if (k->bind_mount(op_fd_path(src, ms->tmpfs_fd), tgt, 0, false, err) < 0)
			return hrun_error_prefix(err, "mask `%s`", path);
		return 0;
	}
	if (k->mount("tmpfs", tgt, "tmpfs", MASK_TMPFS_FLAGS, NULL) < 0)
		return hrun_error_errno(err, "mask `%s`: mount `tmpfs`", path);
	/* fd is the directory under the tmpfs: open the tmpfs itself. */
	ms->tmpfs_fd = k->target_open(st->sysroot_fd, path, 0, err);
	return ms->tmpfs_fd < 0 ? -1 : 0;
}

static int mask_path(struct mask_state *ms, struct init_state *st, const char *path,
		     struct hrun_error *err)
{
	const struct sys *k = st->k;
	char fdpath[OP_FD_PATH_LEN];
	struct stat sb;
	int r, fd = op_open_existing(st, path, err);

	if (fd == OP_MISSING)
		return 0;
	if (fd < 0)
		return -1;
	if (k->stat(op_fd_path(fdpath, fd), &sb) < 0)
		r = hrun_error_errno(err, "mask `%s`: stat", path);
	else if (S_ISDIR(sb.st_mode))
		r = mask_dir(ms, st, path, fd, err);
	else
		r = mask_file(ms, k, path, fd, err);
	k->close(fd);
	return r;
}

static int mask_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	struct mask_state ms = {.null_fd = -1, .tmpfs_fd = -1};
	int r = 0;

	for (size_t i = 0; r == 0 && i < op->n_paths; i++)
		r = mask_path(&ms, st, op->paths[i], err);
	if (ms.null_fd >= 0)
		st->k->close(ms.null_fd);
	if (ms.tmpfs_fd >= 0)
		st->k->close(ms.tmpfs_fd);
	return r;
}

static void mask_describe(const struct op *op, FILE *out)
{
	fputs("mask", out);
	for (size_t i = 0; i < op->n_paths; i++)
		fprintf(out, " %s", op->paths[i]);
}

const struct op_type op_mask_type = {
	.name = "mask",
	.valid = op_valid_paths,
	.apply = mask_apply,
	.describe = mask_describe,
};
