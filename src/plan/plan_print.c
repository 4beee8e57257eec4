/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `hrun plan`: the plan as text, one setting a line, then one op a line in
 * execution order.  The unit tests compare this text: keep it stable. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "oci/spec.h"
#include "plan/caps.h"
#include "plan/mount_options.h"
#include "plan/plan_internal.h"
#include "plan/plan_print.h"
#include "plan/rlimits.h"
#include "seccomp/seccomp.h"
#include "util/error.h"

#define LABEL "%-12s "

/* Print s as is when it is plain, else in double quotes with \ escapes. */
static void print_word(FILE *out, const char *s)
{
	const char *plain =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:=@%+,-";

	if (s[0] && strspn(s, plain) == strlen(s)) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (const char *c = s; *c; c++) {
		if (*c == '"' || *c == '\\')
			fprintf(out, "\\%c", *c);
		else if ((unsigned char)*c < 0x20)
			fprintf(out, "\\x%02x", (unsigned char)*c);
		else
			fputc(*c, out);
	}
	fputc('"', out);
}

static void print_caps(FILE *out, const char *label, uint64_t set)
{
	const char *sep = "";
	char name[64];

	fprintf(out, LABEL, label);
	if (!set)
		fputc('-', out);
	for (int cap = 0; cap < 64; cap++) {
		if (!(set & (UINT64_C(1) << cap)))
			continue;
		fprintf(out, "%s%s", sep, caps_name(cap, name, sizeof name));
		sep = ",";
	}
	fputc('\n', out);
}

static void print_limit(FILE *out, const char *what, rlim_t value)
{
	if (value == RLIM_INFINITY)
		fprintf(out, " %s=unlimited", what);
	else
		fprintf(out, " %s=%" PRIu64, what, (uint64_t)value);
}

static void print_user(FILE *out, const struct plan_process *p)
{
	fprintf(out, LABEL "uid=%u gid=%u groups=", "user", (unsigned)p->uid, (unsigned)p->gid);
	for (size_t i = 0; i < p->n_additional_gids; i++)
		fprintf(out, "%s%u", i ? "," : "", (unsigned)p->additional_gids[i]);
	fputc('\n', out);
	if (p->has_umask)
		fprintf(out, LABEL "%04o\n", "umask", (unsigned)p->umask);
	else
		fprintf(out, LABEL "-\n", "umask");
}

static void print_process(FILE *out, const struct plan_process *p)
{
	fprintf(out, LABEL, "args");
	for (size_t i = 0; p->args && p->args[i]; i++) {
		if (i)
			fputc(' ', out);
		print_word(out, p->args[i]);
	}
	fputc('\n', out);
	for (size_t i = 0; p->env && p->env[i]; i++)
		fprintf(out, LABEL "%s\n", "env", p->env[i]);
	fprintf(out, LABEL "%s\n", "cwd", p->cwd);
	print_user(out, p);
	fprintf(out, LABEL "%s\n", "terminal", p->terminal ? "yes" : "no");
	if (p->console_height || p->console_width)
		fprintf(out, LABEL "%ux%u\n", "console", p->console_height, p->console_width);
	fprintf(out, LABEL "%s\n", "nnp", p->no_new_privileges ? "yes" : "no");
	if (p->has_oom_score_adj)
		fprintf(out, LABEL "%d\n", "oom", p->oom_score_adj);
	else
		fprintf(out, LABEL "-\n", "oom");
	print_caps(out, "bounding", p->caps.bounding);
	print_caps(out, "effective", p->caps.effective);
	print_caps(out, "permitted", p->caps.permitted);
	print_caps(out, "inheritable", p->caps.inheritable);
	print_caps(out, "ambient", p->caps.ambient);
	for (size_t i = 0; i < p->n_rlimits; i++) {
		fprintf(out, LABEL "%s", "rlimit", rlimit_name(p->rlimits[i].resource));
		print_limit(out, "soft", p->rlimits[i].limit.rlim_cur);
		print_limit(out, "hard", p->rlimits[i].limit.rlim_max);
		fputc('\n', out);
	}
	plan_print_attrs(out, &p->attrs);
}

static void print_maps(FILE *out, const char *label, const struct plan_id_map *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(out, LABEL "%" PRIu32 " %" PRIu32 " %" PRIu32 "\n", label,
			m[i].container_id, m[i].host_id, m[i].size);
}

