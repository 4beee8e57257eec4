/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.intelRdt: the container's resctrl groups.
 *
 * resctrl is one flat level of control groups under its mount point, each
 * a directory with `schemata` and `tasks`, each with its monitoring groups
 * in mon_groups/.  The control group of a container is
 *   - no closID: <root>/<id>, made by hrun (one that exists is refused);
 *   - closID and no line for `schemata`: <root>/<closID>, which must exist;
 *   - closID and lines: <root>/<closID>, made when missing; when it exists,
 *     its schemata must agree with l3CacheSchema and memBwSchema;
 *   - closID "/": the root (default) group.
 * The lines go to `schemata` (to a group that existed, only those of the
 * `schemata` field); with enableMonitoring, hrun makes mon_groups/<id>
 * under the group.  The init's pid goes into the groups' `tasks` before
 * it runs anything of the workload's; what it forks inherits them, and an
 * exec'd process inherits them from its middle process, which joins first.
 * delete removes the monitoring group, and the control group only when it
 * has no closID (even one hrun made for a closID stays, as the
 * runtime-spec says: other containers may share it); the state file says
 * which (hrunIntelRdt).  resctrl_create removes all it made when it fails.
 *
 * The functions take the paths they work on, so the unit tests run them on
 * a plain directory standing in for the mount. */
#ifndef HRUN_RUNTIME_RESCTRL_H
#define HRUN_RUNTIME_RESCTRL_H

#include <sys/types.h>

#include "oci/state.h"
#include "util/error.h"

#define RESCTRL_MOUNTINFO "/proc/self/mountinfo"

struct container;
struct plan_rdt;

/* The mount point of the first resctrl filesystem in a mountinfo file;
 * NULL with "resctrl is not mounted" when there is none. */
char *resctrl_root(const char *mountinfo, struct hrun_error *err);

/* Make or join the groups of `rdt` for container `id` under `root` and
 * write the schemata lines; on failure nothing hrun made is left.  Free
 * the result with oci_state_rdt_free(). */
struct oci_state_rdt *resctrl_create(const char *root, const char *id, const struct plan_rdt *rdt,
				     struct hrun_error *err);

/* Put the task `pid` in the control group, then in the monitoring group
 * (resctrl takes a task there only from the group above it). */
int resctrl_enter(const struct oci_state_rdt *g, pid_t pid, struct hrun_error *err);

/* Write the n lines to the control group's schemata (update's
 * --l3-cache-schema and --mem-bw-schema); resctrl changes only the
 * resources and domains they name. */
int resctrl_write_lines(const struct oci_state_rdt *g, char *const *lines, size_t n,
			struct hrun_error *err);

/* Remove what hrun made: the monitoring group, then the control group if
 * it is hrun's.  What is gone already is no error. */
int resctrl_remove(const struct oci_state_rdt *g, struct hrun_error *err);

/* create's steps (container.c): the groups, after the state directory
 * and before the clone; the init in them, once cloned; their removal
 * when create fails or a foreground run ends.  No-ops without intelRdt. */
int container_rdt_create(struct container *c, struct hrun_error *err);
int container_rdt_enter(const struct container *c, struct hrun_error *err);
void container_rdt_remove(const struct container *c);

#endif
