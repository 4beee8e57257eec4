/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The container's cgroup seen from the runtime: made by create from the
 * config and --cgroup-manager, saved in the state file (hrunCgroup),
 * found again by the later verbs.  The cgroup library (src/cgroup/) does
 * the work; this is where the runtime decides when. */
#ifndef HRUN_RUNTIME_CGROUPS_H
#define HRUN_RUNTIME_CGROUPS_H

#include <stdbool.h>

#include "cgroup/cgroup.h"
#include "util/error.h"

struct container;
struct oci_state;

/* The cgroup of a container about to be cloned: `manager` is the CLI's
 * --cgroup-manager (NULL: cgroupfs); linux.cgroupsPath, the id and
 * linux.resources come from the container's config. */
struct cgroup *container_cgroup_create(struct container *c, const char *manager,
				       struct hrun_error *err);

/* What create saves in the state file: NULL (and no error) when the
 * manager is disabled, so that a state's `cgroup` says whether it has one. */
/* What the cgroup (or its absence) means for the init, into c->plan:
 * the rootfs nodev without a device policy; with no cgroup at all, empty
 * cgroup mounts and a cgroup namespace of the init's own. */
void container_cgroup_plan(struct container *c);
int container_cgroup_save(const struct cgroup *cg, char **saved, struct hrun_error *err);

/* pids.limit as hrun writes it (create, update): the config's, the
 * maximum of tasks in the cgroup as the runtime-spec has it, hrun's init
 * among them; beside an init (not org.hrun.init none) never below 2.
 * Returns res, or *copy holding the raised limit. */
const struct oci_resources *resources_beside_init(const struct oci_resources *res, bool init,
						  struct oci_resources *copy);

/* The cgroup a state file names (st->cgroup must be set). */
struct cgroup *state_cgroup(const struct oci_state *st, struct hrun_error *err);

/* Whether the container's cgroup is frozen (paused); false without one. */
bool state_cgroup_frozen(const struct oci_state *st);

/* Leave nothing: SIGKILL whatever is still in the cgroup (a stopped
 * container that shared our pid namespace can leave processes behind),
 * then remove it. */
int cgroup_remove(struct cgroup *cg, struct hrun_error *err);

/* The same on the cgroup a state file names (st->cgroup must be set):
 * signal every process in it (kill --all, delete --force), remove it. */
int state_cgroup_kill(const struct oci_state *st, int sig, struct hrun_error *err);
int state_cgroup_remove(const struct oci_state *st, struct hrun_error *err);

/* What a verb on the cgroup works on: the container's directory, locked,
 * its state, and its cgroup (an error when it has none). */
struct cgroup_target {
	int dirfd;
	struct oci_state *st;
	struct cgroup *cg;
};
int cgroup_target_open(const char *root, const char *id, struct cgroup_target *t,
		       struct hrun_error *err);
void cgroup_target_close(struct cgroup_target *t);
#define _cleanup_cgroup_target_ __attribute__((cleanup(cgroup_target_close)))

#endif
