/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The container's cgroup from the runtime's side: see cgroups.h. */
#include "runtime/cgroups.h"

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>

#include "oci/spec.h"
#include "oci/state.h"
#include "plan/plan.h"
#include "runtime/runtime.h"
#include "runtime/state.h"
#include "util/cleanup.h"
#include "util/rootless.h"
#include "util/warn.h"

/* Limits a rootless container cannot do without: device rules are not
 * among them (its only nodes are binds of the host's, which the host's
 * permissions guard). */
static bool asks_limits(const struct oci_resources *r)
{
	return r && (r->memory || r->cpu || r->has_pids_limit || r->block_io ||
		     r->n_hugepage_limits || r->network || r->n_rdma || r->n_unified);
}

/* Rootless, cgroupfs makes a cgroup only where one is delegated to us.
 * Refused for want of permission (cgroup v1, or a v2 tree not ours), the
 * container has none, unless its config asks for limits. */
static struct cgroup *rootless_fallback(struct cgroup_request *req, struct hrun_error *err)
{
	if (!rootless() || req->manager != CGROUP_MANAGER_CGROUPFS ||
	    (err->code != EACCES && err->code != EPERM && err->code != EROFS))
		return NULL;
	if (asks_limits(req->resources)) {
		hrun_error_prefix(err, "linux.resources need a cgroup, and none is delegated to "
				       "this user (rootless: cgroup v2 with --systemd-cgroup in a "
				       "systemd user session)");
		return NULL;
	}
	hrun_debugf("rootless: no cgroup (%s)", err->msg);
	hrun_error_clear(err);
	req->manager = CGROUP_MANAGER_DISABLED;
	return cgroup_create(req, err);
}

/* The init and the workload are two tasks before the workload forks: a
 * limit of 0 or 1, which leaves runc's workload (pid 1) running and
 * unable to fork, would keep ours from being spawned at all. */
const struct oci_resources *resources_beside_init(const struct oci_resources *res, bool init,
						  struct oci_resources *copy)
{
	if (!init || !res || !res->has_pids_limit || res->pids_limit < 0 || res->pids_limit >= 2)
		return res;
	*copy = *res;
	copy->pids_limit = 2;
	return copy;
}

struct cgroup *container_cgroup_create(struct container *c, const char *manager,
				       struct hrun_error *err)
{
	const struct oci_linux *lx = c->spec->linux_;
	struct cgroup_request req = {
		.id = c->id,
		.cgroups_path = lx ? lx->cgroups_path : NULL,
		.resources =
			resources_beside_init(lx ? lx->resources : NULL, c->plan->init != PLAN_INIT_NONE,
					      &c->written_resources),
	};
	struct cgroup *cg;

	if (cgroup_manager_parse(manager ? manager : "cgroupfs", &req.manager, err) < 0)
		return NULL;
	cg = cgroup_create(&req, err);
	if (!cg)
		cg = rootless_fallback(&req, err);
	if (!cg)
		hrun_error_prefix(err, "cgroup of container `%s`", c->id);
	return cg;
}

void container_cgroup_plan(struct container *c)
{
	const struct oci_linux *lx = c->spec->linux_;
	struct plan *plan = c->plan;

	plan->rootfs_nodev = !cgroup_devices_enforced(c->cgroup, lx ? lx->resources : NULL);
	plan->no_cgroup = cgroup_mode(c->cgroup) == CGROUP_MODE_NONE;
	/* /proc/<pid>/cgroup shows paths relative to the namespace's root:
	 * the init's cgroup, not the host's layout above it */
	if (plan->no_cgroup && !plan_join_path(plan, CLONE_NEWCGROUP))
		plan->clone_flags |= CLONE_NEWCGROUP;
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
	struct hrun_error ignored = {0};
	bool frozen = false;

	if (st->cgroup && cgroup_saved_frozen(st->cgroup, &frozen, &ignored) < 0)
		frozen = false;
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

int state_cgroup_kill(const struct oci_state *st, int sig, struct hrun_error *err)
{
	struct cgroup *cg = state_cgroup(st, err);
	int r = cg ? cgroup_kill_all(cg, sig, err) : -1;

	cgroup_free(cg);
	return r;
}

int state_cgroup_remove(const struct oci_state *st, struct hrun_error *err)
{
	struct cgroup *cg = state_cgroup(st, err);
	int r = cg ? cgroup_remove(cg, err) : -1;

	cgroup_free(cg);
	return r;
}

int cgroup_target_open(const char *root, const char *id, struct cgroup_target *t,
		       struct hrun_error *err)
{
	*t = (struct cgroup_target){.dirfd = state_dir_open(root, id, err)};
	if (t->dirfd < 0 || !(t->st = state_read(t->dirfd, id, err)))
		return -1;
	if (!t->st->cgroup)
		return hrun_error_set(err, 0,
				      "container `%s` has no cgroup (cgroup manager disabled, or "
				      "rootless with none delegated)",
				      id);
	t->cg = state_cgroup(t->st, err);
	return t->cg ? 0 : -1;
}

void cgroup_target_close(struct cgroup_target *t)
{
	if (t->dirfd >= 0)
		close(t->dirfd);
	t->dirfd = -1;
	oci_state_free(t->st);
	t->st = NULL;
	cgroup_free(t->cg);
	t->cg = NULL;
}