static void print_namespaces(FILE *out, const struct plan *plan)
{
	const char *sep = "";

	fprintf(out, LABEL, "namespaces");
	for (size_t i = 0; i < plan_n_ns_names; i++) {
		if (!(plan_new_namespaces(plan) & plan_ns_names[i].flag))
			continue;
		fprintf(out, "%s%s", sep, plan_ns_names[i].name);
		sep = ",";
	}
	fputs(*sep ? "\n" : "-\n", out);
	if (plan->host_mount_ns)
		fprintf(out, LABEL "%s\n", "mount_ns", "host's (the root is carried into it)");
	for (size_t i = 0; i < plan->n_joins; i++)
		fprintf(out, LABEL "%s %s\n", "join", plan_ns_name(plan->joins[i].nstype),
			plan->joins[i].path);
	print_maps(out, "uid_map", plan->uid_map, plan->n_uid_map);
	print_maps(out, "gid_map", plan->gid_map, plan->n_gid_map);
	fprintf(out, LABEL "%s\n", "hostname", plan->hostname ? plan->hostname : "-");
	fprintf(out, LABEL "%s\n", "domainname", plan->domainname ? plan->domainname : "-");
	fprintf(out, LABEL "%s\n", "loopback", plan->loopback ? "yes" : "no");
	plan_print_linux(out, plan);
}

static void print_hook_list(FILE *out, const char *kind, const struct oci_hook *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(out, LABEL "%s ", "hook", kind);
		print_word(out, h[i].path);
		for (size_t a = 0; a < h[i].n_args; a++) {
			fputs(a ? " " : " args=", out);
			print_word(out, h[i].args[a]);
		}
		for (size_t e = 0; e < h[i].n_env; e++) {
			fputs(" env=", out);
			print_word(out, h[i].env[e]);
		}
		if (h[i].has_timeout)
			fprintf(out, " timeout=%ds", (int)h[i].timeout);
		fputc('\n', out);
	}
}

const char *plan_hook_kind(const struct oci_hooks *h, size_t i, const struct oci_hook **list,
			   size_t *n)
{
	const struct {
		const char *name;
		const struct oci_hook *list;
		size_t n;
	} kinds[PLAN_N_HOOK_KINDS] = {
		{"prestart", h->prestart, h->n_prestart},
		{"createRuntime", h->create_runtime, h->n_create_runtime},
		{"createContainer", h->create_container, h->n_create_container},
		{"startContainer", h->start_container, h->n_start_container},
		{"poststart", h->poststart, h->n_poststart},
		{"poststop", h->poststop, h->n_poststop},
	};

	*list = kinds[i].list;
	*n = kinds[i].n;
	return kinds[i].name;
}

static void print_hooks(FILE *out, const struct oci_hooks *h)
{
	const struct oci_hook *list;
	size_t n;

	for (size_t i = 0; h && i < PLAN_N_HOOK_KINDS; i++) {
		const char *kind = plan_hook_kind(h, i, &list, &n);

		print_hook_list(out, kind, list, n);
	}
}

static void print_ops(FILE *out, const struct plan *plan)
{
	char phases[32];

	fputs("ops\n", out);
	for (size_t i = 0; i < plan->n_ops; i++) {
		const struct op *op = &plan->ops[i];

		fprintf(out, "%-2zu %-11s  ", i, op_phases(op->type, phases, sizeof phases));
		op->type->describe(op, out);
		fputc('\n', out);
	}
}

static int print_text(const struct plan *plan, FILE *out, struct hrun_error *err)
{
	const char *prop = mount_propagation_name(plan->rootfs_propagation);

	fprintf(out, LABEL "%s\n", "rootfs", plan->rootfs);
	print_process(out, &plan->process);
	print_namespaces(out, plan);
	fprintf(out, LABEL "%s\n", "propagation", prop ? prop : "-");
	fprintf(out, LABEL "%dms\n", "adopt-wait", plan->adopt_wait_ms);
	fprintf(out, LABEL "%s\n", "init", plan_init_name(plan->init));
	print_hooks(out, plan->hooks);
	print_ops(out, plan);
	if (plan->process.seccomp) {
		fputs("seccomp\n", out);
		if (seccomp_filter_print(plan->process.seccomp, "  ", out, err) < 0)
			return -1;
	}
	if (ferror(out))
		return hrun_error_set(err, EIO, "print the plan");
	return 0;
}

int plan_print(const struct plan *plan, enum plan_format format, FILE *out, struct hrun_error *err)
{
	if (format == PLAN_JSON)
		return plan_print_json(plan, out, err);
	return print_text(plan, out, err);
}
