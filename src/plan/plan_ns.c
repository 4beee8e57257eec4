/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.namespaces, the id maps, hostname and domainname. */
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include "oci/spec.h"
#include "plan/plan_internal.h"
#include "util/error.h"

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* Indexed by enum oci_ns_type (the names: oci_ns_type_name()). */
static const int ns_flags[OCI_NS_COUNT] = {
	[OCI_NS_PID] = CLONE_NEWPID,	   [OCI_NS_NETWORK] = CLONE_NEWNET,
	[OCI_NS_MOUNT] = CLONE_NEWNS,	   [OCI_NS_IPC] = CLONE_NEWIPC,
	[OCI_NS_UTS] = CLONE_NEWUTS,	   [OCI_NS_USER] = CLONE_NEWUSER,
	[OCI_NS_CGROUP] = CLONE_NEWCGROUP, [OCI_NS_TIME] = CLONE_NEWTIME,
};

/* Printing order: the order of `runc spec`, then the rest. */
const struct plan_ns_name plan_ns_names[] = {
	{CLONE_NEWPID, "pid"},	 {CLONE_NEWNET, "network"}, {CLONE_NEWIPC, "ipc"},
	{CLONE_NEWUTS, "uts"},	 {CLONE_NEWNS, "mount"},    {CLONE_NEWCGROUP, "cgroup"},
	{CLONE_NEWUSER, "user"}, {CLONE_NEWTIME, "time"},
};
const size_t plan_n_ns_names = sizeof plan_ns_names / sizeof plan_ns_names[0];

const char *plan_ns_name(int flag)
{
	for (size_t i = 0; i < plan_n_ns_names; i++)
		if (plan_ns_names[i].flag == flag)
			return plan_ns_names[i].name;
	return "?";
}

bool plan_has_ns(const struct plan *plan, int flag)
{
	if ((plan->clone_flags | plan->unshare_flags) & flag)
		return true;
	for (size_t i = 0; i < plan->n_joins; i++)
		if (plan->joins[i].nstype == flag)
			return true;
	return false;
}

static int add_join(struct plan *plan, int flag, const char *path, struct hrun_error *err)
{
	struct plan_ns_join *j = &plan->joins[plan->n_joins];

	j->path = plan_strdup(path, err);
	if (!j->path)
		return -1;
	j->nstype = flag;
	plan->n_joins++;
	return 0;
}

/* Namespaces to create go to clone_flags; namespaces to join go to joins,
 * the user namespace first (it decides what the others may do). */
static int build_namespaces(struct plan *plan, const struct oci_linux *lx, int *seen,
			    struct hrun_error *err)
{
	plan->joins = plan_alloc(lx->n_namespaces, sizeof *plan->joins, err);
	if (!plan->joins)
		return -1;
	for (size_t i = 0; i < lx->n_namespaces; i++) {
		const struct oci_namespace *ns = &lx->namespaces[i];

		if ((unsigned)ns->type >= OCI_NS_COUNT)
			return hrun_error_set(err, 0, "linux.namespaces[%zu].type: unknown", i);
		int flag = ns_flags[ns->type];
		if (*seen & flag)
			return hrun_error_set(err, 0,
					      "linux.namespaces[%zu]: duplicate %s namespace", i,
					      oci_ns_type_name(ns->type));
		*seen |= flag;
		if (!ns->path)
			plan->clone_flags |= flag;
		else if (flag == CLONE_NEWUSER && add_join(plan, flag, ns->path, err) < 0)
			return -1;
	}
	for (size_t i = 0; i < lx->n_namespaces; i++) {
		const struct oci_namespace *ns = &lx->namespaces[i];

		if (ns->path && ns->type != OCI_NS_USER &&
		    add_join(plan, ns_flags[ns->type], ns->path, err) < 0)
			return -1;
	}
	return 0;
}

int plan_copy_map(struct plan_id_map **out, size_t *n_out, const struct oci_id_mapping *in,
		  size_t n, struct hrun_error *err)
{
	*out = plan_alloc(n, sizeof **out, err);
	if (!*out)
		return -1;
	for (size_t i = 0; i < n; i++)
		(*out)[i] = (struct plan_id_map){in[i].container_id, in[i].host_id, in[i].size};
	*n_out = n;
	return 0;
}

