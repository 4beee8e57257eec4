/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The `cgroup` mount type: the container's view of its cgroups.
 *   target  where ("/sys/fs/cgroup"); flags, propagation as a mount
 *   bits    OP_CGROUP_NS: the container has its own cgroup namespace
 *   found   (early) the hierarchies the init is in, from /proc/self/cgroup,
 *           each "<controllers><path>" ("cpu,cpuacct/user.slice", "/x"
 *           for the cgroup2 one); found_bits OP_CGROUP_FOUND_V2 on a
 *           cgroup2-only host
 * cgroup2 host: mount cgroup2; refused (no cgroup namespace of its own, in
 * a user namespace): bind the container's own cgroup, read-only.
 * v1 or hybrid host: a tmpfs, and under it one directory per hierarchy:
 * with a cgroup namespace a fresh mount of it, else a bind of the host's
 * directory of the container's cgroup; "cpu" and "cpuacct" symlinks to
 * "cpu,cpuacct"; the tmpfs read-only when the mount is.
 * No cgroup at all (plan->no_cgroup, --cgroup-manager disabled): the init
 * is in its caller's cgroup, often the root of the host's tree; there is
 * nothing of the container's to show, so an empty read-only tmpfs. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "container/op.h"
#include "container/sys.h"
#include "plan/plan.h"
#include "util/error.h"

#define CGROUP_ROOT "/sys/fs/cgroup"
#define TMPFS_FLAGS (MS_NOSUID | MS_NODEV | MS_NOEXEC)

/* A found entry, split: "name=systemd/x" -> "name=systemd", "systemd", "/x". */
struct hierarchy {
	char controllers[NAME_MAX + 1]; /* "" for the cgroup2 hierarchy */
	const char *dir;		/* its directory under /sys/fs/cgroup */
	const char *path;		/* our cgroup in it */
};

static void hierarchy_parse(const char *entry, bool v2_host, struct hierarchy *h)
{
	size_t n = strcspn(entry, "/");

	snprintf(h->controllers, sizeof h->controllers, "%.*s", (int)n, entry);
	h->path = entry + n;
	if (v2_host)
		h->dir = "";
	else if (n == 0)
		h->dir = "unified";
	else if (strncmp(h->controllers, "name=", 5) == 0)
		h->dir = h->controllers + 5;
	else
		h->dir = h->controllers;
}

/* One line of /proc/self/cgroup, "id:controllers:path", as a found entry
 * "<controllers><path>" when the host has that hierarchy mounted. */
static char *hierarchy_entry(const struct sys *k, char *line, bool v2)
{
	char *controllers = strchr(line, ':'), *path, *entry;
	char probe[PATH_MAX];
	struct hierarchy h;
	struct stat sb;

	if (!controllers || !(path = strchr(++controllers, ':')) || path[1] != '/')
		return NULL;
	*path++ = '\0';
	if (v2 && controllers[0])
		return NULL;
	if (asprintf(&entry, "%s%s", controllers, path) < 0)
		return NULL;
	hierarchy_parse(entry, v2, &h);
	snprintf(probe, sizeof probe, CGROUP_ROOT "/%s", h.dir);
	if (!v2 && k->stat(probe, &sb) < 0) {
		free(entry);
		return NULL;
	}
	return entry;
}

static int gather(struct op *op, const struct sys *k, char *text, bool v2, struct hrun_error *err)
{
	size_t lines = 1;

	for (char *c = text; *c; c++)
		lines += *c == '\n';
	if (!(op->found = calloc(lines, sizeof *op->found)))
		return hrun_error_set(err, ENOMEM, "cgroup");
	for (char *save = NULL, *line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *entry = hierarchy_entry(k, line, v2);

		if (entry)
			op->found[op->n_found++] = entry;
	}
	return 0;
}

static int cgroup_early(struct op *op, struct init_state *st, struct hrun_error *err)
{
	const struct sys *k = st->k;
	struct stat sb;
	bool v2;
	char *text;
	int r;

	if (st->plan->no_cgroup)
		return 0;
	v2 = k->stat(CGROUP_ROOT "/cgroup.controllers", &sb) == 0;
	if (!(text = op_read_file(k, "/proc/self/cgroup", err)))
		return -1;
	if (v2)
		op->found_bits |= OP_CGROUP_FOUND_V2;
	r = gather(op, k, text, v2, err);
	free(text);
	return r;
}

static int mount_at(struct init_state *st, const char *target, const char *fstype,
		    unsigned long flags, const char *data, struct hrun_error *err)
{
	const struct sys *k = st->k;
	char fdpath[OP_FD_PATH_LEN];
	int fd = k->target_open(st->sysroot_fd, target, S_IFDIR, err);
	int r = 0;

	if (fd < 0)
		return -1;
	if (k->mount(fstype, op_fd_path(fdpath, fd), fstype, flags, data) < 0)
		r = hrun_error_errno(err, "mount `%s` on `%s`", fstype, target);
	k->close(fd);
	return r;
}

