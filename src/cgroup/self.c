/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A process that enters its v1 hierarchies itself.
 *
 * A pid written into `cgroup.procs` moves a whole thread group, under the
 * kernel's global cgroup_threadgroup_rwsem taken for writing: when nobody
 * took it in the last grace period, that write waits for an RCU grace
 * period first (8 to 40 ms on an idle 2-core host; back-to-back runs, as a
 * benchmark makes, mostly find it still warm).  "0" written into a v1
 * `tasks` file moves only the writing thread, which the kernel does under
 * cgroup_mutex alone: for a single-threaded process that is the same move,
 * in microseconds.  cgroup v2 has no such path (a thread leaves its domain
 * only with its process): there the init is cloned into its cgroup
 * (CLONE_INTO_CGROUP), on a hybrid host too. */
#include "cgroup/internal.h"
#include "util/cleanup.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

bool cg_self_enters(const struct cgroup *cg)
{
	return cg->manager == CGROUP_MANAGER_CGROUPFS && !cg->layout.fake &&
	       (cg->layout.mode == CGROUP_MODE_V1 || cg->layout.mode == CGROUP_MODE_HYBRID);
}

bool cg_self_enters_hier(const struct cgroup *cg, size_t i)
{
	return cg_self_enters(cg) && !cg->layout.h[i].v2;
}

int cgroup_self_enter_fds(const struct cgroup *cg, int **fds, size_t *n, struct hrun_error *err)
{
	*fds = NULL;
	*n = 0;
	if (!cg_self_enters(cg))
		return 0;
	*fds = malloc(cg->layout.n * sizeof **fds);
	if (!*fds)
		return hrun_error_set(err, ENOMEM, "cgroup");
	for (size_t i = 0; i < cg->layout.n; i++) {
		_cleanup_free_ char *path = NULL;
		int fd;

		if (!cg_self_enters_hier(cg, i))
			continue;
		if (asprintf(&path, "%s/tasks", cg->dirs[i]) < 0) {
			hrun_error_set(err, ENOMEM, "cgroup");
			goto fail;
		}
		fd = open(path, O_WRONLY | O_CLOEXEC);
		if (fd < 0) {
			hrun_error_errno(err, "open `tasks` in `%s`", cg->dirs[i]);
			goto fail;
		}
		(*fds)[(*n)++] = fd;
	}
	return 0;
fail:
	cgroup_self_enter_close(*fds, *n);
	*fds = NULL;
	*n = 0;
	return -1;
}

void cgroup_self_enter_close(int *fds, size_t n)
{
	for (size_t i = 0; i < n; i++)
		close(fds[i]);
	free(fds);
}

int cg_enter_self_dir(const char *dir, struct hrun_error *err)
{
	return cg_write(dir, "tasks", "0", false, err);
}
