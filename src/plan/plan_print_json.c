/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `hrun plan --format json`: the same content as the text, as one object. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "oci/json_gen.h"
#include "oci/spec.h"
#include "plan/bitmap.h"
#include "plan/caps.h"
#include "plan/mount_options.h"
#include "plan/names.h"
#include "plan/plan_internal.h"
#include "plan/plan_print.h"
#include "plan/rlimits.h"
#include "seccomp/seccomp.h"
#include "util/error.h"

static void j_strv(struct json_gen *j, char *const *v, size_t n)
{
	json_gen_open(j, false);
	for (size_t i = 0; v && i < n && v[i]; i++)
		json_gen_string(j, v[i]);
	json_gen_close(j, false);
}

static void j_caps(struct json_gen *j, const char *key, uint64_t set)
{
	char name[64];

	json_gen_string(j, key);
	json_gen_open(j, false);
	for (int cap = 0; cap < 64; cap++)
		if (set & (UINT64_C(1) << cap))
			json_gen_string(j, caps_name(cap, name, sizeof name));
	json_gen_close(j, false);
}

static void j_rlimits(struct json_gen *j, const struct plan_process *p)
{
	json_gen_string(j, "rlimits");
	json_gen_open(j, false);
	for (size_t i = 0; i < p->n_rlimits; i++) {
		json_gen_open(j, true);
		json_gen_string(j, "type");
		json_gen_string(j, rlimit_name(p->rlimits[i].resource));
		json_gen_string(j, "soft");
		json_gen_int(j, (long long)p->rlimits[i].limit.rlim_cur);
		json_gen_string(j, "hard");
		json_gen_int(j, (long long)p->rlimits[i].limit.rlim_max);
		json_gen_close(j, true);
	}
	json_gen_close(j, false);
}

/* "key": value, only for what is configured. */
static void j_key_str(struct json_gen *j, const char *key, const char *value)
{
	if (!value)
		return;
	json_gen_string(j, key);
	json_gen_string(j, value);
}

static void j_bitmap(struct json_gen *j, const char *key, const struct plan_bitmap *b)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (!b->n_longs || !(f = open_memstream(&text, &len)))
		return;
	bitmap_print(b, f);
	if (fclose(f) == 0)
		j_key_str(j, key, text);
	free(text);
}

static void j_flags(struct json_gen *j, const struct name_table *t, uint64_t flags)
{
	json_gen_string(j, "flags");
	json_gen_open(j, false);
	for (size_t i = 0; i < t->n; i++)
		if (flags & t->v[i].value)
			json_gen_string(j, t->v[i].name);
	json_gen_close(j, false);
}

static void j_sched(struct json_gen *j, const struct plan_sched *s)
{
	json_gen_string(j, "scheduler");
	json_gen_open(j, true);
	j_key_str(j, "policy", names_name(&plan_sched_policies, (uint64_t)s->policy));
	json_gen_string(j, "nice");
	json_gen_int(j, s->nice);
	json_gen_string(j, "priority");
	json_gen_int(j, s->priority);
	j_flags(j, &plan_sched_flags, s->flags);
	json_gen_string(j, "runtime");
	json_gen_int(j, (long long)s->runtime);
	json_gen_string(j, "deadline");
	json_gen_int(j, (long long)s->deadline);
	json_gen_string(j, "period");
	json_gen_int(j, (long long)s->period);
	json_gen_close(j, true);
}

static void j_attrs(struct json_gen *j, const struct plan_attrs *a)
{
	if (a->has_personality)
		j_key_str(j, "personality", names_name(&plan_personalities, a->personality));
	if (a->sched.set)
		j_sched(j, &a->sched);
	if (a->has_ioprio) {
		json_gen_string(j, "ioPriority");
		json_gen_open(j, true);
		j_key_str(j, "class", names_name(&plan_ioprio_classes, (uint64_t)a->ioprio_class));
		json_gen_string(j, "priority");
		json_gen_int(j, a->ioprio_level);
		json_gen_close(j, true);
	}
	j_bitmap(j, "cpusInitial", &a->cpus_initial);
	j_bitmap(j, "cpusFinal", &a->cpus_final);
	if (a->mempolicy.set) {
		json_gen_string(j, "memoryPolicy");
		json_gen_open(j, true);
		j_key_str(j, "mode", names_name(&plan_mempolicy_modes, (uint64_t)a->mempolicy.mode));
		j_bitmap(j, "nodes", &a->mempolicy.nodes);
		j_flags(j, &plan_mempolicy_flags, a->mempolicy.flags);
		json_gen_close(j, true);
	}
	j_key_str(j, "apparmorProfile", a->apparmor_profile);
	j_key_str(j, "selinuxLabel", a->selinux_label);
}

