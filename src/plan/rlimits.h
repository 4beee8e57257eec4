/* SPDX-License-Identifier: GPL-2.0-or-later */
/* process.rlimits[].type names and their RLIMIT_* numbers. */
#ifndef HRUN_PLAN_RLIMITS_H
#define HRUN_PLAN_RLIMITS_H

/* RLIMIT_* for "RLIMIT_NOFILE" etc.; -1 when unknown. */
int rlimit_from_name(const char *name);
/* The name of an RLIMIT_* value; NULL when unknown. */
const char *rlimit_name(int resource);

#endif
