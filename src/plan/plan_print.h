/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef HRUN_PLAN_PRINT_H
#define HRUN_PLAN_PRINT_H

#include <stdio.h>

struct plan;
struct hrun_error;

/* plan_print_json.c: the plan as one JSON object (yajl_gen). */
int plan_print_json(const struct plan *plan, FILE *out, struct hrun_error *err);

#endif
