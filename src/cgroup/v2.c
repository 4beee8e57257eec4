/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Making the container's directory in the cgroup v2 hierarchy, and the
 * controllers its ancestors must hand down (cgroup.subtree_control). */
#include "cgroup/internal.h"
#include "util/cleanup.h"

#include <stdlib.h>
#include <string.h>

/* What a directory may enable, and has enabled, for its children. */
static void dir_ctrls(const struct cgroup *cg, const char *dir, unsigned *avail, unsigned *enabled)
{
	struct hrun_error ignored;
	_cleanup_free_ char *a = cg_read(dir, "cgroup.controllers", &ignored);
	_cleanup_free_ char *e = cg_read(dir, "cgroup.subtree_control", &ignored);

	/* a stand-in directory has only what we wrote: the root's list holds */
	*avail = a ? cg_ctrl_list(a) : cg->layout.fake ? cg->layout.v2_ctrls : 0;
	*enabled = e ? cg_ctrl_list(e) : 0;
}

static int enable_in(const struct cgroup *cg, const char *dir, unsigned ctrls,
		     struct hrun_error *err)
{
	unsigned avail, enabled;
	char all[256] = "";

	dir_ctrls(cg, dir, &avail, &enabled);
	ctrls &= avail & ~enabled;
	if (!ctrls)
		return 0;
	for (int c = 0; c < CG_CORE; c++)
		if (ctrls & CG_BIT(c))
			snprintf(all + strlen(all), sizeof all - strlen(all), "%s+%s",
				 *all ? " " : "", cg_ctrl_name(c, true));
	if (cg_write(dir, "cgroup.subtree_control", all, cg->layout.fake, err) == 0)
		return 0;
	/* one at a time: one the kernel refuses (a threaded subtree, a
	 * controller busy with rt tasks) must not keep the others out; a limit
	 * that needs it fails later, naming its file */
	for (int c = 0; c < CG_CORE; c++) {
		char one[32];
		if (!(ctrls & CG_BIT(c)))
			continue;
		snprintf(one, sizeof one, "+%s", cg_ctrl_name(c, true));
		cg_write(dir, "cgroup.subtree_control", one, cg->layout.fake, err);
	}
	hrun_error_clear(err);
	return 0;
}

int cg_v2_enable(const struct cgroup *cg, unsigned ctrls, struct hrun_error *err)
{
	const char *leaf = cg_v2_dir(cg);
	const char *mount = cg->layout.h[cg->layout.n - 1].mount;
	_cleanup_free_ char *dir = leaf ? strdup(leaf) : NULL;

	ctrls &= ~(CG_BIT(CG_DEVICES) | CG_BIT(CG_FREEZER) | CG_BIT(CG_CORE));
	if (!leaf || !ctrls)
		return 0;
	if (!dir)
		return hrun_error_set(err, ENOMEM, "cgroup controllers");
	/* every ancestor, from the mount down to the leaf's parent */
	for (char *p = dir + strlen(mount);; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		if (*p == '\0')
			return 0;
		*p = '\0';
		int ret = enable_in(cg, *dir ? dir : "/", ctrls, err);
		*p = '/';
		if (ret < 0)
			return -1;
	}
}

unsigned cg_v2_available(const struct cgroup *cg)
{
	const char *dir = cg_v2_dir(cg);
	struct hrun_error ignored;
	_cleanup_free_ char *list = dir ? cg_read(dir, "cgroup.controllers", &ignored) : NULL;

	if (list)
		return cg_ctrl_list(list);
	return cg->layout.fake ? cg->layout.v2_ctrls : 0;
}

int cg_v2_setup(struct cgroup *cg, size_t i, unsigned ctrls, char **made, struct hrun_error *err)
{
	if (cg_mkdirs(cg->layout.h[i].mount, cg->place.path, made, NULL, NULL, err) < 0)
		return -1;
	return cg_v2_enable(cg, ctrls, err);
}
