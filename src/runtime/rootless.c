/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See rootless.h.  The kernel checks these against the host's user
 * namespace, where root of a user namespace has no privilege: raising a
 * hard rlimit, lowering oom_score_adj below what a privileged writer last
 * set, mknod, mounting sysfs for a network namespace not its own. */
#include "runtime/rootless.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "container/op.h"
#include "plan/plan.h"
#include "plan/rlimits.h"
#include "util/cleanup.h"
#include "util/error.h"
#include "util/warn.h"

/* A hard limit above ours needs CAP_SYS_RESOURCE over the host.  Refused,
 * not clamped (as runc and crun fail): a workload given less than its
 * config says would learn it only when it hits the limit. */
static int check_rlimits(const struct plan_process *p, struct hrun_error *err)
{
	for (size_t i = 0; i < p->n_rlimits; i++) {
		struct rlimit cur;

		if (getrlimit(p->rlimits[i].resource, &cur) < 0)
			return hrun_error_errno(err, "getrlimit %s",
						rlimit_name(p->rlimits[i].resource));
		if (p->rlimits[i].limit.rlim_max > cur.rlim_max)
			return hrun_error_set(
				err, 0,
				"process.rlimits %s: hard limit %llu is above the current %llu, "
				"which only root on the host may raise (rootless)",
				rlimit_name(p->rlimits[i].resource),
				(unsigned long long)p->rlimits[i].limit.rlim_max,
				(unsigned long long)cur.rlim_max);
	}
	return 0;
}

/* The floor is the value a privileged writer last set, which /proc does
 * not show: try the value on ourselves, then put ours back (raising is
 * always allowed).  The init inherits ours meanwhile, so this is the
 * answer its own write will get. */
static int check_oom_score_adj(const struct plan_process *p, struct hrun_error *err)
{
	_cleanup_close_ int fd = -1;
	char cur[16] = "", want[16];
	ssize_t n;
	int len, r = 0;

	if (!p->has_oom_score_adj)
		return 0;
	fd = open("/proc/self/oom_score_adj", O_RDWR | O_CLOEXEC);
	if (fd < 0 || (n = pread(fd, cur, sizeof cur - 1, 0)) <= 0)
		return hrun_error_errno(err, "read `/proc/self/oom_score_adj`");
	cur[strcspn(cur, "\n")] = '\0';
	len = snprintf(want, sizeof want, "%d", p->oom_score_adj);
	if (pwrite(fd, want, (size_t)len, 0) != len)
		r = hrun_error_set(err, 0,
				   "process.oomScoreAdj %d is below the current %s, which only "
				   "root on the host may lower (rootless)",
				   p->oom_score_adj, cur);
	if (pwrite(fd, cur, strlen(cur), 0) < 0 && r == 0)
		r = hrun_error_errno(err, "restore `/proc/self/oom_score_adj`");
	return r;
}

static int check_maps(const struct plan *plan, struct hrun_error *err)
{
	/* namespaces, mounts and the rest need CAP_SYS_ADMIN in a user
	 * namespace of ours: the config's, or the one we run in */
	if (!(plan->clone_flags & CLONE_NEWUSER) && !plan_join_path(plan, CLONE_NEWUSER) &&
	    !rootless_capable(CAP_SYS_ADMIN))
		return hrun_error_set(
			err, 0,
			"rootless, the config needs a user namespace (linux.namespaces "
			"`user` with uidMappings and gidMappings, as `hrun spec "
			"--rootless` writes)");
	if (!(plan->clone_flags & CLONE_NEWUSER))
		return 0;
	if (idmap_needs_helper(plan->uid_map, plan->n_uid_map, false) &&
	    idmap_check_helper(plan->uid_map, plan->n_uid_map, false, err) < 0)
		return -1;
	if (idmap_needs_helper(plan->gid_map, plan->n_gid_map, true) &&
	    idmap_check_helper(plan->gid_map, plan->n_gid_map, true, err) < 0)
		return -1;
	return 0;
}