static int build_maps(struct plan *plan, const struct oci_linux *lx, int seen,
		      struct hrun_error *err)
{
	bool has_maps = lx->n_uid_mappings || lx->n_gid_mappings;

	if ((plan->clone_flags & CLONE_NEWUSER) && (!lx->n_uid_mappings || !lx->n_gid_mappings))
		return hrun_error_set(err, 0, "linux.%s: a new user namespace needs mappings",
				      lx->n_uid_mappings ? "gidMappings" : "uidMappings");
	if (has_maps && !(seen & CLONE_NEWUSER))
		return hrun_error_set(err, 0, "linux.%s: requires a user namespace",
				      lx->n_uid_mappings ? "uidMappings" : "gidMappings");
	if (plan_copy_map(&plan->uid_map, &plan->n_uid_map, lx->uid_mappings, lx->n_uid_mappings, err) <
	    0)
		return -1;
	return plan_copy_map(&plan->gid_map, &plan->n_gid_map, lx->gid_mappings, lx->n_gid_mappings,
			err);
}

const char *plan_join_path(const struct plan *plan, int nstype)
{
	for (size_t i = 0; i < plan->n_joins; i++)
		if (plan->joins[i].nstype == nstype)
			return plan->joins[i].path;
	return NULL;
}

/* hostname and domainname change the uts namespace: only the container's
 * own, new or joined by path (the runtime refuses a path that turns out
 * to be its own namespace). */
static int build_names(struct plan *plan, const struct oci_spec *spec, struct hrun_error *err)
{
	bool new_uts = (plan->clone_flags & CLONE_NEWUTS) ||
		       plan_join_path(plan, CLONE_NEWUTS);

	if (spec->hostname && spec->hostname[0]) {
		if (!new_uts)
			return hrun_error_set(err, 0, "hostname: requires a new uts namespace");
		if (!(plan->hostname = plan_strdup(spec->hostname, err)))
			return -1;
	}
	if (spec->domainname && spec->domainname[0]) {
		if (!new_uts)
			return hrun_error_set(err, 0, "domainname: requires a new uts namespace");
		if (!(plan->domainname = plan_strdup(spec->domainname, err)))
			return -1;
	}
	return 0;
}

/* Without a mount namespace the init still builds the root in one of its
 * own (it pivots and mounts), then carries the finished tree into the
 * host's.  Joining the host's mount namespace takes CAP_SYS_ADMIN there,
 * which a user namespace of the container's does not give; and the
 * propagation of a tree no other namespace sees is moot. */
static int plan_host_mount_ns(struct plan *plan, const struct oci_linux *lx, int seen,
			      struct hrun_error *err)
{
	if (seen & CLONE_NEWUSER)
		return hrun_error_set(err, 0,
				      "linux.namespaces: a user namespace needs a mount namespace");
	if (lx->rootfs_propagation)
		return hrun_error_set(err, 0,
				      "linux.rootfsPropagation: needs a mount namespace");
	plan->host_mount_ns = true;
	plan->clone_flags |= CLONE_NEWNS;
	return 0;
}

int plan_new_namespaces(const struct plan *plan)
{
	int flags = plan->clone_flags | plan->unshare_flags;

	return plan->host_mount_ns ? flags & ~CLONE_NEWNS : flags;
}

int plan_build_namespaces(struct plan *plan, const struct oci_spec *spec, struct hrun_error *err)
{
	static const struct oci_linux none;
	const struct oci_linux *lx = spec->linux_ ? spec->linux_ : &none;
	int seen = 0;

	if (build_namespaces(plan, lx, &seen, err) < 0)
		return -1;
	if (!(seen & CLONE_NEWNS) && plan_host_mount_ns(plan, lx, seen, err) < 0)
		return -1;
	plan->loopback = plan->clone_flags & CLONE_NEWNET;
	/* A time namespace made by clone would take the init in at once, and
	 * its offsets can only be written before anything is in it. */
	plan->unshare_flags = plan->clone_flags & CLONE_NEWTIME;
	plan->clone_flags &= ~CLONE_NEWTIME;
	if (build_maps(plan, lx, seen, err) < 0)
		return -1;
	return build_names(plan, spec, err);
}
