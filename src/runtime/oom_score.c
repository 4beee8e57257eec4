/* SPDX-License-Identifier: GPL-2.0-or-later */
/* process.oomScoreAdj, written by the runtime on the host: the init's
 * right after its clone, an exec'd process's by its middle process before
 * it joins the container (the clone inherits it).  Never through the
 * container's /proc, which the config or the workload may cover with
 * anything (a volume, a tmpfs) that takes the write and sets nothing; and
 * from the host's root, so a value below the current one (CAP_SYS_RESOURCE
 * in the host's user namespace) is possible in a user namespace too. */
#include "runtime/runtime.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "plan/plan.h"
#include "util/cleanup.h"

int oom_score_adj_write(pid_t pid, const struct plan_process *proc, struct hrun_error *err)
{
	char path[64], value[16];
	_cleanup_close_ int fd = -1;
	int n;

	if (!proc->has_oom_score_adj)
		return 0;
	snprintf(path, sizeof path, "/proc/%d/oom_score_adj", (int)pid);
	n = snprintf(value, sizeof value, "%d", proc->oom_score_adj);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0 || write(fd, value, (size_t)n) != n)
		return hrun_error_errno(err, "cannot set oom_score_adj to %d", proc->oom_score_adj);
	return 0;
}