static void j_process(struct json_gen *j, const struct plan_process *p)
{
	json_gen_string(j, "process");
	json_gen_open(j, true);
	json_gen_string(j, "args");
	j_strv(j, p->args, SIZE_MAX);
	json_gen_string(j, "env");
	j_strv(j, p->env, SIZE_MAX);
	json_gen_string(j, "cwd");
	json_gen_string(j, p->cwd);
	json_gen_string(j, "uid");
	json_gen_int(j, p->uid);
	json_gen_string(j, "gid");
	json_gen_int(j, p->gid);
	json_gen_string(j, "additionalGids");
	json_gen_open(j, false);
	for (size_t i = 0; i < p->n_additional_gids; i++)
		json_gen_int(j, p->additional_gids[i]);
	json_gen_close(j, false);
	json_gen_string(j, "umask");
	p->has_umask ? json_gen_int(j, p->umask) : json_gen_string(j, NULL);
	json_gen_string(j, "terminal");
	json_gen_bool(j, p->terminal);
	if (p->console_height || p->console_width) {
		json_gen_string(j, "consoleSize");
		json_gen_open(j, true);
		json_gen_string(j, "height");
		json_gen_int(j, p->console_height);
		json_gen_string(j, "width");
		json_gen_int(j, p->console_width);
		json_gen_close(j, true);
	}
	json_gen_string(j, "noNewPrivileges");
	json_gen_bool(j, p->no_new_privileges);
	json_gen_string(j, "oomScoreAdj");
	p->has_oom_score_adj ? json_gen_int(j, p->oom_score_adj) : json_gen_string(j, NULL);
	json_gen_string(j, "capabilities");
	json_gen_open(j, true);
	j_caps(j, "bounding", p->caps.bounding);
	j_caps(j, "effective", p->caps.effective);
	j_caps(j, "permitted", p->caps.permitted);
	j_caps(j, "inheritable", p->caps.inheritable);
	j_caps(j, "ambient", p->caps.ambient);
	json_gen_close(j, true);
	j_rlimits(j, p);
	j_attrs(j, &p->attrs);
	json_gen_close(j, true);
}

static void j_maps(struct json_gen *j, const char *key, const struct plan_id_map *m, size_t n)
{
	json_gen_string(j, key);
	json_gen_open(j, false);
	for (size_t i = 0; i < n; i++) {
		json_gen_open(j, true);
		json_gen_string(j, "containerID");
		json_gen_int(j, m[i].container_id);
		json_gen_string(j, "hostID");
		json_gen_int(j, m[i].host_id);
		json_gen_string(j, "size");
		json_gen_int(j, m[i].size);
		json_gen_close(j, true);
	}
	json_gen_close(j, false);
}

/* Only when configured: the group (no closID: the container id), the
 * lines that must agree with an existing group (schema), the others. */
static void j_rdt(struct json_gen *j, const struct plan_rdt *r)
{
	if (!r)
		return;
	json_gen_string(j, "intelRdt");
	json_gen_open(j, true);
	j_key_str(j, "closID", r->clos_id);
	json_gen_string(j, "schema");
	j_strv(j, r->schemata, r->n_schema);
	json_gen_string(j, "schemata");
	j_strv(j, r->schemata + r->n_schema, r->n_schemata - r->n_schema);
	json_gen_string(j, "monitoring");
	json_gen_bool(j, r->monitoring);
	json_gen_close(j, true);
}

