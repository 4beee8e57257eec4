/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Running without root on the host (rootless.c, util/rootless.h).  What the kernel
 * allows only to root on the host is refused before anything is made, by
 * name, or done another way (the host's device nodes bound, no cgroup
 * where none is delegated). */
#ifndef HRUN_RUNTIME_ROOTLESS_H
#define HRUN_RUNTIME_ROOTLESS_H

#include <stdbool.h>
#include <stddef.h>

#include "util/rootless.h"

struct plan;
struct plan_id_map;
struct hrun_error;

/* Before anything is made: what this process cannot do for the plan is
 * refused with the field's name (rlimits above our hard limits, an
 * oomScoreAdj below what we may set, id maps without newuidmap or
 * subordinate ids); in a user namespace, devices become binds of the
 * host's nodes.  Nothing is checked for root on the host. */
int rootless_prepare(struct plan *plan, struct hrun_error *err);

/* The maps need newuidmap/newgidmap: more than our own id, and we may not
 * write them ourselves (no CAP_SETUID/CAP_SETGID in our namespace). */
bool idmap_needs_helper(const struct plan_id_map *map, size_t n, bool gid);

/* Each host range of map is in a subordinate range of ours (/etc/subuid,
 * /etc/subgid), or is our own id alone; and the helper is there. */
int idmap_check_helper(const struct plan_id_map *map, size_t n, bool gid, struct hrun_error *err);

#endif
