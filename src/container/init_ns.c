/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The init's first steps: wait until the runtime has put it in its cgroup,
 * become the reaper of everything in the container, join the namespaces
 * the config names by path, and take the id maps the runtime writes for a
 * new user namespace. */
#include "container/init_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <string.h>

#include "container/sys.h"
#include "plan/plan.h"

/* Where the runtime cannot clone the init straight into its cgroup
 * (CLONE_INTO_CGROUP takes one cgroup2 directory), the init enters its v1
 * hierarchies itself (a thread moving itself costs the kernel no grace
 * period, see cgroup/self.c), or the runtime moves it (systemd, a stand-in
 * root) right after the clone: nothing may run before that.  A cgroup
 * namespace is rooted where its creator stands, so it is made only now. */
int init_await_cgroup(struct init_ctx *c, struct hrun_error *err)
{
	const struct init_fds *fds = c->fds;
	const struct sys *k = c->st.k;

	for (size_t i = 0; i < fds->n_cgroup_tasks; i++) {
		if (k->write(fds->cgroup_tasks[i], "0", 1) != 1)
			return hrun_error_errno(err, "cannot enter the container's cgroup");
		k->close(fds->cgroup_tasks[i]);
	}
	if (!fds->await_cgroup && !fds->n_cgroup_tasks)
		return 0;
	if (fds->await_cgroup && init_sync_expect(c, SYNC_CGROUP_DONE, err) < 0)
		return -1;
	if ((c->st.plan->clone_flags & CLONE_NEWCGROUP) && k->unshare(CLONE_NEWCGROUP) < 0)
		return hrun_error_errno(err, "cannot create the cgroup namespace");
	return 0;
}

/* Not pid 1 means the config shares the runtime's pid namespace (or
 * joins one): orphans would go to that namespace's init, so ask for them
 * instead.  And no kernel kills what the workload leaves when the init
 * exits: the reaper does, finding our descendants in a procfs of the
 * init's own (made now, while the host's /proc makes it not too
 * revealing; the container may have none).  Without one (an old kernel,
 * a user namespace that may not mount it) the runtime's delete and kill
 * find what is left in the container's cgroup. */
int init_become_subreaper(struct init_ctx *c, struct hrun_error *err)
{
	const struct sys *k = c->st.k;

	if (k->getpid() == 1)
		return 0;
	if (k->set_child_subreaper() < 0)
		return hrun_error_errno(err, "cannot become a child subreaper");
	c->procfd = k->open_own_proc();
	if (c->procfd < 0)
		init_logf(k, "cannot make a /proc of the init's own: %s", strerror(errno));
	return 0;
}

static const char *ns_name(int nstype)
{
	switch (nstype) {
	case CLONE_NEWNET: return "network";
	case CLONE_NEWNS: return "mount";
	case CLONE_NEWPID: return "pid";
	case CLONE_NEWIPC: return "ipc";
	case CLONE_NEWUTS: return "uts";
	case CLONE_NEWUSER: return "user";
	case CLONE_NEWCGROUP: return "cgroup";
	case CLONE_NEWTIME: return "time";
	}
	return "unknown";
}

static int join_one(const struct sys *k, const struct plan_ns_join *j, struct hrun_error *err)
{
	int fd = k->open(j->path, O_RDONLY | O_CLOEXEC, 0);

	if (fd < 0)
		return hrun_error_errno(err, "join %s namespace `%s`", ns_name(j->nstype), j->path);
	int r = k->setns(fd, j->nstype);
	int saved = errno;

	k->close(fd);
	if (r < 0)
		return hrun_error_set(err, saved, "join %s namespace `%s`", ns_name(j->nstype),
				      j->path);
	return 0;
}

int init_join_namespaces(struct init_ctx *c, struct hrun_error *err)
{
	const struct plan *p = c->st.plan;

	/* a user or pid namespace by path is the clone's already
	 * (runtime/container.c): the others are owned by it, or joined here */
	for (size_t i = 0; i < p->n_joins; i++)
		if (p->joins[i].nstype != CLONE_NEWUSER && p->joins[i].nstype != CLONE_NEWPID &&
		    join_one(c->st.k, &p->joins[i], err) < 0)
			return -1;
	return 0;
}

static bool joins_userns(const struct plan *p)
{
	for (size_t i = 0; i < p->n_joins; i++)
		if (p->joins[i].nstype == CLONE_NEWUSER)
			return true;
	return false;
}

/* The runtime writes the (multi-range) maps of a new user namespace, as
 * the host's root: /proc/<pid>/{uid,gid}_map of a non-dumpable init belong
 * to it.  The init is never dumpable: it is born so (runtime/container.c)
 * and stays so, since nothing in a pid namespace it joined may look into
 * it while its root is the host's (CVE-2019-5736, CVE-2016-9962) -- but
 * for an unprivileged runtime, which can write the maps of a dumpable init
 * only (init_fds.maps_need_dumpable), and which joins no pid namespace.
 * Dumpable until init_end_dumpable: the time namespace's offsets are
 * written in the same window (init_timens.c). */
int init_enter_userns(struct init_ctx *c, struct hrun_error *err)
{
	bool created = c->st.plan->clone_flags & CLONE_NEWUSER;

	if (created && c->fds->maps_need_dumpable && c->st.k->set_dumpable(SUID_DUMP_USER) < 0)
		return hrun_error_errno(err, "cannot set SUID_DUMP_USER");
	if (created && (init_sync_send(c, SYNC_USERNS, err) < 0 ||
			init_sync_expect(c, SYNC_USERNS_DONE, err) < 0))
		return -1;
	return 0;
}

/* The end of the window init_enter_userns may have opened, and made so
 * again whatever the runtime did around the clone. */
int init_end_dumpable(struct init_ctx *c, struct hrun_error *err)
{
	if (c->st.k->set_dumpable(SUID_DUMP_DISABLE) < 0)
		return hrun_error_errno(err, "cannot set SUID_DUMP_DISABLE");
	return 0;
}

/* Root of the user namespace, new or joined.  After the time namespace's
 * offsets: until now the init is the host's root by its ids, and as such
 * the owner of its own non-dumpable /proc files. */
int init_become_ns_root(struct init_ctx *c, struct hrun_error *err)
{
	const struct sys *k = c->st.k;
	const struct plan *p = c->st.plan;

	if (!(p->clone_flags & CLONE_NEWUSER) && !joins_userns(p))
		return 0;
	if (k->setresgid(0, 0, 0) < 0)
		return hrun_error_errno(err, "cannot become gid 0 in the user namespace");
	if (k->setresuid(0, 0, 0) < 0)
		return hrun_error_errno(err, "cannot become uid 0 in the user namespace");
	/* the id change made us dumpable again where fs.suid_dumpable is 1,
	 * and our root is still the host's (CVE-2016-9962) */
	if (k->set_dumpable(SUID_DUMP_DISABLE) < 0)
		return hrun_error_errno(err, "cannot set SUID_DUMP_DISABLE");
	return 0;
}
