/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `exec --cgroup`: the sub-cgroup of the container's that an exec'd
 * process joins, hierarchy by hierarchy, as runc reads the option:
 *   PATH                  in every hierarchy;
 *   CTRL[,CTRL...]:PATH   in the v1 hierarchies holding one of them (wins
 *                         over a plain PATH; refused on a pure v2 host).
 * PATH is below the container's cgroup (a leading '/' means the same, and
 * `/` alone the container's cgroup itself, as runc joins them), may not
 * climb out of it with "..", and must exist: an exec makes no cgroup. */
#include "cgroup/internal.h"

#include <string.h>

static int check_path(const char *path, const char *arg, struct hrun_error *err)
{
	while (*path == '/')
		path++;
	for (const char *p = path; *p; p += strcspn(p, "/"), p += *p == '/') {
		if (strcspn(p, "/") == 2 && p[0] == '.' && p[1] == '.')
			return hrun_error_set(err, 0,
					      "--cgroup `%s`: must stay below the container's cgroup",
					      arg);
	}
	return 0;
}

static int parse_ctrls(const char *arg, size_t len, unsigned *out, struct hrun_error *err)
{
	*out = 0;
	for (size_t i = 0; i < len;) {
		size_t n = strcspn(arg + i, ",:");
		int c = cg_ctrl_parse(arg + i, n);

		if (c < 0)
			return hrun_error_set(err, 0, "--cgroup `%s`: unknown controller `%.*s`", arg,
					      (int)n, arg + i);
		*out |= CG_BIT(c);
		i += n + 1;
	}
	return 0;
}

/* A CTRL:PATH entry into the v1 hierarchies holding one of the controllers. */
static int place_by_controller(const struct cgroup *cg, const char *arg, const char **paths,
			       struct hrun_error *err)
{
	const char *colon = strchr(arg, ':');
	bool matched = false;
	unsigned ctrls;

	if (cg->layout.mode == CGROUP_MODE_V2)
		return hrun_error_set(err, 0,
				      "--cgroup `%s`: controllers name cgroup v1 hierarchies,"
				      " and this host has cgroup v2 alone",
				      arg);
	if (parse_ctrls(arg, (size_t)(colon - arg), &ctrls, err) < 0 ||
	    check_path(colon + 1, arg, err) < 0)
		return -1;
	for (size_t i = 0; i < cg->layout.n; i++) {
		if (cg->layout.h[i].v2 || !(cg->layout.h[i].ctrls & ctrls))
			continue;
		paths[i] = colon + 1;
		matched = true;
	}
	if (!matched)
		return hrun_error_set(err, 0, "--cgroup `%s`: no hierarchy holds %.*s", arg,
				      (int)(colon - arg), arg);
	return 0;
}

int cg_sub_paths(const struct cgroup *cg, char *const *subs, size_t n, const char **paths,
		 struct hrun_error *err)
{
	for (size_t i = 0; i < cg->layout.n; i++)
		paths[i] = "";
	for (size_t s = 0; s < n; s++) {
		if (strchr(subs[s], ':'))
			continue;
		if (check_path(subs[s], subs[s], err) < 0)
			return -1;
		for (size_t i = 0; i < cg->layout.n; i++)
			paths[i] = subs[s];
	}
	for (size_t s = 0; s < n; s++)
		if (strchr(subs[s], ':') && place_by_controller(cg, subs[s], paths, err) < 0)
			return -1;
	return 0;
}
