/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Id-mapped binds: mounts[].options idmap or ridmap, or a mount with
 * uidMappings and gidMappings of its own (which asks for the same, as
 * runc reads it).  The rules, as runc and youki keep them: only a bind
 * may be id-mapped; a mount's maps come in pairs; a mount without maps
 * takes the container's user namespace's, so there must be one. */
#include <sched.h>
#include <stdlib.h>
#include <sys/mount.h>

#include "oci/spec.h"
#include "plan/mount_options.h"
#include "plan/plan_internal.h"
#include "util/error.h"

bool plan_wants_idmap(const struct oci_mount *m, const struct mount_opts *o)
{
	return m->n_uid_mappings || m->n_gid_mappings || (o->hrun & MOUNT_OPT_IDMAP);
}

static int check_maps(const struct plan *plan, const struct oci_mount *m, size_t i,
		      struct hrun_error *err)
{
	if (m->n_uid_mappings && !m->n_gid_mappings)
		return hrun_error_set(err, 0, "mounts[%zu].gidMappings: required with uidMappings",
				      i);
	if (m->n_gid_mappings && !m->n_uid_mappings)
		return hrun_error_set(err, 0, "mounts[%zu].uidMappings: required with gidMappings",
				      i);
	if (!m->n_uid_mappings && !plan->n_uid_map && !plan_join_path(plan, CLONE_NEWUSER))
		return hrun_error_set(err, 0,
				      "mounts[%zu].options: an id-mapped mount needs uidMappings"
				      " and gidMappings, or a user namespace to take them from",
				      i);
	return 0;
}

/* The runtime opens the source in its own mount namespace, before the
 * clone: not the one a joined namespace would resolve it in; and a
 * remount has nothing to attach. */
static int check_use(const struct plan *plan, const struct op *op, size_t i,
		     struct hrun_error *err)
{
	if (plan_join_path(plan, CLONE_NEWNS))
		return hrun_error_set(err, 0,
				      "mounts[%zu].options: an id-mapped mount cannot take its"
				      " source from a mount namespace joined by path",
				      i);
	if (op->flags & MS_REMOUNT)
		return hrun_error_set(err, 0,
				      "mounts[%zu].options: an id-mapped mount is a new bind,"
				      " not a remount",
				      i);
	return 0;
}

int plan_add_idmap(const struct plan *plan, struct op *op, const struct oci_mount *m, size_t i,
		   const struct mount_opts *o, struct hrun_error *err)
{
	struct op_idmap *idmap;

	if (check_maps(plan, m, i, err) < 0 || check_use(plan, op, i, err) < 0)
		return -1;
	idmap = plan_alloc(1, sizeof *idmap, err);
	if (!idmap)
		return -1;
	op->idmap = idmap;
	idmap->recursive = (o->hrun & MOUNT_OPT_RIDMAP) != 0;
	if (!m->n_uid_mappings)
		return 0;
	if (plan_copy_map(&idmap->uid_map, &idmap->n_uid_map, m->uid_mappings, m->n_uid_mappings,
			  err) < 0)
		return -1;
	return plan_copy_map(&idmap->gid_map, &idmap->n_gid_map, m->gid_mappings,
			     m->n_gid_mappings, err);
}