static void j_linux(struct json_gen *j, const struct plan *plan)
{
	json_gen_string(j, "timeOffsets");
	json_gen_open(j, false);
	for (size_t i = 0; i < plan->n_time_offsets; i++) {
		const struct plan_time_offset *o = &plan->time_offsets[i];

		json_gen_open(j, true);
		j_key_str(j, "clock", names_name(&plan_clocks, (uint64_t)o->clock));
		json_gen_string(j, "secs");
		json_gen_int(j, o->secs);
		json_gen_string(j, "nanosecs");
		json_gen_int(j, o->nanosecs);
		json_gen_close(j, true);
	}
	json_gen_close(j, false);
	json_gen_string(j, "netDevices");
	json_gen_open(j, false);
	for (size_t i = 0; i < plan->n_net_devices; i++) {
		json_gen_open(j, true);
		j_key_str(j, "hostName", plan->net_devices[i].host_name);
		j_key_str(j, "name", plan->net_devices[i].name);
		json_gen_close(j, true);
	}
	json_gen_close(j, false);
	j_key_str(j, "mountLabel", plan->mount_label);
	j_rdt(j, plan->intel_rdt);
}

static void j_namespaces(struct json_gen *j, const struct plan *plan)
{
	json_gen_string(j, "namespaces");
	json_gen_open(j, false);
	for (size_t i = 0; i < plan_n_ns_names; i++)
		if (plan_new_namespaces(plan) & plan_ns_names[i].flag)
			json_gen_string(j, plan_ns_names[i].name);
	json_gen_close(j, false);
	json_gen_string(j, "hostMountNamespace");
	json_gen_bool(j, plan->host_mount_ns);
	json_gen_string(j, "joins");
	json_gen_open(j, false);
	for (size_t i = 0; i < plan->n_joins; i++) {
		json_gen_open(j, true);
		json_gen_string(j, "type");
		json_gen_string(j, plan_ns_name(plan->joins[i].nstype));
		json_gen_string(j, "path");
		json_gen_string(j, plan->joins[i].path);
		json_gen_close(j, true);
	}
	json_gen_close(j, false);
	j_maps(j, "uidMappings", plan->uid_map, plan->n_uid_map);
	j_maps(j, "gidMappings", plan->gid_map, plan->n_gid_map);
	json_gen_string(j, "hostname");
	json_gen_string(j, plan->hostname);
	json_gen_string(j, "domainname");
	json_gen_string(j, plan->domainname);
	json_gen_string(j, "loopback");
	json_gen_bool(j, plan->loopback);
	j_linux(j, plan);
}

static void j_hook_list(struct json_gen *j, const char *kind, const struct oci_hook *h, size_t n)
{
	if (!n)
		return;
	json_gen_string(j, kind);
	json_gen_open(j, false);
	for (size_t i = 0; i < n; i++) {
		json_gen_open(j, true);
		json_gen_string(j, "path");
		json_gen_string(j, h[i].path);
		json_gen_string(j, "args");
		j_strv(j, h[i].args, h[i].n_args);
		json_gen_string(j, "env");
		j_strv(j, h[i].env, h[i].n_env);
		if (h[i].has_timeout) {
			json_gen_string(j, "timeout");
			json_gen_int(j, h[i].timeout);
		}
		json_gen_close(j, true);
	}
	json_gen_close(j, false);
}

static void j_hooks(struct json_gen *j, const struct oci_hooks *h)
{
	const struct oci_hook *list;
	size_t n;

	if (!h)
		return;
	json_gen_string(j, "hooks");
	json_gen_open(j, true);
	for (size_t i = 0; i < PLAN_N_HOOK_KINDS; i++) {
		const char *kind = plan_hook_kind(h, i, &list, &n);

		j_hook_list(j, kind, list, n);
	}
	json_gen_close(j, true);
}

/* The seccomp rules as the text form prints them, one string a line. */
static int j_seccomp(struct json_gen *j, const struct seccomp_filter *f, struct hrun_error *err)
{
	char *text = NULL, *save = NULL;
	size_t len = 0;
	FILE *m;
	int r;

	if (!f)
		return 0;
	m = open_memstream(&text, &len);
	if (!m)
		return hrun_error_errno(err, "print the plan");
	r = seccomp_filter_print(f, "", m, err);
	/* a failed close leaves no text to split */
	if (fclose(m) != 0 && r == 0)
		r = hrun_error_set(err, ENOMEM, "print the plan");
	if (r < 0) {
		free(text);
		return -1;
	}
	json_gen_string(j, "seccomp");
	json_gen_open(j, false);
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		json_gen_string(j, line);
	json_gen_close(j, false);
	free(text);
	return 0;
}

