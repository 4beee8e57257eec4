/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which cgroup layout the host has, found under the cgroup root.
 *
 * statfs decides for real mounts: cgroup2 at the root is pure v2; a tmpfs
 * with cgroup (v1) mounts below is v1, and hybrid when cgroup2 also sits at
 * <root>/unified.  A stand-in tree (plain directories, for tests) is read
 * the same way from its files: cgroup.controllers marks a v2 directory,
 * cgroup.procs alone a v1 one.  A v1 hierarchy's controllers are read from
 * its directory name ("cpu,cpuacct"), as systemd and every distribution
 * mount them; symlinks ("cpu" -> "cpu,cpuacct") are skipped. */
#include "cgroup/internal.h"
#include "util/cleanup.h"

#include <dirent.h>
#include <linux/magic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>

static const char *const ctrl_names[CG_CTRL_COUNT] = {
	[CG_CPU] = "cpu",
	[CG_CPUACCT] = "cpuacct",
	[CG_CPUSET] = "cpuset",
	[CG_MEMORY] = "memory",
	[CG_DEVICES] = "devices",
	[CG_FREEZER] = "freezer",
	[CG_BLKIO] = "blkio",
	[CG_PIDS] = "pids",
	[CG_NET_CLS] = "net_cls",
	[CG_NET_PRIO] = "net_prio",
	[CG_HUGETLB] = "hugetlb",
	[CG_RDMA] = "rdma",
	[CG_PERF_EVENT] = "perf_event",
	[CG_MISC] = "misc",
};

const char *cg_ctrl_name(enum cg_ctrl c, bool v2)
{
	if (c == CG_BLKIO && v2)
		return "io";
	return c < CG_CTRL_COUNT ? ctrl_names[c] : NULL;
}

int cg_ctrl_parse(const char *name, size_t len)
{
	if (len == 2 && memcmp(name, "io", 2) == 0)
		return CG_BLKIO;
	for (int c = 0; c < CG_CTRL_COUNT; c++)
		if (ctrl_names[c] && strlen(ctrl_names[c]) == len &&
		    memcmp(ctrl_names[c], name, len) == 0)
			return c;
	return -1;
}

/* Controllers in a list separated by spaces, commas or newlines. */
unsigned cg_ctrl_list(const char *list)
{
	unsigned bits = 0;

	while (list && *list) {
		list += *list == '+'; /* cgroup.subtree_control as we write it */
		size_t len = strcspn(list, " ,\n");
		int c = cg_ctrl_parse(list, len);

		if (c >= 0)
			bits |= CG_BIT(c);
		list += len;
		list += strspn(list, " ,\n");
	}
	return bits;
}

enum dir_kind { DIR_OTHER, DIR_V1, DIR_V2 };

/* What kind of cgroup directory path is; *real says whether the kernel's. */
static enum dir_kind dir_kind(const char *path, bool *real)
{
	struct statfs fs;

	*real = false;
	if (statfs(path, &fs) < 0)
		return DIR_OTHER;
	if (fs.f_type == CGROUP2_SUPER_MAGIC || fs.f_type == CGROUP_SUPER_MAGIC) {
		*real = true;
		return fs.f_type == CGROUP2_SUPER_MAGIC ? DIR_V2 : DIR_V1;
	}
	if (cg_exists(path, "cgroup.controllers"))
		return DIR_V2;
	if (cg_exists(path, "cgroup.procs"))
		return DIR_V1;
	return DIR_OTHER;
}

static int add_hier(struct cg_layout *l, char *mount, bool v2, unsigned ctrls)
{
	struct cg_hier *h = realloc(l->h, (l->n + 1) * sizeof *h);

	if (!h) {
		free(mount);
		return -1;
	}
	l->h = h;
	h[l->n++] = (struct cg_hier){.mount = mount, .ctrls = ctrls, .v2 = v2};
	return 0;
}

