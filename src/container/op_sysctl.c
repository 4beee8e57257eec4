/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.sysctl: set the container's own copy of namespaced kernel
 * parameters (the plan lets through only keys of a namespace the
 * container owns).
 *   paths  "key=value", in config order
 * Written through the host's /proc (/host/proc/sys/...), never through a
 * /proc of the container's making (CVE-2019-19921): a sysctl file belongs
 * to the namespaces of the process that opens it, and the init is in the
 * container's.  Runs after the mounts and before the read-only paths,
 * which usually hold /proc/sys. */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "container/op.h"
#include "container/sys.h"
#include "plan/sysctl.h"
#include "util/error.h"

#define SYSCTL_ROOT INIT_HOST "/proc/sys/"

/* The key of "key=value" into key[], its file into path[]; the value. */
static const char *split(const char *entry, char key[256], char path[PATH_MAX])
{
	const char *eq = strchr(entry, '=');
	char rel[256];
	size_t n = eq ? (size_t)(eq - entry) : 0;

	if (!eq || n >= 256)
		return NULL;
	memcpy(key, entry, n);
	key[n] = '\0';
	if (sysctl_path(key, rel, sizeof rel) < 0 ||
	    snprintf(path, PATH_MAX, SYSCTL_ROOT "%s", rel) >= PATH_MAX)
		return NULL;
	return eq + 1;
}

static int sysctl_valid(const struct op *op, struct hrun_error *err)
{
	char key[256], path[PATH_MAX];

	if (op->n_paths == 0)
		return hrun_error_set(err, 0, "no keys");
	for (size_t i = 0; i < op->n_paths; i++)
		if (!op->paths[i] || !split(op->paths[i], key, path))
			return hrun_error_set(err, 0, "paths[%zu]: not key=value with a valid key",
					      i);
	return 0;
}

static int sysctl_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	char key[256], path[PATH_MAX];

	for (size_t i = 0; i < op->n_paths; i++) {
		const char *value = split(op->paths[i], key, path);

		if (st->k->write_file(path, value, strlen(value)) < 0)
			return hrun_error_errno(err, "linux.sysctl[\"%s\"]: cannot write `%s`", key,
						value);
	}
	return 0;
}

static void sysctl_describe(const struct op *op, FILE *out)
{
	fputs("sysctl", out);
	for (size_t i = 0; i < op->n_paths; i++) {
		const char *eq = strchr(op->paths[i], '=');

		if (eq && strpbrk(eq, " \t"))
			fprintf(out, " %.*s\"%s\"", (int)(eq - op->paths[i] + 1), op->paths[i],
				eq + 1);
		else
			fprintf(out, " %s", op->paths[i]);
	}
}

const struct op_type op_sysctl_type = {
	.name = "sysctl",
	.valid = sysctl_valid,
	.apply = sysctl_apply,
	.describe = sysctl_describe,
};
