/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A filesystem mount (proc, tmpfs, devpts, mqueue, sysfs, cgroup2, ...).
 *   source   the filesystem source name ("proc", "tmpfs", a device)
 *   target   where, inside the container
 *   fstype, flags (MS_*), data, propagation
 *   attr_set, attr_clr   recursive options, set after the mount
 *   bits      OP_MOUNT_TMPCOPYUP: copy what the target held into the new
 *             (tmpfs) mount */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "container/op.h"
#include "container/sys.h"
#include "plan/plan.h"
#include "util/error.h"

static int mount_valid(const struct op *op, struct hrun_error *err)
{
	if (op_valid_target(op, err) < 0)
		return -1;
	if (!op->source || !op->fstype)
		return hrun_error_set(err, 0, "source and fstype are required");
	return 0;
}

/* tmpcopyup: the directory the new tmpfs covers, still open at `below`,
 * copied into it.  A read-only tmpfs is mounted writable and made
 * read-only after the copy. */
static int copy_up(struct op *op, struct init_state *st, int below, struct hrun_error *err)
{
	int fd = st->k->target_open(st->sysroot_fd, op->target, 0, err);
	int r;

	if (fd < 0)
		return -1;
	r = st->k->copy_tree(below, fd, err);
	st->k->close(fd);
	if (r < 0)
		return hrun_error_prefix(err, "tmpcopyup on `%s`", op->target);
	return 0;
}

/* Whether the comma-separated data has `key=...`. */
static bool has_key(const char *data, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = data; p && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
		if (strncmp(p, key, n) == 0 && p[n] == '=')
			return true;
	}
	return false;
}

/* A tmpfs over an existing directory takes that directory's mode unless
 * the options say `mode=` (runc): a 0710 directory must not come out
 * world-writable (tmpfs's own default is 1777).  A directory hrun makes
 * keeps tmpfs's default, as with runc.  *mode is 0 when nothing is to
 * be added. */
static int open_target(struct op *op, struct init_state *st, mode_t *mode, struct hrun_error *err)
{
	const struct sys *k = st->k;
	/* proc, sysfs, /dev and what goes under them: exactly there */
	int (*open_in)(int, const char *, mode_t, struct hrun_error *) =
		plan_in_kernel_dir(op->target) ? k->target_open_exact : k->target_open;
	char fdpath[OP_FD_PATH_LEN];
	struct hrun_error none = {0};
	struct stat sb;
	int fd;

	*mode = 0;
	if (strcmp(op->fstype, "tmpfs") != 0 || has_key(op->data, "mode"))
		return open_in(st->sysroot_fd, op->target, S_IFDIR, err);
	fd = open_in(st->sysroot_fd, op->target, 0, &none);
	if (fd < 0 && none.code != ENOENT) {
		*err = none;
		return -1;
	}
	if (fd < 0)
		return open_in(st->sysroot_fd, op->target, S_IFDIR, err);
	if (k->stat(op_fd_path(fdpath, fd), &sb) < 0) {
		hrun_error_errno(err, "stat `%s`", op->target);
		k->close(fd);
		return -1;
	}
	if (S_ISDIR(sb.st_mode))
		*mode = sb.st_mode & 07777;
	return fd;
}

/* sysfs refused (EPERM: no CAP_SYS_ADMIN over the network namespace's
 * owner, which setns asked too, so hardly after a join): the host's,
 * bound, as without a network namespace (runc falls back so too); the
 * options then come with the remount. */
static int bind_host_sys(const struct sys *k, const char *fdpath, struct hrun_error *err)
{
	hrun_error_clear(err);
	if (k->bind_mount(INIT_HOST "/sys", fdpath, 0, true, err) < 0)
		return hrun_error_prefix(err, "bind `/sys` for sysfs (its mount refused)");
	return 0;
}

static int mount_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	const struct sys *k = st->k;
	bool copy = op->bits & OP_MOUNT_TMPCOPYUP;
	unsigned long later = copy ? op->flags & MS_RDONLY : 0;
	char fdpath[OP_FD_PATH_LEN], data[4096];
	const char *opts = op->data;
	mode_t mode;
	int fd = open_target(op, st, &mode, err);
	int r = 0;

	if (fd < 0)
		return -1;
	if (mode) {
		int n = snprintf(data, sizeof data, "mode=%04o%s%s", (unsigned)mode,
				 op->data ? "," : "", op->data ? op->data : "");

		if (n < 0 || (size_t)n >= sizeof data)
			r = hrun_error_set(err, E2BIG, "mount `%s` on `%s`: options too long",
					   op->fstype, op->target);
		opts = data;
	}
	if (r == 0 && k->mount(op->source, op_fd_path(fdpath, fd), op->fstype, op->flags & ~later,
			       opts) < 0) {
		bool sysfs_refused = errno == EPERM && strcmp(op->fstype, "sysfs") == 0;

		r = hrun_error_errno(err, "mount `%s` on `%s`%s%s%s", op->fstype, op->target,
				     opts ? " (options `" : "", opts ? opts : "", opts ? "`)" : "");
		if (sysfs_refused) {
			r = bind_host_sys(k, fdpath, err);
			later = op->flags;
		}
	}
	if (r == 0 && copy)
		r = copy_up(op, st, fd, err);
	k->close(fd);
	if (r < 0)
		return -1;
	return op_finish_op_mount(st, op, later, err);
}

static void mount_describe(const struct op *op, FILE *out)
{
	fprintf(out, "mount %s %s on %s", op->fstype, op->source, op->target);
	op_describe_mount_options(out, op, op->flags);
	if (op->bits & OP_MOUNT_TMPCOPYUP)
		fputs(" with a copy of what it covers", out);
}

const struct op_type op_mount_type = {
	.name = "mount",
	.valid = mount_valid,
	.apply = mount_apply,
	.describe = mount_describe,
};
