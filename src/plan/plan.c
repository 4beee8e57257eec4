/* SPDX-License-Identifier: GPL-2.0-or-later */
/* plan_build(): the config model in, the plan out.  Each part of the plan
 * is built by its own file (plan_ns.c, plan_process.c, plan_ops.c); this
 * file holds the root, the annotations and the memory helpers. */
#include "plan/plan.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include "oci/spec.h"
#include "plan/mount_options.h"
#include "plan/plan_internal.h"
#include "util/cleanup.h"
#include "util/error.h"

#define ADOPT_WAIT_ANNOTATION "org.hrun.adopt-wait"
#define ADOPT_WAIT_DEFAULT_MS 0
#define INIT_ANNOTATION "org.hrun.init"

void *plan_alloc(size_t n, size_t size, struct hrun_error *err)
{
	void *p = calloc(n ? n : 1, size);

	if (!p)
		hrun_error_set(err, ENOMEM, "plan");
	return p;
}

char *plan_strdup(const char *s, struct hrun_error *err)
{
	char *d = strdup(s);

	if (!d)
		hrun_error_set(err, ENOMEM, "plan");
	return d;
}

char **plan_strv_dup(char *const *v, size_t n, struct hrun_error *err)
{
	char **d = plan_alloc(n + 1, sizeof *d, err);

	for (size_t i = 0; d && i < n; i++) {
		d[i] = plan_strdup(v[i], err);
		if (!d[i]) {
			plan_strv_free(d);
			return NULL;
		}
	}
	return d;
}

void plan_strv_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

char *plan_path_join(const char *dir, const char *path, struct hrun_error *err)
{
	size_t n = strlen(dir);
	char *s;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (asprintf(&s, "%.*s%s%s", (int)n, dir, (n == 1 && dir[0] == '/') ? "" : "/", path) < 0) {
		hrun_error_set(err, ENOMEM, "plan");
		return NULL;
	}
	return s;
}

/* "250ms", "5s", "2m" or plain seconds ("5") into milliseconds. */
static int parse_duration_ms(const char *s, int *ms)
{
	static const struct {
		const char *suffix;
		long long scale;
	} units[] = {{"ms", 1}, {"s", 1000}, {"m", 60000}, {"", 1000}};
	long long value = 0;
	const char *c = s;

	if (*c < '0' || *c > '9')
		return -1;
	for (; *c >= '0' && *c <= '9'; c++) {
		value = value * 10 + (*c - '0');
		if (value > INT_MAX)
			return -1;
	}
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strcmp(c, units[i].suffix) != 0)
			continue;
		if (value > INT_MAX / units[i].scale)
			return -1;
		*ms = (int)(value * units[i].scale);
		return 0;
	}
	return -1;
}

static int build_adopt_wait(struct plan *plan, const struct oci_spec *spec, struct hrun_error *err)
{
	const char *value = oci_spec_annotation(spec, ADOPT_WAIT_ANNOTATION);

	plan->adopt_wait_ms = ADOPT_WAIT_DEFAULT_MS;
	if (value && parse_duration_ms(value, &plan->adopt_wait_ms) < 0)
		return hrun_error_set(err, 0,
				      "annotations[\"" ADOPT_WAIT_ANNOTATION
				      "\"]: invalid duration \"%s\" (want e.g. 5s, 250ms or 5)",
				      value);
	return 0;
}

const char *plan_init_name(enum plan_init mode)
{
	return mode == PLAN_INIT_NONE ? "none" : "resident";
}

static int build_init(struct plan *plan, const struct oci_spec *spec, struct hrun_error *err)
{
	const char *value = oci_spec_annotation(spec, INIT_ANNOTATION);

	plan->init = PLAN_INIT_RESIDENT;
	if (!value)
		return 0;
	plan->init_chosen = true;
	if (strcmp(value, "none") == 0)
		plan->init = PLAN_INIT_NONE;
	else if (strcmp(value, "resident") != 0)
		return hrun_error_set(err, 0,
				      "annotations[\"" INIT_ANNOTATION
				      "\"]: \"%s\" is not resident or none", value);
	return 0;
}

void plan_init_default(struct plan *plan, enum plan_init mode)
{
	if (!plan->init_chosen)
		plan->init = mode;
}

static int build_root(struct plan *plan, const struct oci_spec *spec, const char *bundle,
		      struct hrun_error *err)
{
	const struct oci_root *root = spec->root;
	const char *prop = spec->linux_ ? spec->linux_->rootfs_propagation : NULL;

	if (!root || !root->path || !root->path[0])
		return hrun_error_set(err, 0, "root.path: required");
	if (root->path[0] == '/' || !bundle)
		plan->rootfs = plan_strdup(root->path, err);
	else
		plan->rootfs = plan_path_join(bundle, root->path, err);
	if (!plan->rootfs)
		return -1;

	plan->rootfs_propagation = MS_SLAVE | MS_REC;
	if (prop && mount_propagation_parse(prop, &plan->rootfs_propagation) < 0)
		return hrun_error_set(err, 0, "linux.rootfsPropagation: unknown propagation \"%s\"",
				      prop);
	return 0;
}

struct plan *plan_build(const struct oci_spec *spec, const char *bundle, struct hrun_error *err)
{
	struct plan *plan = plan_alloc(1, sizeof *plan, err);

	if (!plan)
		return NULL;
	if (build_root(plan, spec, bundle, err) < 0 || build_adopt_wait(plan, spec, err) < 0 ||
	    build_init(plan, spec, err) < 0 ||
	    plan_build_namespaces(plan, spec, err) < 0 || plan_build_linux(plan, spec, err) < 0 ||
	    plan_build_process(&plan->process, spec, err) < 0 ||
	    plan_build_ops(plan, spec, bundle, err) < 0) {
		plan_free(plan);
		return NULL;
	}
	plan->hooks = spec->hooks;
	return plan;
}

void plan_free(struct plan *plan)
{
	if (!plan)
		return;
	free(plan->rootfs);
	for (size_t i = 0; i < plan->n_ops; i++)
		op_free_fields(&plan->ops[i]);
	free(plan->ops);
	plan_process_free(&plan->process);
	for (size_t i = 0; i < plan->n_joins; i++)
		free(plan->joins[i].path);
	free(plan->joins);
	free(plan->uid_map);
	free(plan->gid_map);
	free(plan->hostname);
	free(plan->domainname);
	free(plan->time_offsets);
	for (size_t i = 0; i < plan->n_net_devices; i++) {
		free(plan->net_devices[i].host_name);
		free(plan->net_devices[i].name);
	}
	free(plan->net_devices);
	free(plan->mount_label);
	plan_rdt_free(plan->intel_rdt);
	free(plan);
}

const char *const plan_kernel_dirs[PLAN_N_KERNEL_DIRS] = {"proc", "sys", "dev"};

bool plan_in_kernel_dir(const char *path)
{
	path += strspn(path, "/");
	for (size_t i = 0; i < PLAN_N_KERNEL_DIRS; i++) {
		size_t n = strlen(plan_kernel_dirs[i]);

		if (strncmp(path, plan_kernel_dirs[i], n) == 0 && (path[n] == '/' || path[n] == '\0'))
			return true;
	}
	return false;
}
