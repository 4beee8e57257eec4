/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The settings of linux that are neither namespaces nor ops: timeOffsets,
 * netDevices, mountLabel, intelRdt; and linux.sysctl, which becomes an op.  (What
 * needs the host to decide -- LSMs, resctrl, namespace files -- is
 * checked by the runtime: runtime/host_check.c.) */
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "oci/spec.h"
#include "plan/names.h"
#include "plan/plan_internal.h"
#include "plan/sysctl.h"
#include "util/error.h"

static const struct name_value clocks[] = {
	{"monotonic", CLOCK_MONOTONIC},
	{"boottime", CLOCK_BOOTTIME},
};
const struct name_table plan_clocks = NAME_TABLE(clocks);

static int build_time_offsets(struct plan *plan, const struct oci_linux *lx, struct hrun_error *err)
{
	if (!lx->n_time_offsets)
		return 0;
	if (!(plan->unshare_flags & CLONE_NEWTIME))
		return hrun_error_set(err, 0, "linux.timeOffsets: requires a new time namespace");
	plan->time_offsets = plan_alloc(lx->n_time_offsets, sizeof *plan->time_offsets, err);
	if (!plan->time_offsets)
		return -1;
	for (size_t i = 0; i < lx->n_time_offsets; i++) {
		const struct oci_time_offset *t = &lx->time_offsets[i];
		struct plan_time_offset *o = &plan->time_offsets[i];
		uint64_t clock;

		if (!names_find(&plan_clocks, t->clock, &clock))
			return hrun_error_set(err, 0,
					      "linux.timeOffsets[\"%s\"]: unknown clock (want "
					      "monotonic or boottime)",
					      t->clock ? t->clock : "");
		if (t->nanosecs >= 1000000000)
			return hrun_error_set(err, 0,
					      "linux.timeOffsets[\"%s\"].nanosecs: must be below "
					      "1000000000",
					      t->clock);
		*o = (struct plan_time_offset){(int)clock, t->secs, t->nanosecs};
	}
	plan->n_time_offsets = lx->n_time_offsets;
	return 0;
}

