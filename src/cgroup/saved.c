/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A container's cgroup as one line of its state, and back, so that later
 * verbs (kill, pause, update, delete) find it again:
 *   manager=cgroupfs;root=/sys/fs/cgroup;path=/libpod_parent/libpod-<id>
 * plus slice= and unit= under systemd.  Values escape '%', ';' and control
 * characters as %XX.  The per-hierarchy directories are found again from
 * the root's layout: they are its mounts plus the path. */
#include "cgroup/internal.h"
#include "util/cleanup.h"

#include <ctype.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/vfs.h>

char *cg_escape(const char *s)
{
	char *out = malloc(3 * strlen(s) + 1), *p = out;

	for (; out && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '%' || c == ';' || c < 0x20 || c == 0x7f)
			p += sprintf(p, "%%%02X", c);
		else
			*p++ = (char)c;
	}
	if (out)
		*p = '\0';
	return out;
}

char *cg_unescape(const char *s, size_t len)
{
	char *out = malloc(len + 1), *p = out;

	for (size_t i = 0; out && i < len; i++) {
		if (s[i] == '%' && i + 2 < len && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = {s[i + 1], s[i + 2], '\0'};
			*p++ = (char)strtoul(hex, NULL, 16);
			i += 2;
		} else {
			*p++ = s[i];
		}
	}
	if (out)
		*p = '\0';
	return out;
}

char *cgroup_save(const struct cgroup *cg)
{
	const char *keys[] = {"root", "path", "slice", "unit"};
	const char *values[] = {cg->layout.root, cg->place.path, cg->place.slice, cg->place.unit};
	char *out;

	if (asprintf(&out, "manager=%s", cg_manager_names[cg->manager]) < 0)
		return NULL;
	for (size_t i = 0; i < 4; i++) {
		_cleanup_free_ char *v = values[i] ? cg_escape(values[i]) : NULL;
		char *longer;
		if (!values[i])
			continue;
		if (!v || asprintf(&longer, "%s;%s=%s", out, keys[i], v) < 0) {
			free(out);
			return NULL;
		}
		free(out);
		out = longer;
	}
	return out;
}

static char **field(struct cgroup *cg, char **root, char **manager, const char *key, size_t len)
{
	static const char *const keys[] = {"root", "path", "slice", "unit", "manager"};
	char **slots[] = {root, &cg->place.path, &cg->place.slice, &cg->place.unit, manager};

	for (size_t i = 0; i < 5; i++)
		if (strlen(keys[i]) == len && strncmp(key, keys[i], len) == 0)
			return *slots[i] ? NULL : slots[i];
	return NULL;
}

static int parse(struct cgroup *cg, const char *saved, char **root, char **manager,
		 struct hrun_error *err)
{
	for (const char *s = saved; *s;) {
		size_t len = strcspn(s, ";"), klen = strcspn(s, "=");
		char **slot = klen < len ? field(cg, root, manager, s, klen) : NULL;
		if (!slot)
			return hrun_error_set(err, 0, "saved cgroup `%s`: cannot read `%.*s`",
					      saved, (int)len, s);
		if (!(*slot = cg_unescape(s + klen + 1, len - klen - 1)))
			return hrun_error_set(err, ENOMEM, "saved cgroup");
		s += len + (s[len] == ';');
	}
	return 0;
}

/* The saved path must still be one cgroup_create() could have made. */
static int check_path(const struct cgroup *cg, const char *saved, struct hrun_error *err)
{
	struct cgroup_request req = {.manager = CGROUP_MANAGER_CGROUPFS,
				     .cgroups_path = cg->place.path};
	struct cg_place p;
	int same;

	if (!cg->place.path || cg->place.path[0] != '/' || cg_place_resolve(&req, &p, err) < 0)
		return hrun_error_set(err, 0, "saved cgroup `%s`: bad path", saved);
	same = strcmp(p.path, cg->place.path) == 0;
	cg_place_clear(&p);
	return same ? 0 : hrun_error_set(err, 0, "saved cgroup `%s`: bad path", saved);
}

static int load_into(struct cgroup *cg, const char *saved, struct hrun_error *err)
{
	_cleanup_free_ char *root = NULL, *manager = NULL;
	const char *v2;

	if (parse(cg, saved, &root, &manager, err) < 0)
		return -1;
	if (!manager || cgroup_manager_parse(manager, &cg->manager, err) < 0)
		return hrun_error_set(err, 0, "saved cgroup `%s`: no manager", saved);
	if (cg->manager == CGROUP_MANAGER_DISABLED)
		return 0;
	if (check_path(cg, saved, err) < 0 || cg_layout_detect(root, &cg->layout, err) < 0 ||
	    cg_dirs_init(cg, err) < 0)
		return -1;
	/* gone already (a delete that was interrupted): nothing to hold */
	if ((v2 = cg_v2_dir(cg)))
		cg->v2_fd = open(v2, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return 0;
}

struct cgroup *cgroup_load(const char *saved, struct hrun_error *err)
{
	struct cgroup *cg = calloc(1, sizeof *cg);

	if (!cg) {
		hrun_error_set(err, ENOMEM, "saved cgroup");
		return NULL;
	}
	cg->v2_fd = -1;
	if (load_into(cg, saved, err) < 0) {
		cgroup_free(cg);
		return NULL;
	}
	return cg;
}

/* The freezer of the usual layouts, found without a scan of the root: a
 * cgroup2 root, or a tmpfs root with a v1 hierarchy mounted at
 * <root>/freezer (holding the freezer, by its name, as the scan reads
 * names).  -1 when the layout is another (a stand-in tree, freezer
 * mounted beside other controllers, none): the full load then decides. */
static int frozen_at(const char *root, const char *path, bool *frozen, struct hrun_error *err)
{
	_cleanup_free_ char *hier = NULL, *dir = NULL;
	_cleanup_close_ int fd = -1;
	struct statfs fs;

	if (statfs(root, &fs) < 0)
		return -1;
	if (fs.f_type == CGROUP2_SUPER_MAGIC)
		return asprintf(&dir, "%s%s", root, path) < 0 ? -1 : cg_frozen_v2(dir, frozen, err);
	if (fs.f_type != TMPFS_MAGIC || asprintf(&hier, "%s/freezer", root) < 0)
		return -1;
	fd = open(hier, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstatfs(fd, &fs) < 0 || fs.f_type != CGROUP_SUPER_MAGIC)
		return -1;
	return asprintf(&dir, "%s%s", hier, path) < 0 ? -1 : cg_frozen_v1(dir, frozen, err);
}

int cgroup_saved_frozen(const char *saved, bool *frozen, struct hrun_error *err)
{
	struct cgroup tmp = {.v2_fd = -1};
	_cleanup_free_ char *root = NULL, *manager = NULL;
	struct cgroup *cg;
	int r = -1;

	*frozen = false;
	if (parse(&tmp, saved, &root, &manager, err) == 0 && manager &&
	    strcmp(manager, cg_manager_names[CGROUP_MANAGER_CGROUPFS]) == 0 && root &&
	    check_path(&tmp, saved, err) == 0)
		r = frozen_at(root, tmp.place.path, frozen, err);
	cg_place_clear(&tmp.place);
	if (r == 0)
		return 0;
	hrun_error_clear(err);
	if (!(cg = cgroup_load(saved, err)))
		return -1;
	r = cgroup_is_frozen(cg, frozen, err);
	cgroup_free(cg);
	return r;
}
