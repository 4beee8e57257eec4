/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `hrun plan --format json`: the same content as the text, as one object. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

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

/* A generator that remembers its first failure, so callers need not check
 * every call. */
struct jgen {
	yajl_gen g;
	yajl_gen_status status;
};

#define J(j, call)                                                                                 \
	do {                                                                                       \
		if ((j)->status == yajl_gen_status_ok)                                             \
			(j)->status = (call);                                                      \
	} while (0)

static void j_str(struct jgen *j, const char *s)
{
	if (s)
		J(j, yajl_gen_string(j->g, (const unsigned char *)s, strlen(s)));
	else
		J(j, yajl_gen_null(j->g));
}

static void j_int(struct jgen *j, long long v)
{
	J(j, yajl_gen_integer(j->g, v));
}

static void j_bool(struct jgen *j, bool v)
{
	J(j, yajl_gen_bool(j->g, v));
}

static void j_open(struct jgen *j, bool map)
{
	J(j, map ? yajl_gen_map_open(j->g) : yajl_gen_array_open(j->g));
}

static void j_close(struct jgen *j, bool map)
{
	J(j, map ? yajl_gen_map_close(j->g) : yajl_gen_array_close(j->g));
}

static void j_strv(struct jgen *j, char *const *v, size_t n)
{
	j_open(j, false);
	for (size_t i = 0; v && i < n && v[i]; i++)
		j_str(j, v[i]);
	j_close(j, false);
}

static void j_caps(struct jgen *j, const char *key, uint64_t set)
{
	char name[64];

	j_str(j, key);
	j_open(j, false);
	for (int cap = 0; cap < 64; cap++)
		if (set & (UINT64_C(1) << cap))
			j_str(j, caps_name(cap, name, sizeof name));
	j_close(j, false);
}

static void j_rlimits(struct jgen *j, const struct plan_process *p)
{
	j_str(j, "rlimits");
	j_open(j, false);
	for (size_t i = 0; i < p->n_rlimits; i++) {
		j_open(j, true);
		j_str(j, "type");
		j_str(j, rlimit_name(p->rlimits[i].resource));
		j_str(j, "soft");
		j_int(j, (long long)p->rlimits[i].limit.rlim_cur);
		j_str(j, "hard");
		j_int(j, (long long)p->rlimits[i].limit.rlim_max);
		j_close(j, true);
	}
	j_close(j, false);
}

/* "key": value, only for what is configured. */
static void j_key_str(struct jgen *j, const char *key, const char *value)
{
	if (!value)
		return;
	j_str(j, key);
	j_str(j, value);
}

static void j_bitmap(struct jgen *j, const char *key, const struct plan_bitmap *b)
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

static void j_flags(struct jgen *j, const struct name_table *t, uint64_t flags)
{
	j_str(j, "flags");
	j_open(j, false);
	for (size_t i = 0; i < t->n; i++)
		if (flags & t->v[i].value)
			j_str(j, t->v[i].name);
	j_close(j, false);
}

static void j_sched(struct jgen *j, const struct plan_sched *s)
{
	j_str(j, "scheduler");
	j_open(j, true);
	j_key_str(j, "policy", names_name(&plan_sched_policies, (uint64_t)s->policy));
	j_str(j, "nice");
	j_int(j, s->nice);
	j_str(j, "priority");
	j_int(j, s->priority);
	j_flags(j, &plan_sched_flags, s->flags);
	j_str(j, "runtime");
	j_int(j, (long long)s->runtime);
	j_str(j, "deadline");
	j_int(j, (long long)s->deadline);
	j_str(j, "period");
	j_int(j, (long long)s->period);
	j_close(j, true);
}

