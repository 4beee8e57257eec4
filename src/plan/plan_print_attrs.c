/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `hrun plan`: the lines of the workload's kernel attributes and of the
 * linux settings that are not ops (intelRdt among them), each printed
 * only when configured. */
#include <inttypes.h>
#include <stdio.h>

#include "plan/bitmap.h"
#include "plan/names.h"
#include "plan/plan_internal.h"
#include "plan/plan_print.h"

#define LABEL "%-12s "

static void print_sched(FILE *out, const struct plan_sched *s)
{
	fprintf(out, LABEL "%s nice=%d priority=%d", "scheduler",
		names_name(&plan_sched_policies, (uint64_t)s->policy), s->nice, s->priority);
	if (s->flags) {
		fputs(" flags=", out);
		names_print_flags(&plan_sched_flags, s->flags, out);
	}
	if (s->runtime || s->deadline || s->period)
		fprintf(out, " runtime=%" PRIu64 " deadline=%" PRIu64 " period=%" PRIu64,
			s->runtime, s->deadline, s->period);
	fputc('\n', out);
}

static void print_bitmap(FILE *out, const char *label, const struct plan_bitmap *b)
{
	if (!b->n_longs)
		return;
	fprintf(out, LABEL, label);
	bitmap_print(b, out);
	fputc('\n', out);
}

static void print_mempolicy(FILE *out, const struct plan_mempolicy *m)
{
	fprintf(out, LABEL "%s", "mempolicy", names_name(&plan_mempolicy_modes, (uint64_t)m->mode));
	if (m->nodes.n_longs) {
		fputs(" nodes=", out);
		bitmap_print(&m->nodes, out);
	}
	if (m->flags) {
		fputs(" flags=", out);
		names_print_flags(&plan_mempolicy_flags, m->flags, out);
	}
	fputc('\n', out);
}

void plan_print_attrs(FILE *out, const struct plan_attrs *a)
{
	if (a->has_personality)
		fprintf(out, LABEL "%s\n", "personality",
			names_name(&plan_personalities, a->personality));
	if (a->sched.set)
		print_sched(out, &a->sched);
	if (a->has_ioprio)
		fprintf(out, LABEL "%s %d\n", "ioprio",
			names_name(&plan_ioprio_classes, (uint64_t)a->ioprio_class),
			a->ioprio_level);
	print_bitmap(out, "cpus.initial", &a->cpus_initial);
	print_bitmap(out, "cpus.final", &a->cpus_final);
	if (a->mempolicy.set)
		print_mempolicy(out, &a->mempolicy);
	if (a->apparmor_profile)
		fprintf(out, LABEL "%s\n", "apparmor", a->apparmor_profile);
	if (a->selinux_label)
		fprintf(out, LABEL "%s\n", "selinux", a->selinux_label);
}

/* The group, then each line for `schemata` (the rest of the line), the
 * ones that must agree with an existing group's as `schema`. */
static void print_rdt(FILE *out, const struct plan_rdt *r)
{
	fprintf(out, LABEL "group=%s monitoring=%s\n", "intelrdt",
		r->clos_id ? r->clos_id : "(container id)", r->monitoring ? "yes" : "no");
	for (size_t i = 0; i < r->n_schemata; i++)
		fprintf(out, LABEL "%s %s\n", "intelrdt", i < r->n_schema ? "schema" : "schemata",
			r->schemata[i]);
}

void plan_print_linux(FILE *out, const struct plan *plan)
{
	for (size_t i = 0; i < plan->n_time_offsets; i++) {
		const struct plan_time_offset *o = &plan->time_offsets[i];

		fprintf(out, LABEL "%s %" PRId64 "s %" PRIu32 "ns\n", "timeoffset",
			names_name(&plan_clocks, (uint64_t)o->clock), o->secs, o->nanosecs);
	}
	for (size_t i = 0; i < plan->n_net_devices; i++)
		fprintf(out, LABEL "%s as %s\n", "netdevice", plan->net_devices[i].host_name,
			plan->net_devices[i].name);
	if (plan->mount_label)
		fprintf(out, LABEL "%s\n", "mountlabel", plan->mount_label);
	if (plan->intel_rdt)
		print_rdt(out, plan->intel_rdt);
}
