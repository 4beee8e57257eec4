/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Making the container's directory in a cgroup v1 hierarchy. */
#include "cgroup/internal.h"
#include "util/cleanup.h"

#include <string.h>

static bool blank(const char *s)
{
	return s[strspn(s, " \n")] == '\0';
}

/* A new cpuset cgroup has no cpus and no mems, and takes no task until it
 * has some (`write cgroup.procs: No space left on device`): give it its
 * parent's, as runc and crun do.  Every directory on the way gets the same
 * treatment, top down, also one somebody else made and left empty (runc's
 * cpusetEnsureParent): a child can have no cpu its parent lacks. */
static int cpuset_init(const char *dir, void *data, struct hrun_error *err)
{
	const struct cgroup *cg = data;
	static const char *const files[] = {"cpuset.cpus", "cpuset.mems"};
	_cleanup_free_ char *parent = strdup(dir);

	if (!parent)
		return hrun_error_set(err, ENOMEM, "create cgroup `%s`", dir);
	*strrchr(parent, '/') = '\0';
	for (size_t i = 0; i < 2; i++) {
		_cleanup_free_ char *mine = cg_read(dir, files[i], err);
		_cleanup_free_ char *value = NULL;

		if (mine && !blank(mine))
			continue;
		value = cg_read(parent, files[i], err);
		if (!value && cg->layout.fake)
			continue;
		if (!value || cg_write(dir, files[i], value, cg->layout.fake, err) < 0)
			return -1;
	}
	return 0;
}

int cg_v1_setup(struct cgroup *cg, size_t i, char **made, struct hrun_error *err)
{
	const struct cg_hier *h = &cg->layout.h[i];
	bool cpuset = h->ctrls & CG_BIT(CG_CPUSET);

	return cg_mkdirs(h->mount, cg->place.path, made, cpuset ? cpuset_init : NULL, cg, err);
}
