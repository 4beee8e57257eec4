/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A cgroup that is there before the container: runc's two checks, before
 * anything is made or written.  Frozen, the init would never run a step
 * and create would hang for good: refused.  With processes, the container
 * shares them its limits, stats and `kill --all`: a warning, and on. */
#include "cgroup/internal.h"
#include "util/cleanup.h"
#include "util/warn.h"

int cg_check_existing(const struct cgroup *cg, struct hrun_error *err)
{
	const char *dir = cg_main_dir(cg);
	_cleanup_free_ pid_t *pids = NULL;
	size_t n = 0;
	bool frozen;

	if (!dir || !cg_exists(dir, "cgroup.procs"))
		return 0;
	if (cgroup_pids(cg, &pids, &n, err) < 0)
		return -1;
	if (n) {
		struct hrun_error warning;

		hrun_error_set(&warning, 0,
			       "container's cgroup is not empty: %zu process(es) found", n);
		hrun_warn(&warning);
	}
	if (cgroup_is_frozen(cg, &frozen, err) < 0)
		return -1;
	if (frozen)
		return hrun_error_set(err, 0, "container's cgroup unexpectedly frozen");
	return 0;
}