/* Bind the host's directory of our cgroup in `h` on target, adding flags. */
static int bind_at(struct init_state *st, const struct hierarchy *h, const char *target,
		   unsigned long flags, struct hrun_error *err)
{
	const struct sys *k = st->k;
	char src[PATH_MAX], fdpath[OP_FD_PATH_LEN];
	int fd, r = 0;

	snprintf(src, sizeof src, INIT_HOST CGROUP_ROOT "%s%s%s", h->dir[0] ? "/" : "", h->dir,
		 h->path);
	fd = k->target_open(st->sysroot_fd, target, S_IFDIR, err);
	if (fd < 0)
		return -1;
	if (k->bind_mount(src, op_fd_path(fdpath, fd), 0, true, err) < 0)
		r = hrun_error_prefix(err, "bind `%s` on `%s`", src + strlen(INIT_HOST), target);
	k->close(fd);
	if (r < 0)
		return -1;
	return op_finish_mount(st, target, flags, 0, err);
}

static int apply_v2(struct op *op, struct init_state *st, struct hrun_error *err)
{
	struct hierarchy h;

	if (mount_at(st, op->target, "cgroup2", op->flags, op->data, err) == 0)
		return 0;
	if ((err->code != EPERM && err->code != EBUSY) || (op->bits & OP_CGROUP_NS) || !op->n_found)
		return -1;
	/* Not ours to mount: show our own cgroup, never writable (CVE-2023-25809). */
	hierarchy_parse(op->found[0], true, &h);
	return bind_at(st, &h, op->target, op->flags | MS_RDONLY, err);
}

/* "cpu" -> "cpu,cpuacct" and "cpuacct" -> "cpu,cpuacct" in the tmpfs. */
static int link_controllers(const struct sys *k, int tmpfs_fd, const char *dir,
			    struct hrun_error *err)
{
	char name[NAME_MAX + 1], path[OP_FD_PATH_LEN + NAME_MAX + 2];

	if (!strchr(dir, ','))
		return 0;
	for (const char *c = dir; *c;) {
		size_t n = strcspn(c, ",");

		snprintf(name, sizeof name, "%.*s", (int)n, c);
		if (op_fd_child(path, sizeof path, tmpfs_fd, name, err) < 0)
			return -1;
		if (k->symlink(dir, path) < 0 && errno != EEXIST)
			return hrun_error_errno(err, "symlink `%s` to `%s`", name, dir);
		c += n + (c[n] == ',');
	}
	return 0;
}

static int apply_hierarchy(struct op *op, struct init_state *st, int tmpfs_fd, const char *entry,
			   struct hrun_error *err)
{
	char target[PATH_MAX];
	struct hierarchy h;
	int r;

	hierarchy_parse(entry, false, &h);
	snprintf(target, sizeof target, "%s/%s", op->target, h.dir);
	if (!(op->bits & OP_CGROUP_NS))
		r = bind_at(st, &h, target, op->flags, err);
	else if (h.controllers[0])
		r = mount_at(st, target, "cgroup", op->flags, h.controllers, err);
	else
		r = mount_at(st, target, "cgroup2", op->flags, NULL, err);
	if (r < 0)
		return -1;
	return link_controllers(st->k, tmpfs_fd, h.dir, err);
}

static int apply_v1(struct op *op, struct init_state *st, struct hrun_error *err)
{
	const struct sys *k = st->k;
	char fdpath[OP_FD_PATH_LEN];
	int r = 0, tmpfs_fd;

	if (mount_at(st, op->target, "tmpfs", TMPFS_FLAGS, "mode=755", err) < 0)
		return -1;
	if ((tmpfs_fd = k->target_open(st->sysroot_fd, op->target, 0, err)) < 0)
		return -1;
	for (size_t i = 0; r == 0 && i < op->n_found; i++)
		r = apply_hierarchy(op, st, tmpfs_fd, op->found[i], err);
	if (r == 0 && (op->flags & MS_RDONLY) &&
	    k->remount(op_fd_path(fdpath, tmpfs_fd), TMPFS_FLAGS | MS_RDONLY, err) < 0)
		r = hrun_error_prefix(err, "remount `%s`", op->target);
	k->close(tmpfs_fd);
	return r;
}

static int cgroup_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	int r;

	if (st->plan->no_cgroup)
		return mount_at(st, op->target, "tmpfs", TMPFS_FLAGS | MS_RDONLY, "mode=755", err);
	r = op->found_bits & OP_CGROUP_FOUND_V2 ? apply_v2(op, st, err) : apply_v1(op, st, err);

	if (r < 0)
		return -1;
	return op_finish_op_mount(st, op, 0, err);
}

static void cgroup_describe(const struct op *op, FILE *out)
{
	fprintf(out, "cgroup on %s", op->target);
	op_describe_mount_options(out, op, op->flags);
	if (op->bits & OP_CGROUP_NS)
		fputs(" in the cgroup namespace", out);
}

const struct op_type op_cgroup_type = {
	.name = "cgroup",
	.valid = op_valid_target,
	.early = cgroup_early,
	.apply = cgroup_apply,
	.describe = cgroup_describe,
};
