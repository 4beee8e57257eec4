/* SPDX-License-Identifier: GPL-2.0-or-later */
/* process: the workload's settings, every name resolved to a number. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "oci/spec.h"
#include "plan/caps.h"
#include "plan/plan_internal.h"
#include "plan/rlimits.h"
#include "seccomp/seccomp.h"
#include "util/error.h"

static int build_caps(struct plan_caps *caps, const struct oci_capabilities *c,
		      struct hrun_error *err)
{
	if (!c)
		return 0;
	if (caps_from_names(c->bounding, c->n_bounding, &caps->bounding,
			    "process.capabilities.bounding", err) < 0 ||
	    caps_from_names(c->effective, c->n_effective, &caps->effective,
			    "process.capabilities.effective", err) < 0 ||
	    caps_from_names(c->permitted, c->n_permitted, &caps->permitted,
			    "process.capabilities.permitted", err) < 0 ||
	    caps_from_names(c->inheritable, c->n_inheritable, &caps->inheritable,
			    "process.capabilities.inheritable", err) < 0 ||
	    caps_from_names(c->ambient, c->n_ambient, &caps->ambient,
			    "process.capabilities.ambient", err) < 0)
		return -1;
	return 0;
}

static int build_rlimits(struct plan_process *proc, const struct oci_process *p,
			 struct hrun_error *err)
{
	proc->rlimits = plan_alloc(p->n_rlimits, sizeof *proc->rlimits, err);
	if (!proc->rlimits)
		return -1;
	for (size_t i = 0; i < p->n_rlimits; i++) {
		const struct oci_rlimit *r = &p->rlimits[i];
		int resource = r->type ? rlimit_from_name(r->type) : -1;

		if (resource < 0)
			return hrun_error_set(err, 0,
					      "process.rlimits[%zu].type: unknown rlimit \"%s\"", i,
					      r->type ? r->type : "");
		for (size_t j = 0; j < i; j++)
			if (proc->rlimits[j].resource == resource)
				return hrun_error_set(err, 0,
						      "process.rlimits[%zu].type: duplicate \"%s\"",
						      i, r->type);
		if (r->soft > r->hard)
			return hrun_error_set(
				err, 0, "process.rlimits[%zu]: soft limit above the hard limit", i);
		proc->rlimits[i].resource = resource;
		proc->rlimits[i].limit.rlim_cur = r->soft;
		proc->rlimits[i].limit.rlim_max = r->hard;
		proc->n_rlimits = i + 1;
	}
	return 0;
}

static int build_user(struct plan_process *proc, const struct oci_user *u, struct hrun_error *err)
{
	proc->uid = u->uid;
	proc->gid = u->gid;
	proc->has_umask = u->has_umask;
	proc->umask = (mode_t)(u->umask & 07777);
	proc->additional_gids =
		plan_alloc(u->n_additional_gids, sizeof *proc->additional_gids, err);
	if (!proc->additional_gids)
		return -1;
	for (size_t i = 0; i < u->n_additional_gids; i++)
		proc->additional_gids[i] = u->additional_gids[i];
	proc->n_additional_gids = u->n_additional_gids;
	return 0;
}

/* Whether env[i]'s name comes again later in env: runc and crun keep only
 * the last value of a name (getenv would find the first), where it stands. */
static bool overridden(char *const *env, size_t n, size_t i)
{
	size_t len = strcspn(env[i], "=") + 1;

	for (size_t j = i + 1; j < n; j++)
		if (strncmp(env[j], env[i], len) == 0)
			return true;
	return false;
}

/* process.env, each entry NAME=VALUE (runc refuses anything else), each
 * name once. */
static int build_env(struct plan_process *proc, const struct oci_process *p,
		     struct hrun_error *err)
{
	size_t n = p->env ? p->n_env : 0, kept = 0;

	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(p->env[i], '=');

		if (!eq || eq == p->env[i])
			return hrun_error_set(err, 0,
					      "process.env[%zu]: invalid environment variable "
					      "\"%s\": %s", i, p->env[i],
					      eq ? "the name is empty" : "missing '='");
	}
	if (!(proc->env = plan_alloc(n + 1, sizeof *proc->env, err)))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!overridden(p->env, n, i) && !(proc->env[kept++] = plan_strdup(p->env[i], err)))
			return -1;
	return 0;
}

static int build_command(struct plan_process *proc, const struct oci_process *p,
			 struct hrun_error *err)
{
	const char *cwd = p->cwd ? p->cwd : "/";

	if (!p->args || p->n_args == 0 || !p->args[0] || !p->args[0][0])
		return hrun_error_set(err, 0, "process.args: required");
	if (cwd[0] != '/')
		return hrun_error_set(err, 0, "process.cwd: must be an absolute path");
	if (!(proc->args = plan_strv_dup(p->args, p->n_args, err)) ||
	    build_env(proc, p, err) < 0 ||
	    !(proc->cwd = plan_strdup(cwd, err)))
		return -1;
	return 0;
}

int plan_build_process(struct plan_process *proc, const struct oci_spec *spec,
		       struct hrun_error *err)
{
	const struct oci_process *p = spec->process;

	if (!p)
		return hrun_error_set(err, 0, "process: required");
	if (p->has_oom_score_adj && (p->oom_score_adj < -1000 || p->oom_score_adj > 1000))
		return hrun_error_set(err, 0,
				      "process.oomScoreAdj: must be between -1000 and 1000");
	if (build_command(proc, p, err) < 0 || build_user(proc, &p->user, err) < 0 ||
	    build_caps(&proc->caps, p->capabilities, err) < 0 || build_rlimits(proc, p, err) < 0 ||
	    plan_build_attrs(&proc->attrs, spec, err) < 0 ||
	    seccomp_filter_build(spec, &proc->seccomp, err) < 0)
		return -1;
	proc->no_new_privileges = p->no_new_privileges;
	proc->terminal = p->terminal;
	if (p->console_size) {
		proc->console_height = p->console_size->height;
		proc->console_width = p->console_size->width;
	}
	proc->has_oom_score_adj = p->has_oom_score_adj;
	proc->oom_score_adj = p->oom_score_adj;
	return 0;
}

void plan_process_free(struct plan_process *proc)
{
	plan_strv_free(proc->args);
	plan_strv_free(proc->env);
	free(proc->cwd);
	free(proc->additional_gids);
	free(proc->rlimits);
	plan_attrs_free(&proc->attrs);
	seccomp_filter_free(proc->seccomp);
}