static void j_attrs(struct jgen *j, const struct plan_attrs *a)
{
	if (a->has_personality)
		j_key_str(j, "personality", names_name(&plan_personalities, a->personality));
	if (a->sched.set)
		j_sched(j, &a->sched);
	if (a->has_ioprio) {
		j_str(j, "ioPriority");
		j_open(j, true);
		j_key_str(j, "class", names_name(&plan_ioprio_classes, (uint64_t)a->ioprio_class));
		j_str(j, "priority");
		j_int(j, a->ioprio_level);
		j_close(j, true);
	}
	j_bitmap(j, "cpusInitial", &a->cpus_initial);
	j_bitmap(j, "cpusFinal", &a->cpus_final);
	if (a->mempolicy.set) {
		j_str(j, "memoryPolicy");
		j_open(j, true);
		j_key_str(j, "mode", names_name(&plan_mempolicy_modes, (uint64_t)a->mempolicy.mode));
		j_bitmap(j, "nodes", &a->mempolicy.nodes);
		j_flags(j, &plan_mempolicy_flags, a->mempolicy.flags);
		j_close(j, true);
	}
	j_key_str(j, "apparmorProfile", a->apparmor_profile);
	j_key_str(j, "selinuxLabel", a->selinux_label);
}

static void j_process(struct jgen *j, const struct plan_process *p)
{
	j_str(j, "process");
	j_open(j, true);
	j_str(j, "args");
	j_strv(j, p->args, SIZE_MAX);
	j_str(j, "env");
	j_strv(j, p->env, SIZE_MAX);
	j_str(j, "cwd");
	j_str(j, p->cwd);
	j_str(j, "uid");
	j_int(j, p->uid);
	j_str(j, "gid");
	j_int(j, p->gid);
	j_str(j, "additionalGids");
	j_open(j, false);
	for (size_t i = 0; i < p->n_additional_gids; i++)
		j_int(j, p->additional_gids[i]);
	j_close(j, false);
	j_str(j, "umask");
	p->has_umask ? j_int(j, p->umask) : j_str(j, NULL);
	j_str(j, "terminal");
	j_bool(j, p->terminal);
	if (p->console_height || p->console_width) {
		j_str(j, "consoleSize");
		j_open(j, true);
		j_str(j, "height");
		j_int(j, p->console_height);
		j_str(j, "width");
		j_int(j, p->console_width);
		j_close(j, true);
	}
	j_str(j, "noNewPrivileges");
	j_bool(j, p->no_new_privileges);
	j_str(j, "oomScoreAdj");
	p->has_oom_score_adj ? j_int(j, p->oom_score_adj) : j_str(j, NULL);
	j_str(j, "capabilities");
	j_open(j, true);
	j_caps(j, "bounding", p->caps.bounding);
	j_caps(j, "effective", p->caps.effective);
	j_caps(j, "permitted", p->caps.permitted);
	j_caps(j, "inheritable", p->caps.inheritable);
	j_caps(j, "ambient", p->caps.ambient);
	j_close(j, true);
	j_rlimits(j, p);
	j_attrs(j, &p->attrs);
	j_close(j, true);
}

static void j_maps(struct jgen *j, const char *key, const struct plan_id_map *m, size_t n)
{
	j_str(j, key);
	j_open(j, false);
	for (size_t i = 0; i < n; i++) {
		j_open(j, true);
		j_str(j, "containerID");
		j_int(j, m[i].container_id);
		j_str(j, "hostID");
		j_int(j, m[i].host_id);
		j_str(j, "size");
		j_int(j, m[i].size);
		j_close(j, true);
	}
	j_close(j, false);
}

/* Only when configured: the group (no closID: the container id), the
 * lines that must agree with an existing group (schema), the others. */
static void j_rdt(struct jgen *j, const struct plan_rdt *r)
{
	if (!r)
		return;
	j_str(j, "intelRdt");
	j_open(j, true);
	j_key_str(j, "closID", r->clos_id);
	j_str(j, "schema");
	j_strv(j, r->schemata, r->n_schema);
	j_str(j, "schemata");
	j_strv(j, r->schemata + r->n_schema, r->n_schemata - r->n_schema);
	j_str(j, "monitoring");
	j_bool(j, r->monitoring);
	j_close(j, true);
}

