/* SPDX-License-Identifier: GPL-2.0-or-later */
/* update, pause, resume: verbs on the container's cgroup (and update's
 * resctrl lines). */
#include "runtime/runtime.h"

#include <stdbool.h>
#include <string.h>

#include "oci/state.h"
#include "runtime/cgroups.h"
#include "runtime/resctrl.h"
#include "runtime/state.h"
#include "util/cleanup.h"

static int check_updatable(const struct oci_state *st, size_t n_rdt, struct hrun_error *err)
{
	if (strcmp(st->status, "stopped") == 0)
		return hrun_error_set(err, 0, "cannot update container `%s`: it is stopped", st->id);
	if (n_rdt && !st->intel_rdt)
		return hrun_error_set(err, 0,
				      "update container `%s`: --l3-cache-schema and --mem-bw-schema"
				      " need linux.intelRdt",
				      st->id);
	return 0;
}

/* Schemata lines alone: resctrl needs no cgroup. */
static int update_rdt(const char *root, const char *id, char *const *lines, size_t n,
		      struct hrun_error *err)
{
	_cleanup_close_ int dirfd = state_dir_open(root, id, err);
	_cleanup_state_ struct oci_state *st = NULL;

	if (dirfd < 0 || !(st = state_read(dirfd, id, err)) || check_updatable(st, n, err) < 0)
		return -1;
	if (resctrl_write_lines(st->intel_rdt, lines, n, err) < 0)
		return hrun_error_prefix(err, "update container `%s`", id);
	return 0;
}

int runtime_update(const char *root, const char *id, const struct oci_resources *res,
		   char *const *rdt_lines, size_t n_rdt, struct hrun_error *err)
{
	_cleanup_cgroup_target_ struct cgroup_target t = {.dirfd = -1};
	struct oci_resources raised;

	if (!res)
		return update_rdt(root, id, rdt_lines, n_rdt, err);
	if (cgroup_target_open(root, id, &t, err) < 0 || check_updatable(t.st, n_rdt, err) < 0)
		return -1;
	res = resources_beside_init(res, !t.st->init_is_workload, &raised);
	if (cgroup_update(t.cg, res, err) < 0 ||
	    (n_rdt && resctrl_write_lines(t.st->intel_rdt, rdt_lines, n_rdt, err) < 0))
		return hrun_error_prefix(err, "update container `%s`", id);
	return 0;
}

/* Freeze or thaw a container that is `from` (or, when given, `or_from`). */
static int set_frozen(const char *root, const char *id, bool frozen, const char *from,
		      const char *or_from, struct hrun_error *err)
{
	_cleanup_cgroup_target_ struct cgroup_target t = {.dirfd = -1};
	const char *verb = frozen ? "pause" : "resume";

	if (cgroup_target_open(root, id, &t, err) < 0)
		return -1;
	if (strcmp(t.st->status, from) != 0 && (!or_from || strcmp(t.st->status, or_from) != 0))
		return hrun_error_set(err, 0, "cannot %s container `%s`: it is %s, not %s", verb,
				      id, t.st->status, from);
	if (cgroup_freeze(t.cg, frozen, err) < 0)
		return hrun_error_prefix(err, "%s container `%s`", verb, id);
	return 0;
}

int runtime_pause(const char *root, const char *id, struct hrun_error *err)
{
	/* a created container too, as runc: resume gives it back created */
	return set_frozen(root, id, true, "running", "created", err);
}

int runtime_resume(const char *root, const char *id, struct hrun_error *err)
{
	return set_frozen(root, id, false, "paused", NULL, err);
}