/* The init writes the offsets to its own /proc/self/timens_offsets,
 * which its owner alone may open: the init itself while dumpable, else
 * the root of its mm's user namespace, ours.  A new user namespace's init
 * is dumpable while the maps are written (init_enter_userns), and writes
 * them then; one joining a user namespace by path never is (a process of
 * that namespace could look into it), and without our uid 0 it is not the
 * owner. */
static int check_time_offsets(const struct plan *plan, struct hrun_error *err)
{
	if (plan->n_time_offsets && !(plan->clone_flags & CLONE_NEWUSER) && geteuid() != 0)
		return hrun_error_set(err, 0,
				      "linux.timeOffsets: without root, the offsets need a new "
				      "user namespace (not one joined by path)");
	return 0;
}

/* The kernel id-maps a mount only for CAP_SYS_ADMIN in its filesystem's
 * user namespace, the host's for whatever a user can bind: without any
 * privilege (not even root of a user namespace of ours, whose own tmpfs
 * could be id-mapped), refused before anything is made. */
static int check_idmapped_binds(const struct plan *plan, struct hrun_error *err)
{
	if (geteuid() == 0 || rootless_capable(CAP_SYS_ADMIN))
		return 0;
	for (size_t i = 0; i < plan->n_ops; i++)
		if (plan->ops[i].type == &op_bind_type && plan->ops[i].idmap)
			return hrun_error_set(err, 0,
					      "id-mapped bind on `%s`: without root, the kernel "
					      "id-maps no mount of the host's filesystems",
					      plan->ops[i].target);
	return 0;
}

/* Whether gid is an id of the container's: in its map, or without a user
 * namespace of its own, in ours. */
static bool gid_mapped(const struct plan *plan, unsigned long gid)
{
	_cleanup_fclose_ FILE *f = NULL;
	unsigned long inside, outside, size;

	if (plan->clone_flags & CLONE_NEWUSER) {
		for (size_t i = 0; i < plan->n_gid_map; i++)
			if (gid >= plan->gid_map[i].container_id &&
			    gid - plan->gid_map[i].container_id < plan->gid_map[i].size)
				return true;
		return false;
	}
	f = fopen("/proc/self/gid_map", "re");
	while (f && fscanf(f, "%lu %lu %lu", &inside, &outside, &size) == 3)
		if (gid >= inside && gid - inside < size)
			return true;
	return false;
}

/* devpts refuses a gid= the namespace does not map (the tty group 5 of
 * most configs, rootless with one id): the option goes, as runc's spec
 * --rootless leaves it out and crun drops it. */
static void drop_unmapped_devpts_gid(struct plan *plan)
{
	for (size_t i = 0; i < plan->n_ops; i++) {
		struct op *op = &plan->ops[i];
		char *gid = op->data ? strstr(op->data, "gid=") : NULL;
		size_t len;

		while (gid && gid != op->data && gid[-1] != ',')
			gid = strstr(gid + 1, "gid=");
		if (op->type != &op_mount_type || !op->fstype || strcmp(op->fstype, "devpts") ||
		    !gid || gid_mapped(plan, strtoul(gid + 4, NULL, 10)))
			continue;
		len = strcspn(gid, ",");
		hrun_debugf("rootless: devpts on `%s` without `%.*s`: not mapped", op->target,
			    (int)len, gid);
		memmove(gid, gid + len + (gid[len] == ','),
			strlen(gid + len + (gid[len] == ',')) + 1);
		len = strlen(op->data);
		if (len && op->data[len - 1] == ',')
			op->data[len - 1] = '\0';
	}
}

int rootless_prepare(struct plan *plan, struct hrun_error *err)
{
	if (!rootless())
		return 0;
	if (check_rlimits(&plan->process, err) < 0 ||
	    check_oom_score_adj(&plan->process, err) < 0 || check_maps(plan, err) < 0 ||
	    check_time_offsets(plan, err) < 0 || check_idmapped_binds(plan, err) < 0)
		return -1;
	drop_unmapped_devpts_gid(plan);
	/* mknod is refused in any user namespace, ours included */
	if (rootless_in_userns())
		plan_bind_host_devices(plan);
	return 0;
}