static void j_linux(struct jgen *j, const struct plan *plan)
{
	j_str(j, "timeOffsets");
	j_open(j, false);
	for (size_t i = 0; i < plan->n_time_offsets; i++) {
		const struct plan_time_offset *o = &plan->time_offsets[i];

		j_open(j, true);
		j_key_str(j, "clock", names_name(&plan_clocks, (uint64_t)o->clock));
		j_str(j, "secs");
		j_int(j, o->secs);
		j_str(j, "nanosecs");
		j_int(j, o->nanosecs);
		j_close(j, true);
	}
	j_close(j, false);
	j_str(j, "netDevices");
	j_open(j, false);
	for (size_t i = 0; i < plan->n_net_devices; i++) {
		j_open(j, true);
		j_key_str(j, "hostName", plan->net_devices[i].host_name);
		j_key_str(j, "name", plan->net_devices[i].name);
		j_close(j, true);
	}
	j_close(j, false);
	j_key_str(j, "mountLabel", plan->mount_label);
	j_rdt(j, plan->intel_rdt);
}

static void j_namespaces(struct jgen *j, const struct plan *plan)
{
	j_str(j, "namespaces");
	j_open(j, false);
	for (size_t i = 0; i < plan_n_ns_names; i++)
		if (plan_new_namespaces(plan) & plan_ns_names[i].flag)
			j_str(j, plan_ns_names[i].name);
	j_close(j, false);
	j_str(j, "hostMountNamespace");
	j_bool(j, plan->host_mount_ns);
	j_str(j, "joins");
	j_open(j, false);
	for (size_t i = 0; i < plan->n_joins; i++) {
		j_open(j, true);
		j_str(j, "type");
		j_str(j, plan_ns_name(plan->joins[i].nstype));
		j_str(j, "path");
		j_str(j, plan->joins[i].path);
		j_close(j, true);
	}
	j_close(j, false);
	j_maps(j, "uidMappings", plan->uid_map, plan->n_uid_map);
	j_maps(j, "gidMappings", plan->gid_map, plan->n_gid_map);
	j_str(j, "hostname");
	j_str(j, plan->hostname);
	j_str(j, "domainname");
	j_str(j, plan->domainname);
	j_str(j, "loopback");
	j_bool(j, plan->loopback);
	j_linux(j, plan);
}

static void j_hook_list(struct jgen *j, const char *kind, const struct oci_hook *h, size_t n)
{
	if (!n)
		return;
	j_str(j, kind);
	j_open(j, false);
	for (size_t i = 0; i < n; i++) {
		j_open(j, true);
		j_str(j, "path");
		j_str(j, h[i].path);
		j_str(j, "args");
		j_strv(j, h[i].args, h[i].n_args);
		j_str(j, "env");
		j_strv(j, h[i].env, h[i].n_env);
		if (h[i].has_timeout) {
			j_str(j, "timeout");
			j_int(j, h[i].timeout);
		}
		j_close(j, true);
	}
	j_close(j, false);
}

static void j_hooks(struct jgen *j, const struct oci_hooks *h)
{
	const struct oci_hook *list;
	size_t n;

	if (!h)
		return;
	j_str(j, "hooks");
	j_open(j, true);
	for (size_t i = 0; i < PLAN_N_HOOK_KINDS; i++) {
		const char *kind = plan_hook_kind(h, i, &list, &n);

		j_hook_list(j, kind, list, n);
	}
	j_close(j, true);
}

