/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The processes of a container, for `ps` and `kill --all`: those of its
 * cgroup; without one (the manager disabled), with its own pid namespace,
 * every process whose pid namespace is the init's. */
#include "runtime/runtime.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "cgroup/cgroup.h"
#include "oci/state.h"
#include "runtime/cgroups.h"
#include "util/cleanup.h"

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev;
}

static int push_pid(pid_t **pids, size_t *n, pid_t pid, struct hrun_error *err)
{
	pid_t *grown = realloc(*pids, (*n + 1) * sizeof *grown);

	if (!grown)
		return hrun_error_errno(err, "allocate the pid list");
	grown[(*n)++] = pid;
	*pids = grown;
	return 0;
}

static int namespace_pids(const struct oci_state *st, pid_t **pids, size_t *n,
			  struct hrun_error *err)
{
	_cleanup_closedir_ DIR *proc = opendir("/proc");
	struct stat init_ns, own_ns, ns;
	char path[64];
	struct dirent *de;

	snprintf(path, sizeof path, "/proc/%d/ns/pid", (int)st->pid);
	if (stat(path, &init_ns) < 0 || stat("/proc/self/ns/pid", &own_ns) < 0)
		return hrun_error_errno(err, "read `%s`", path);
	if (same_file(&init_ns, &own_ns))
		return hrun_error_set(err, 0, "container `%s` shares the host's pid namespace and "
				      "has no cgroup to find its processes", st->id);
	if (!proc)
		return hrun_error_errno(err, "open /proc");
	while ((de = readdir(proc))) {
		int pid = atoi(de->d_name);

		if (pid <= 0)
			continue;
		snprintf(path, sizeof path, "/proc/%d/ns/pid", pid);
		if (stat(path, &ns) == 0 && same_file(&ns, &init_ns) &&
		    push_pid(pids, n, pid, err) < 0)
			return -1;
	}
	return 0;
}

int container_pids(const struct oci_state *st, pid_t **pids, size_t *n, struct hrun_error *err)
{
	struct cgroup *cg;
	int r;

	*pids = NULL;
	*n = 0;
	if (!st->cgroup)
		return namespace_pids(st, pids, n, err);
	cg = state_cgroup(st, err);
	r = cg ? cgroup_pids(cg, pids, n, err) : -1;
	cgroup_free(cg);
	return r;
}