/* An interface name as the kernel takes it (dev_valid_name). */
static bool valid_ifname(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (n == 0 || n >= IFNAMSIZ || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return false;
	return strcspn(name, "/: \t\n") == n;
}

static int add_net_device(struct plan *plan, const struct oci_net_device *d, struct hrun_error *err)
{
	struct plan_net_device *out = &plan->net_devices[plan->n_net_devices];
	const char *name = d->name && d->name[0] ? d->name : d->host_name;

	if (!valid_ifname(d->host_name))
		return hrun_error_set(err, 0, "linux.netDevices[\"%s\"]: invalid interface name",
				      d->host_name ? d->host_name : "");
	if (!valid_ifname(name))
		return hrun_error_set(err, 0,
				      "linux.netDevices[\"%s\"].name: invalid interface name",
				      d->host_name);
	for (size_t j = 0; j < plan->n_net_devices; j++)
		if (strcmp(plan->net_devices[j].name, name) == 0)
			return hrun_error_set(
				err, 0, "linux.netDevices[\"%s\"].name: `%s` is taken already",
				d->host_name, name);
	if (!(out->host_name = plan_strdup(d->host_name, err)) ||
	    !(out->name = plan_strdup(name, err)))
		return -1;
	plan->n_net_devices++;
	return 0;
}

static int build_net_devices(struct plan *plan, const struct oci_linux *lx, struct hrun_error *err)
{
	if (!lx->n_net_devices)
		return 0;
	if (!plan_has_ns(plan, CLONE_NEWNET))
		return hrun_error_set(err, 0,
				      "linux.netDevices: needs the container's own network "
				      "namespace");
	plan->net_devices = plan_alloc(lx->n_net_devices, sizeof *plan->net_devices, err);
	if (!plan->net_devices)
		return -1;
	for (size_t i = 0; i < lx->n_net_devices; i++)
		if (add_net_device(plan, &lx->net_devices[i], err) < 0)
			return -1;
	return 0;
}

bool plan_rdt_name_ok(const char *name)
{
	static const char *const taken[] = {".", "..", "info", "mon_groups", "mon_data"};

	if (!name[0] || strchr(name, '/'))
		return false;
	for (size_t i = 0; i < sizeof taken / sizeof taken[0]; i++)
		if (strcmp(name, taken[i]) == 0)
			return false;
	return true;
}

/* One line of `schemata`: "RESOURCE:ID=VALUE;...", RESOURCE not empty. */
static int add_rdt_line(struct plan_rdt *r, const char *line, size_t len, const char *field,
			struct hrun_error *err)
{
	const char *colon = memchr(line, ':', len);

	if (len == 0)
		return 0;
	if (!colon || colon == line + strspn(line, " "))
		return hrun_error_set(err, 0,
				      "linux.intelRdt.%s: `%.*s` is no schema line (want "
				      "RESOURCE:ID=VALUE;...)",
				      field, (int)len, line);
	if (!(r->schemata[r->n_schemata] = strndup(line, len)))
		return hrun_error_set(err, ENOMEM, "plan");
	r->n_schemata++;
	return 0;
}

/* l3CacheSchema may hold several lines (runtime-spec before 1.3): its MB
 * lines give way to memBwSchema. */
static int add_l3_lines(struct plan_rdt *r, const struct oci_intel_rdt *in, struct hrun_error *err)
{
	bool has_mb = in->mem_bw_schema && in->mem_bw_schema[0];

	for (const char *l = in->l3_cache_schema; l && *l;) {
		size_t len = strcspn(l, "\n");
		bool mb = strncmp(l + strspn(l, " "), "MB:", 3) == 0;

		if (!(mb && has_mb) && add_rdt_line(r, l, len, "l3CacheSchema", err) < 0)
			return -1;
		l += len + (l[len] == '\n');
	}
	return 0;
}

static int add_rdt_lines(struct plan_rdt *r, const struct oci_intel_rdt *in, struct hrun_error *err)
{
	const char *mb = in->mem_bw_schema;
	char field[64];

	if (add_l3_lines(r, in, err) < 0)
		return -1;
	if (mb && mb[0] && (strncmp(mb, "MB:", 3) != 0 || strchr(mb, '\n')))
		return hrun_error_set(err, 0,
				      "linux.intelRdt.memBwSchema: must be one line starting "
				      "with `MB:`");
	if (mb && add_rdt_line(r, mb, strlen(mb), "memBwSchema", err) < 0)
		return -1;
	r->n_schema = r->n_schemata;
	for (size_t i = 0; i < in->n_schemata; i++) {
		snprintf(field, sizeof field, "schemata[%zu]", i);
		if (strchr(in->schemata[i], '\n'))
			return hrun_error_set(err, 0, "linux.intelRdt.%s: must be one line", field);
		if (add_rdt_line(r, in->schemata[i], strlen(in->schemata[i]), field, err) < 0)
			return -1;
	}
	return 0;
}

static int build_intel_rdt(struct plan *plan, const struct oci_intel_rdt *in,
			   struct hrun_error *err)
{
	const char *l3 = in->l3_cache_schema;
	size_t max = 2 + in->n_schemata;
	struct plan_rdt *r;

	for (size_t i = 0; l3 && l3[i]; i++)
		max += l3[i] == '\n';
	if (in->clos_id && in->clos_id[0] && strcmp(in->clos_id, "/") != 0 &&
	    !plan_rdt_name_ok(in->clos_id))
		return hrun_error_set(err, 0,
				      "linux.intelRdt.closID: `%s` cannot name a resctrl group",
				      in->clos_id);
	if (!(r = plan->intel_rdt = plan_alloc(1, sizeof *r, err)) ||
	    !(r->schemata = plan_alloc(max + 1, sizeof *r->schemata, err)) ||
	    (in->clos_id && in->clos_id[0] && !(r->clos_id = plan_strdup(in->clos_id, err))))
		return -1;
	r->monitoring = in->enable_monitoring;
	return add_rdt_lines(r, in, err);
}

void plan_rdt_free(struct plan_rdt *rdt)
{
	if (!rdt)
		return;
	free(rdt->clos_id);
	plan_strv_free(rdt->schemata);
	free(rdt);
}

int plan_build_linux(struct plan *plan, const struct oci_spec *spec, struct hrun_error *err)
{
	static const struct oci_linux none;
	const struct oci_linux *lx = spec->linux_ ? spec->linux_ : &none;

	if (build_time_offsets(plan, lx, err) < 0 || build_net_devices(plan, lx, err) < 0 ||
	    (lx->intel_rdt && build_intel_rdt(plan, lx->intel_rdt, err) < 0))
		return -1;
	if (lx->mount_label && lx->mount_label[0] &&
	    !(plan->mount_label = plan_strdup(lx->mount_label, err)))
		return -1;
	return 0;
}

static int check_sysctl(const struct plan *plan, const char *key, char *path, size_t len,
			struct hrun_error *err)
{
	int ns = sysctl_namespace(key);

	if (sysctl_path(key, path, len) < 0)
		return hrun_error_set(err, 0, "linux.sysctl[\"%s\"]: invalid key", key);
	if (!ns)
		return hrun_error_set(err, 0,
				      "linux.sysctl[\"%s\"]: not a namespaced key: it would change "
				      "the host",
				      key);
	if (!plan_has_ns(plan, ns))
		return hrun_error_set(err, 0,
				      "linux.sysctl[\"%s\"]: needs the container's own %s "
				      "namespace",
				      key, plan_ns_name(ns));
	return 0;
}

/* One op, "key=value" a path, after the mounts and before the masked and
 * read-only paths (the default config makes /proc/sys read-only). */
int plan_add_sysctl(struct plan *plan, const struct oci_linux *lx, struct hrun_error *err)
{
	struct op *op;
	char path[256];

	if (!lx->n_sysctl)
		return 0;
	if (!(op = plan_add_op(plan, &op_sysctl_type, NULL, err)) ||
	    !(op->paths = plan_alloc(lx->n_sysctl + 1, sizeof *op->paths, err)))
		return -1;
	for (size_t i = 0; i < lx->n_sysctl; i++) {
		const struct oci_annotation *s = &lx->sysctl[i];

		if (check_sysctl(plan, s->key ? s->key : "", path, sizeof path, err) < 0)
			return -1;
		if (asprintf(&op->paths[i], "%s=%s", s->key, s->value ? s->value : "") < 0) {
			op->paths[i] = NULL;
			return hrun_error_set(err, ENOMEM, "plan");
		}
		op->n_paths = i + 1;
	}
	return 0;
}
