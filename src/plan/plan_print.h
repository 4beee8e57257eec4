/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef HRUN_PLAN_PRINT_H
#define HRUN_PLAN_PRINT_H

#include <stdio.h>

struct plan;
struct hrun_error;

struct plan_attrs;

/* plan_print_attrs.c: the lines of the kernel attributes and of the linux
 * settings that are not ops, only those configured. */
void plan_print_attrs(FILE *out, const struct plan_attrs *a);
void plan_print_linux(FILE *out, const struct plan *plan);

/* plan_print.c: hook list i (0 .. PLAN_N_HOOK_KINDS-1, in the order they
 * run) of h in *list and *n; returns its config name ("prestart", ...). */
#define PLAN_N_HOOK_KINDS 6
struct oci_hook;
struct oci_hooks;
const char *plan_hook_kind(const struct oci_hooks *h, size_t i, const struct oci_hook **list,
			   size_t *n);

/* plan_print_json.c: the plan as one JSON object (yajl_gen). */
int plan_print_json(const struct plan *plan, FILE *out, struct hrun_error *err);

#endif