static int add_v2(struct cg_layout *l, char *mount, struct hrun_error *err)
{
	_cleanup_free_ char *list = cg_read(mount, "cgroup.controllers", err);

	if (!list) {
		free(mount);
		return -1;
	}
	l->v2_ctrls = cg_ctrl_list(list);
	if (add_hier(l, mount, true, l->v2_ctrls) < 0)
		return hrun_error_set(err, ENOMEM, "cgroup layout");
	return 0;
}

static int is_dir_entry(const struct dirent *d)
{
	return d->d_name[0] != '.' && (d->d_type == DT_DIR || d->d_type == DT_UNKNOWN);
}

/* One entry of a v1 root: a hierarchy, the unified mount, or nothing.
 * d_type already tells a directory from a symlink on every cgroup root
 * (tmpfs); lstat only where the file system does not say. */
static int scan_entry(struct cg_layout *l, const struct dirent *d, bool *any_real, char **unified,
		      struct hrun_error *err)
{
	const char *name = d->d_name;
	char *path;
	bool real;
	struct stat st;

	if (asprintf(&path, "%s/%s", l->root, name) < 0)
		return hrun_error_set(err, ENOMEM, "cgroup layout");
	if (d->d_type == DT_UNKNOWN && (lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))) {
		free(path);
		return 0;
	}
	switch (dir_kind(path, &real)) {
	case DIR_V1:
		*any_real |= real;
		if (add_hier(l, path, false, cg_ctrl_list(name)) < 0)
			return hrun_error_set(err, ENOMEM, "cgroup layout");
		return 0;
	case DIR_V2:
		*any_real |= real;
		if (!*unified && strcmp(name, "unified") == 0) {
			*unified = path;
			return 0;
		}
		break;
	case DIR_OTHER: break;
	}
	free(path);
	return 0;
}

static int scan_v1(struct cg_layout *l, struct hrun_error *err)
{
	struct dirent **names = NULL;
	_cleanup_free_ char *unified = NULL;
	bool any_real = false;
	int n = scandir(l->root, &names, is_dir_entry, alphasort);
	int ret = 0;

	if (n < 0)
		return hrun_error_errno(err, "read the cgroup root `%s`", l->root);
	for (int i = 0; i < n; i++) {
		if (ret == 0)
			ret = scan_entry(l, names[i], &any_real, &unified, err);
		free(names[i]);
	}
	free(names);
	if (ret < 0)
		return -1;
	if (l->n == 0)
		return hrun_error_set(err, 0, "no cgroup hierarchy found under `%s`", l->root);
	l->fake = !any_real;
	l->mode = unified ? CGROUP_MODE_HYBRID : CGROUP_MODE_V1;
	return unified ? add_v2(l, steal_pointer(&unified), err) : 0;
}

int cg_layout_detect(const char *root, struct cg_layout *out, struct hrun_error *err)
{
	bool real;

	*out = (struct cg_layout){0};
	if (!root)
		root = getenv("HRUN_CGROUP_ROOT");
	if (!root || !*root)
		root = "/sys/fs/cgroup";
	if (root[0] != '/')
		return hrun_error_set(err, 0, "cgroup root `%s` is not an absolute path", root);
	out->root = strdup(root);
	if (!out->root)
		return hrun_error_set(err, ENOMEM, "cgroup layout");
	if (dir_kind(root, &real) == DIR_V2) {
		out->mode = CGROUP_MODE_V2;
		out->fake = !real;
		char *mount = strdup(root);
		if (!mount) {
			hrun_error_set(err, ENOMEM, "cgroup layout");
			goto fail;
		}
		if (add_v2(out, mount, err) < 0)
			goto fail;
		return 0;
	}
	if (scan_v1(out, err) == 0)
		return 0;
fail:
	cg_layout_clear(out);
	return -1;
}

void cg_layout_clear(struct cg_layout *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->h[i].mount);
	free(l->h);
	free(l->root);
	*l = (struct cg_layout){0};
}
