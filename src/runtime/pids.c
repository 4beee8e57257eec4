/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The processes of a container, for `ps` and `kill --all`: those of its
 * cgroup; without one (the manager disabled), with its own pid namespace,
 * every process whose pid namespace is the init's.  Rootless, the init's
 * /proc/<pid>/ns files are not ours to read: it never exec'd, so they
 * belong to the host's root while it is not dumpable; its workload, which
 * exec'd in the container's user namespace, stands for it. */
#include "runtime/runtime.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cgroup/cgroup.h"
#include "oci/state.h"
#include "runtime/cgroups.h"
#include "runtime/state.h"
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

/* The init's first child, 0 when it has none. */
static pid_t first_child(pid_t pid)
{
	char path[64];
	_cleanup_fclose_ FILE *f = NULL;
	int child = 0;

	snprintf(path, sizeof path, "/proc/%d/task/%d/children", (int)pid, (int)pid);
	f = fopen(path, "re");
	if (!f || fscanf(f, "%d", &child) != 1)
		return 0;
	return child;
}

pid_t container_ns_pidfd(const struct oci_state *st, int *pidfd, struct hrun_error *err)
{
	char path[64];
	struct stat ns;
	pid_t child;

	*pidfd = -1;
	snprintf(path, sizeof path, "/proc/%d/ns/user", (int)st->pid);
	if (stat(path, &ns) == 0 || (errno != EACCES && errno != EPERM)) {
		*pidfd = state_pidfd(st);
		return *pidfd < 0 ? hrun_error_set(err, 0, "container `%s` is stopped", st->id)
				  : st->pid;
	}
	child = first_child(st->pid);
	if (child > 0)
		*pidfd = (int)syscall(SYS_pidfd_open, child, 0);
	/* opened before it is checked: a recycled pid is never addressed */
	if (*pidfd >= 0 && proc_live_ppid(child) == st->pid)
		return child;
	if (*pidfd >= 0)
		close(*pidfd);
	*pidfd = -1;
	hrun_error_set(err, 0,
		       "container `%s`: rootless, its namespaces are reached through its workload, "
		       "and none runs (created, or ending)",
		       st->id);
	err->code = ECHILD;
	return -1;
}

static int namespace_pids(const struct oci_state *st, pid_t **pids, size_t *n,
			  struct hrun_error *err)
{
	_cleanup_closedir_ DIR *proc = opendir("/proc");
	_cleanup_close_ int pidfd = -1;
	struct stat init_ns, own_ns, ns;
	char path[64];
	struct dirent *de;
	pid_t anchor = container_ns_pidfd(st, &pidfd, err);
	_cleanup_close_ int init = -1;

	/* rootless and created: the init has no child yet, and is all there is */
	if (anchor < 0 && err->code == ECHILD && (init = state_pidfd(st)) >= 0) {
		hrun_error_clear(err);
		return push_pid(pids, n, st->pid, err);
	}
	if (anchor < 0)
		return -1;
	/* the init's own namespace files may not be ours to read */
	if (anchor != st->pid && push_pid(pids, n, st->pid, err) < 0)
		return -1;
	snprintf(path, sizeof path, "/proc/%d/ns/pid", (int)anchor);
	if (stat(path, &init_ns) < 0 || stat("/proc/self/ns/pid", &own_ns) < 0)
		return hrun_error_errno(err, "read `%s`", path);
	if (same_file(&init_ns, &own_ns))
		return hrun_error_set(err, 0, "container `%s` shares the host's pid namespace and "
				      "has no cgroup to find its processes", st->id);
	if (!proc)
		return hrun_error_errno(err, "open /proc");
	while ((de = readdir(proc))) {
		int pid = atoi(de->d_name);

		if (pid <= 0 || (anchor != st->pid && pid == st->pid))
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
