/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The container's cgroup from the runtime's side: see cgroups.h. */
#include "runtime/cgroups.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>

#include "oci/spec.h"
#include "oci/state.h"
#include "runtime/runtime.h"
#include "util/cleanup.h"

struct cgroup *container_cgroup_create(const struct container *c, const char *manager,
				       struct hrun_error *err)
{
	const struct oci_linux *lx = c->spec->linux_;
	struct cgroup_request req = {
		.id = c->id,
		.cgroups_path = lx ? lx->cgroups_path : NULL,
		.resources = lx ? lx->resources : NULL,
	};
	struct cgroup *cg;

	if (cgroup_manager_parse(manager ? manager : "cgroupfs", &req.manager, err) < 0)
		return NULL;
	cg = cgroup_create(&req, err);
	if (!cg)
		hrun_error_prefix(err, "cgroup of container `%s`", c->id);
	return cg;
}

int container_cgroup_save(const struct cgroup *cg, char **saved, struct hrun_error *err)
{
	*saved = NULL;
	if (cgroup_mode(cg) == CGROUP_MODE_NONE)
		return 0;
	*saved = cgroup_save(cg);
	return *saved ? 0 : hrun_error_set(err, ENOMEM, "save the cgroup");
}

struct cgroup *state_cgroup(const struct oci_state *st, struct hrun_error *err)
{
	struct cgroup *cg = cgroup_load(st->cgroup, err);

	if (!cg)
		hrun_error_prefix(err, "container `%s`", st->id);
	return cg;
}

bool state_cgroup_frozen(const struct oci_state *st)
{
	struct hrun_error ignored = { 0 };
	struct cgroup *cg = st->cgroup ? cgroup_load(st->cgroup, &ignored) : NULL;
	bool frozen = false;

	if (cg && cgroup_is_frozen(cg, &frozen, &ignored) < 0)
		frozen = false;
	cgroup_free(cg);
	return frozen;
}

int cgroup_remove(struct cgroup *cg, struct hrun_error *err)
{
	_cleanup_free_ pid_t *pids = NULL;
	size_t n = 0;

	/* a listing that fails leaves the error to the removal */
	if (cgroup_pids(cg, &pids, &n, err) == 0 && n > 0 && cgroup_kill_all(cg, SIGKILL, err) < 0)
		return -1;
	return cgroup_destroy(cg, err);
}
