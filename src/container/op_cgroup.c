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
#include "plan/mount_options.h"
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

/* Mount fstype on the path `at`; `target` names it in errors. */
static int mount_on(const struct sys *k, const char *at, const char *target, const char *fstype,
		    unsigned long flags, const char *data, struct hrun_error *err)
{
	if (k->mount(fstype, at, fstype, flags, data) < 0)
		return hrun_error_errno(err, "mount `%s` on `%s`", fstype, target);
	return 0;
}

/* The same on target, opened from the root as every target is. */
static int mount_at(struct init_state *st, const char *target, const char *fstype,
		    unsigned long flags, const char *data, struct hrun_error *err)
{
	char fdpath[OP_FD_PATH_LEN];
	int fd = st->k->target_open(st->sysroot_fd, target, S_IFDIR, err), r;

	if (fd < 0)
		return -1;
	r = mount_on(st->k, op_fd_path(fdpath, fd), target, fstype, flags, data, err);
	st->k->close(fd);
	return r;
}

/* Bind the host's directory of our cgroup in `h` on the path `at`;
 * `target` names it in errors. */
static int bind_host_dir(struct init_state *st, const struct hierarchy *h, const char *at,
			 const char *target, struct hrun_error *err)
{
	char src[PATH_MAX];

	snprintf(src, sizeof src, INIT_HOST CGROUP_ROOT "%s%s%s", h->dir[0] ? "/" : "", h->dir,
		 h->path);
	if (st->k->bind_mount(src, at, 0, true, err) < 0)
		return hrun_error_prefix(err, "bind `%s` on `%s`", src + strlen(INIT_HOST), target);
	return 0;
}

/* The same on target, opened from the root as every target is. */
static int bind_at(struct init_state *st, const struct hierarchy *h, const char *target,
		   struct hrun_error *err)
{
	char fdpath[OP_FD_PATH_LEN];
	int fd = st->k->target_open(st->sysroot_fd, target, S_IFDIR, err), r;

	if (fd < 0)
		return -1;
	r = bind_host_dir(st, h, op_fd_path(fdpath, fd), target, err);
	st->k->close(fd);
	return r;
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
	if (bind_at(st, &h, op->target, err) < 0)
		return -1;
	return op_finish_mount(st, op->target, op->flags | MS_RDONLY, 0, err);
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

/* A v1 entry's hierarchy and its target under op->target. */
static void hierarchy_target(const struct op *op, const char *entry, struct hierarchy *h,
			     char target[PATH_MAX])
{
	hierarchy_parse(entry, false, h);
	snprintf(target, PATH_MAX, "%s/%s", op->target, h->dir);
}

/* A hierarchy's directory is made in the tmpfs we just mounted, and its
 * mount goes on it there, through our fd of the tmpfs: nothing else can
 * be in it, so there is nothing to resolve from the root. */
static int apply_hierarchy(struct op *op, struct init_state *st, int tmpfs_fd, const char *entry,
			   struct hrun_error *err)
{
	char target[PATH_MAX], dir[OP_FD_PATH_LEN + NAME_MAX + 2];
	struct hierarchy h;
	int r;

	hierarchy_target(op, entry, &h, target);
	if (op_fd_child(dir, sizeof dir, tmpfs_fd, h.dir, err) < 0)
		return -1;
	if (st->k->mkdir(dir, 0755) < 0 && errno != EEXIST)
		return hrun_error_errno(err, "mkdir `%s`", target);
	if (!(op->bits & OP_CGROUP_NS))
		r = bind_host_dir(st, &h, dir, target, err);
	else if (h.controllers[0])
		r = mount_on(st->k, dir, target, "cgroup", op->flags, h.controllers, err);
	else
		r = mount_on(st->k, dir, target, "cgroup2", op->flags, NULL, err);
	if (r < 0)
		return -1;
	return link_controllers(st->k, tmpfs_fd, h.dir, err);
}

/* Without mount_setattr (or for flags it has no form of): each bind
 * remounted with the flags, and the tmpfs read-only when they are. */
static int seal_v1_each(struct op *op, struct init_state *st, int tmpfs_fd, struct hrun_error *err)
{
	char target[PATH_MAX], fdpath[OP_FD_PATH_LEN];
	struct hierarchy h;

	for (size_t i = 0; !(op->bits & OP_CGROUP_NS) && i < op->n_found; i++) {
		hierarchy_target(op, op->found[i], &h, target);
		if (op_finish_mount(st, target, op->flags, 0, err) < 0)
			return -1;
	}
	if ((op->flags & MS_RDONLY) &&
	    st->k->remount(op_fd_path(fdpath, tmpfs_fd), TMPFS_FLAGS | MS_RDONLY, err) < 0)
		return hrun_error_prefix(err, "remount `%s`", op->target);
	return 0;
}

/* The binds take op->flags (a fresh cgroup mount had them from mount(2)),
 * and the tmpfs turns read-only with them: one recursive mount_setattr on
 * the tmpfs does both, where a remount each cost an open, a statfs and a
 * mount per hierarchy. */
static int seal_v1(struct op *op, struct init_state *st, int tmpfs_fd, struct hrun_error *err)
{
	uint64_t set, clr;

	if (!op->flags || ((op->bits & OP_CGROUP_NS) && !(op->flags & MS_RDONLY)))
		return 0;
	if (mount_options_attrs(op->flags, &set, &clr) < 0)
		return seal_v1_each(op, st, tmpfs_fd, err);
	if (st->k->mount_setattr_tree(tmpfs_fd, set, clr) == 0)
		return 0;
	if (errno == ENOSYS)
		return seal_v1_each(op, st, tmpfs_fd, err);
	return hrun_error_errno(err, "set the options of `%s` and its hierarchies", op->target);
}

static int apply_v1(struct op *op, struct init_state *st, struct hrun_error *err)
{
	const struct sys *k = st->k;
	int r = 0, tmpfs_fd;

	if (mount_at(st, op->target, "tmpfs", TMPFS_FLAGS, "mode=755", err) < 0)
		return -1;
	if ((tmpfs_fd = k->target_open(st->sysroot_fd, op->target, 0, err)) < 0)
		return -1;
	for (size_t i = 0; r == 0 && i < op->n_found; i++)
		r = apply_hierarchy(op, st, tmpfs_fd, op->found[i], err);
	if (r == 0)
		r = seal_v1(op, st, tmpfs_fd, err);
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