/* describe() into a string: the op's one line. */
static char *describe(const struct op *op)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	if (!f)
		return NULL;
	op->type->describe(op, f);
	if (fclose(f) != 0) {
		free(text);
		return NULL;
	}
	return text;
}

static void j_op_fields(struct json_gen *j, const struct op *op)
{
	const char *names[32];
	size_t n = mount_options_names(op->flags, names, 16);
	const char *fields[][2] = {
		{"source", op->source},
		{"target", op->target},
		{"fstype", op->fstype},
		{"propagation", op->propagation ? mount_propagation_name(op->propagation) : NULL},
		{"data", op->data},
	};

	n += mount_options_rattr_names(op->attr_set, op->attr_clr, names + n, 16);
	for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
		if (!fields[i][1])
			continue;
		json_gen_string(j, fields[i][0]);
		json_gen_string(j, fields[i][1]);
	}
	if (n) {
		json_gen_string(j, "options");
		j_strv(j, (char *const *)names, n);
	}
	if (op->n_paths) {
		json_gen_string(j, "paths");
		j_strv(j, op->paths, op->n_paths);
	}
}

/* An id-mapped bind: recursive or not, and its maps (none: the
 * container's user namespace's). */
static void j_idmap(struct json_gen *j, const struct op_idmap *idmap)
{
	json_gen_string(j, "idmap");
	json_gen_open(j, true);
	json_gen_string(j, "recursive");
	json_gen_bool(j, idmap->recursive);
	if (idmap->n_uid_map) {
		j_maps(j, "uidMappings", idmap->uid_map, idmap->n_uid_map);
		j_maps(j, "gidMappings", idmap->gid_map, idmap->n_gid_map);
	}
	json_gen_close(j, true);
}

static void j_phases(struct json_gen *j, const struct op_type *t)
{
	json_gen_open(j, false);
	if (t->early)
		json_gen_string(j, "early");
	if (t->apply)
		json_gen_string(j, "apply");
	if (t->late)
		json_gen_string(j, "late");
	json_gen_close(j, false);
}

static int j_ops(struct json_gen *j, const struct plan *plan, struct hrun_error *err)
{
	json_gen_string(j, "ops");
	json_gen_open(j, false);
	for (size_t i = 0; i < plan->n_ops; i++) {
		const struct op *op = &plan->ops[i];
		char *line = describe(op);

		if (!line)
			return hrun_error_set(err, ENOMEM, "print the plan");
		json_gen_open(j, true);
		json_gen_string(j, "type");
		json_gen_string(j, op->type->name);
		json_gen_string(j, "phases");
		j_phases(j, op->type);
		j_op_fields(j, op);
		if (op->idmap)
			j_idmap(j, op->idmap);
		json_gen_string(j, "describe");
		json_gen_string(j, line);
		json_gen_close(j, true);
		free(line);
	}
	json_gen_close(j, false);
	return 0;
}

static int generate(struct json_gen *j, const struct plan *plan, struct hrun_error *err)
{
	json_gen_open(j, true);
	json_gen_string(j, "rootfs");
	json_gen_string(j, plan->rootfs);
	j_process(j, &plan->process);
	j_namespaces(j, plan);
	json_gen_string(j, "rootfsPropagation");
	json_gen_string(j, mount_propagation_name(plan->rootfs_propagation));
	json_gen_string(j, "adoptWaitMs");
	json_gen_int(j, plan->adopt_wait_ms);
	json_gen_string(j, "init");
	json_gen_string(j, plan_init_name(plan->init));
	j_hooks(j, plan->hooks);
	if (j_seccomp(j, plan->process.seccomp, err) < 0 || j_ops(j, plan, err) < 0)
		return -1;
	json_gen_close(j, true);
	return 0;
}

int plan_print_json(const struct plan *plan, FILE *out, struct hrun_error *err)
{
	struct json_gen j;
	const unsigned char *buf;
	size_t len;
	int r;

	if (json_gen_init(&j, "  ", "print the plan", err) < 0)
		return -1;
	r = generate(&j, plan, err);
	if (r == 0)
		r = json_gen_buf(&j, &buf, &len, "print the plan", err);
	if (r == 0 && (fwrite(buf, 1, len, out) != len || ferror(out)))
		r = hrun_error_set(err, EIO, "print the plan");
	json_gen_free(&j);
	return r;
}
