/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.sysctl: set the container's own copy of namespaced kernel
 * parameters (the plan lets through only keys of a namespace the
 * container owns).
 *   paths  "key=value", in config order
 * Written through the host's /proc (/host/proc/sys/...), never through a
 * /proc of the container's making (CVE-2019-19921): a sysctl file belongs
 * to the namespaces of the process that opens it, and the init is in the
 * container's.  Where the host's /proc/sys is read-only (hrun in a
 * container), through a procfs of the init's own, mounted for the while
 * in the intermediate root.  Runs after the mounts and before the
 * read-only paths, which usually hold /proc/sys. */
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/mount.h>

#include "container/op.h"
#include "container/sys.h"
#include "plan/sysctl.h"
#include "util/error.h"

#define HOST_PROC "/host/proc"
#define OWN_PROC  "/sysctl-proc" /* in the intermediate root */

/* The key of "key=value" into key[], its file under proc/sys into path[];
 * the value. */
static const char *split(const char *entry, const char *proc, char key[256], char path[PATH_MAX])
{
	const char *eq = strchr(entry, '=');
	char rel[256];
	size_t n = eq ? (size_t)(eq - entry) : 0;

	if (!eq || n >= 256)
		return NULL;
	memcpy(key, entry, n);
	key[n] = '\0';
	if (sysctl_path(key, rel, sizeof rel) < 0 ||
	    snprintf(path, PATH_MAX, "%s/sys/%s", proc, rel) >= PATH_MAX)
		return NULL;
	return eq + 1;
}

static int mount_own_proc(const struct sys *k, struct hrun_error *err)
{
	if (k->mkdir(OWN_PROC, 0700) < 0)
		return hrun_error_errno(err, "linux.sysctl: mkdir `%s`", OWN_PROC);
	if (k->mount("proc", OWN_PROC, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		return hrun_error_errno(err, "linux.sysctl: the host's /proc/sys is read-only, "
					     "and mount proc");
	return 0;
}

static int write_all(struct op *op, const struct sys *k, const char *proc, size_t *done,
		     struct hrun_error *err)
{
	char key[256], path[PATH_MAX];

	for (; *done < op->n_paths; (*done)++) {
		const char *value = split(op->paths[*done], proc, key, path);

		if (k->write_file(path, value, strlen(value)) < 0)
			return hrun_error_errno(err, "linux.sysctl[\"%s\"]: cannot write `%s`", key,
						value);
	}
	return 0;
}

static int sysctl_valid(const struct op *op, struct hrun_error *err)
{
	char key[256], path[PATH_MAX];

	if (op->n_paths == 0)
		return hrun_error_set(err, 0, "no keys");
	for (size_t i = 0; i < op->n_paths; i++)
		if (!op->paths[i] || !split(op->paths[i], HOST_PROC, key, path))
			return hrun_error_set(err, 0, "paths[%zu]: not key=value with a valid key",
					      i);
	return 0;
}

static int sysctl_apply(struct op *op, struct init_state *st, struct hrun_error *err)
{
	const struct sys *k = st->k;
	size_t done = 0;
	int r;

	if (write_all(op, k, HOST_PROC, &done, err) == 0 || err->code != EROFS)
		return done == op->n_paths ? 0 : -1;
	hrun_error_clear(err);
	if (mount_own_proc(k, err) < 0)
		return -1;
	r = write_all(op, k, OWN_PROC, &done, err);
	if (k->umount2(OWN_PROC, MNT_DETACH) < 0 && r == 0)
		r = hrun_error_errno(err, "linux.sysctl: unmount `%s`", OWN_PROC);
	return r;
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
