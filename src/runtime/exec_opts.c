/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "runtime/exec.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "oci/spec.h"
#include "util/cleanup.h"
#include "util/env.h"

/* Append a copy of s to a counted, NULL-terminated vector. */
static int strv_add(char ***v, size_t *n, const char *s, struct hrun_error *err)
{
	char **grown = realloc(*v, (*n + 2) * sizeof *grown);

	if (!grown)
		return hrun_error_errno(err, "exec: allocate");
	*v = grown;
	grown[*n] = strdup(s);
	if (!grown[*n])
		return hrun_error_errno(err, "exec: allocate");
	grown[++*n] = NULL;
	return 0;
}

static void strv_clear(char ***v, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}

/* K=V replaces an existing K=... or is appended. */
static int env_set(struct oci_process *p, const char *kv, struct hrun_error *err)
{
	size_t klen = strcspn(kv, "=");

	if (kv[klen] != '=' || klen == 0)
		return hrun_error_set(err, 0, "exec: --env `%s`: not KEY=VALUE", kv);
	if (env_put(&p->env, &p->n_env, kv) < 0)
		return hrun_error_errno(err, "exec: allocate");
	return 0;
}

/* A decimal id: no sign, no space, no overflow, not (uid_t)-1. */
static int parse_id(const char *text, size_t len, uint32_t *out)
{
	uint64_t v = 0;

	if (len == 0 || len > 10)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (text[i] < '0' || text[i] > '9')
			return -1;
		v = v * 10 + (uint64_t)(text[i] - '0');
	}
	if (v >= UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

int exec_parse_user(const char *text, uid_t *uid, gid_t *gid, struct hrun_error *err)
{
	size_t ulen = strcspn(text, ":");
	uint32_t u, g = 0;

	if (parse_id(text, ulen, &u) < 0 ||
	    (text[ulen] == ':' && parse_id(text + ulen + 1, strlen(text + ulen + 1), &g) < 0))
		return hrun_error_set(err, 0, "exec: --user `%s`: expected UID[:GID] in numbers",
				      text);
	*uid = u;
	if (text[ulen] == ':')
		*gid = g;
	return 0;
}

/* Each --additional-gids value, G[,G...], is added to the config's groups
 * (runc appends them too): repeating the option accumulates. */
static int add_gids(const char *const *texts, size_t n_texts, struct oci_user *user,
		    struct hrun_error *err)
{
	size_t n = user->n_additional_gids;
	uint32_t *grown;

	for (size_t t = 0; t < n_texts; t++)
		for (const char *c = texts[t]; c; c = strchr(c, ','), c = c ? c + 1 : NULL)
			n++;
	if (n == user->n_additional_gids)
		return 0;
	grown = realloc(user->additional_gids, n * sizeof *grown);
	if (!grown)
		return hrun_error_errno(err, "exec: allocate");
	user->additional_gids = grown;
	for (size_t t = 0; t < n_texts; t++)
		for (const char *c = texts[t];; c += strcspn(c, ",") + 1) {
			size_t len = strcspn(c, ",");

			if (parse_id(c, len, &grown[user->n_additional_gids]) < 0)
				return hrun_error_set(err, 0,
						      "exec: --additional-gids `%s`: expected "
						      "numbers separated by commas",
						      texts[t]);
			user->n_additional_gids++;
			if (c[len] == '\0')
				break;
		}
	return 0;
}

static int add_caps(struct oci_process *p, const char *const *caps, size_t n,
		    struct hrun_error *err)
{
	struct oci_capabilities *c = p->capabilities;

	if (n == 0)
		return 0;
	if (!c && !(c = p->capabilities = calloc(1, sizeof *c)))
		return hrun_error_errno(err, "exec: allocate");
	/* never the inheritable set: CVE-2022-29162 */
	for (size_t i = 0; i < n; i++)
		if (strv_add(&c->bounding, &c->n_bounding, caps[i], err) < 0 ||
		    strv_add(&c->effective, &c->n_effective, caps[i], err) < 0 ||
		    strv_add(&c->permitted, &c->n_permitted, caps[i], err) < 0)
			return -1;
	return 0;
}

static int replace_string(char **field, const char *value, struct hrun_error *err)
{
	char *copy = strdup(value);

	if (!copy)
		return hrun_error_errno(err, "exec: allocate");
	free(*field);
	*field = copy;
	return 0;
}

static int load_process_file(struct oci_spec *spec, const char *path, struct hrun_error *err)
{
	struct oci_process *p = oci_process_load(path, err);

	if (!p)
		return hrun_error_prefix(err, "exec: --process");
	oci_process_free(spec->process);
	spec->process = p;
	return 0;
}

static int set_args(struct oci_process *p, char *const *args, size_t n, struct hrun_error *err)
{
	if (n == 0)
		return hrun_error_set(err, 0, "exec: missing command (or --process FILE)");
	strv_clear(&p->args, &p->n_args);
	for (size_t i = 0; i < n; i++)
		if (strv_add(&p->args, &p->n_args, args[i], err) < 0)
			return -1;
	return 0;
}

int exec_apply_opts(struct oci_spec *spec, const struct exec_opts *o, struct hrun_error *err)
{
	struct oci_process *p;

	if (o->process_file) {
		if (load_process_file(spec, o->process_file, err) < 0)
			return -1;
	} else if (!spec->process) {
		return hrun_error_set(err, 0, "exec: the container's config has no process");
	} else if (set_args(spec->process, o->args, o->n_args, err) < 0) {
		return -1;
	}
	p = spec->process;
	for (size_t i = 0; i < o->n_env; i++)
		if (env_set(p, o->env[i], err) < 0)
			return -1;
	if ((o->cwd && replace_string(&p->cwd, o->cwd, err) < 0) ||
	    (o->user && exec_parse_user(o->user, &p->user.uid, &p->user.gid, err) < 0) ||
	    add_gids(o->additional_gids, o->n_additional_gids, &p->user, err) < 0 ||
	    add_caps(p, o->caps, o->n_caps, err) < 0 ||
	    (o->apparmor && replace_string(&p->apparmor_profile, o->apparmor, err) < 0) ||
	    (o->process_label && replace_string(&p->selinux_label, o->process_label, err) < 0))
		return -1;
	if (o->no_new_privs)
		p->no_new_privileges = true;
	/* as runc: --tty decides, unless the process file does (containerd's
	 * shim passes the file and the console socket, without --tty) */
	if (!o->process_file)
		p->terminal = o->tty;
	else if (o->tty)
		p->terminal = true;
	return 0;
}