/* The seccomp rules as the text form prints them, one string a line. */
static int j_seccomp(struct jgen *j, const struct seccomp_filter *f, struct hrun_error *err)
{
	char *text = NULL, *save = NULL;
	size_t len = 0;
	FILE *m;

	if (!f)
		return 0;
	m = open_memstream(&text, &len);
	if (!m)
		return hrun_error_errno(err, "print the plan");
	if (seccomp_filter_print(f, "", m, err) < 0) {
		fclose(m);
		free(text);
		return -1;
	}
	fclose(m);
	j_str(j, "seccomp");
	j_open(j, false);
	for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
		j_str(j, line);
	j_close(j, false);
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

static void j_op_fields(struct jgen *j, const struct op *op)
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
		j_str(j, fields[i][0]);
		j_str(j, fields[i][1]);
	}
	if (n) {
		j_str(j, "options");
		j_strv(j, (char *const *)names, n);
	}
	if (op->n_paths) {
		j_str(j, "paths");
		j_strv(j, op->paths, op->n_paths);
	}
}

/* An id-mapped bind: recursive or not, and its maps (none: the
 * container's user namespace's). */
static void j_idmap(struct jgen *j, const struct op_idmap *idmap)
{
	j_str(j, "idmap");
	j_open(j, true);
	j_str(j, "recursive");
	j_bool(j, idmap->recursive);
	if (idmap->n_uid_map) {
		j_maps(j, "uidMappings", idmap->uid_map, idmap->n_uid_map);
		j_maps(j, "gidMappings", idmap->gid_map, idmap->n_gid_map);
	}
	j_close(j, true);
}

static void j_phases(struct jgen *j, const struct op_type *t)
{
	j_open(j, false);
	if (t->early)
		j_str(j, "early");
	if (t->apply)
		j_str(j, "apply");
	if (t->late)
		j_str(j, "late");
	j_close(j, false);
}

static int j_ops(struct jgen *j, const struct plan *plan, struct hrun_error *err)
{
	j_str(j, "ops");
	j_open(j, false);
	for (size_t i = 0; i < plan->n_ops; i++) {
		const struct op *op = &plan->ops[i];
		char *line = describe(op);

		if (!line)
			return hrun_error_set(err, ENOMEM, "print the plan");
		j_open(j, true);
		j_str(j, "type");
		j_str(j, op->type->name);
		j_str(j, "phases");
		j_phases(j, op->type);
		j_op_fields(j, op);
		if (op->idmap)
			j_idmap(j, op->idmap);
		j_str(j, "describe");
		j_str(j, line);
		j_close(j, true);
		free(line);
	}
	j_close(j, false);
	return 0;
}

static int generate(struct jgen *j, const struct plan *plan, struct hrun_error *err)
{
	j_open(j, true);
	j_str(j, "rootfs");
	j_str(j, plan->rootfs);
	j_process(j, &plan->process);
	j_namespaces(j, plan);
	j_str(j, "rootfsPropagation");
	j_str(j, mount_propagation_name(plan->rootfs_propagation));
	j_str(j, "adoptWaitMs");
	j_int(j, plan->adopt_wait_ms);
	j_hooks(j, plan->hooks);
	if (j_seccomp(j, plan->process.seccomp, err) < 0 || j_ops(j, plan, err) < 0)
		return -1;
	j_close(j, true);
	if (j->status != yajl_gen_status_ok)
		return hrun_error_set(err, 0, "print the plan: yajl_gen error %d", (int)j->status);
	return 0;
}

int plan_print_json(const struct plan *plan, FILE *out, struct hrun_error *err)
{
	struct jgen j = {.g = yajl_gen_alloc(NULL), .status = yajl_gen_status_ok};
	const unsigned char *buf;
	size_t len;
	int r;

	if (!j.g)
		return hrun_error_set(err, ENOMEM, "print the plan");
	yajl_gen_config(j.g, yajl_gen_beautify, 1);
	yajl_gen_config(j.g, yajl_gen_indent_string, "  ");
	r = generate(&j, plan, err);
	if (r == 0 && yajl_gen_get_buf(j.g, &buf, &len) == yajl_gen_status_ok &&
	    (fwrite(buf, 1, len, out) != len || ferror(out)))
		r = hrun_error_set(err, EIO, "print the plan");
	yajl_gen_free(j.g);
	return r;
}
