/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The JSON lines of `hrun events` (events_json.c), without a newline. */
#ifndef HRUN_RUNTIME_EVENTS_H
#define HRUN_RUNTIME_EVENTS_H

#include "cgroup/cgroup.h"
#include "util/error.h"

/* {"type":"stats","id":id,"data":{"cpu":…,"memory":…,"pids":…,"blkio":…,"hugetlb":…}} */
char *events_stats_line(const char *id, const struct cgroup_stats *st, struct hrun_error *err);
/* {"type":"oom","id":id} */
char *events_oom_line(const char *id, struct hrun_error *err);

#endif
