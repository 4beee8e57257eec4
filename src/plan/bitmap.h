/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Lists of cpus and NUMA nodes as config.json writes them ("0-3,7") and
 * as the kernel takes them (struct plan_bitmap). */
#ifndef HRUN_PLAN_BITMAP_H
#define HRUN_PLAN_BITMAP_H

#include <stdbool.h>
#include <stdio.h>

#include "plan/plan_attrs.h"

/* Parse `list` (numbers and ranges a-b, comma-separated, each at most
 * `max`) into *out (malloc'd).  Returns 0, or -1 with errno EINVAL for a
 * malformed list or a number above max, ENOMEM when out of memory. */
int bitmap_parse(const char *list, unsigned int max, struct plan_bitmap *out);
/* Print the set back in the shortest list form ("0-3,7"). */
void bitmap_print(const struct plan_bitmap *b, FILE *out);
bool bitmap_test(const struct plan_bitmap *b, unsigned int n);
void bitmap_free(struct plan_bitmap *b);

#endif
