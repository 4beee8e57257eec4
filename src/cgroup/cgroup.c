/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A container's cgroup: create, enter, update, destroy. */
#include "cgroup/internal.h"
#include "oci/spec.h"
#include "util/cleanup.h"
#include "util/rootless.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How long delete waits for the last tasks to leave. */
#define DESTROY_TIMEOUT_MS 5000

const char *const cg_manager_names[3] = {"cgroupfs", "systemd", "disabled"};

int cgroup_manager_parse(const char *name, enum cgroup_manager *out, struct hrun_error *err)
{
	for (size_t i = 0; i < sizeof cg_manager_names / sizeof cg_manager_names[0]; i++) {
		if (strcmp(name, cg_manager_names[i]) == 0) {
			*out = (enum cgroup_manager)i;
			return 0;
		}
	}
	return hrun_error_set(
		err, 0, "cgroup manager `%s` is not one of cgroupfs, systemd, disabled", name);
}

const char *cg_v1_dir(const struct cgroup *cg, enum cg_ctrl ctrl)
{
	for (size_t i = 0; i < cg->layout.n; i++)
		if (!cg->layout.h[i].v2 && (cg->layout.h[i].ctrls & CG_BIT(ctrl)))
			return cg->dirs[i];
	return NULL;
}

const char *cg_v2_dir(const struct cgroup *cg)
{
	size_t n = cg->layout.n;

	return n && cg->layout.h[n - 1].v2 ? cg->dirs[n - 1] : NULL;
}

const char *cg_main_dir(const struct cgroup *cg)
{
	const char *dir = cg_v1_dir(cg, CG_FREEZER);

	if (!dir)
		dir = cg_v2_dir(cg);
	return dir ? dir : cg->layout.n ? cg->dirs[0] : NULL;
}

int cg_dirs_init(struct cgroup *cg, struct hrun_error *err)
{
	cg->dirs = calloc(cg->layout.n, sizeof *cg->dirs);
	if (!cg->dirs)
		return hrun_error_set(err, ENOMEM, "cgroup");
	for (size_t i = 0; i < cg->layout.n; i++)
		if (asprintf(&cg->dirs[i], "%s%s", cg->layout.h[i].mount, cg->place.path) < 0) {
			cg->dirs[i] = NULL;
			return hrun_error_set(err, ENOMEM, "cgroup");
		}
	return 0;
}

/* The v2 controllers to hand down: all of them on pure v2 (so that stats
 * and later updates find them, as systemd's Delegate= does), on hybrid only
 * those the unified map needs. */
static unsigned v2_wanted(const struct cgroup *cg, const struct oci_resources *res)
{
	unsigned hugetlb = CG_BIT(CG_HUGETLB) & cg->layout.v2_ctrls;

	if (cg->layout.mode == CGROUP_MODE_V2)
		return cg->layout.v2_ctrls;
	/* a hybrid host may hold hugetlb on cgroup2 alone (CG_W_V2_ALT) */
	if (res && res->n_hugepage_limits && !cg_v1_dir(cg, CG_HUGETLB))
		return cg_unified_ctrls(res) | hugetlb;
	return cg_unified_ctrls(res);
}

static int mkdir_all(struct cgroup *cg, const struct oci_resources *res, char **made,
		     struct hrun_error *err)
{
	for (size_t i = 0; i < cg->layout.n; i++) {
		int ret = cg->layout.h[i].v2 ? cg_v2_setup(cg, i, v2_wanted(cg, res), &made[i], err)
					     : cg_v1_setup(cg, i, &made[i], err);
		if (ret < 0)
			return -1;
	}
	const char *v2 = cg_v2_dir(cg);
	if (v2 && cg->v2_fd < 0) {
		cg->v2_fd = open(v2, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (cg->v2_fd < 0)
			return hrun_error_errno(err, "open cgroup `%s`", v2);
	}
	return 0;
}

/* Make the directories and apply the limits; on failure remove every
 * directory made here, parents included. */
int cg_setup_all(struct cgroup *cg, struct hrun_error *err)
{
	const struct oci_resources *res = cg->pending;
	char **made = calloc(cg->layout.n ? cg->layout.n : 1, sizeof *made);
	int ret;

	if (!made)
		return hrun_error_set(err, ENOMEM, "cgroup");
	ret = mkdir_all(cg, res, made, err);
	if (ret == 0)
		ret = cg_apply(cg, res, err);
	for (size_t i = 0; i < cg->layout.n; i++) {
		struct hrun_error ignored;
		if (ret < 0 && made[i])
			cg_rmtree(made[i], cg->layout.fake, monotonic_ms() + DESTROY_TIMEOUT_MS,
				  &ignored);
		free(made[i]);
	}
	free(made);
	if (ret < 0 && cg->v2_fd >= 0) {
		close(cg->v2_fd);
		cg->v2_fd = -1;
	}
	return ret;
}

struct cgroup *cgroup_create(const struct cgroup_request *req, struct hrun_error *err)
{
	struct cgroup *cg = calloc(1, sizeof *cg);

	if (!cg) {
		hrun_error_set(err, ENOMEM, "cgroup");
		return NULL;
	}
	cg->manager = req->manager;
	cg->v2_fd = -1;
	cg->pending = req->resources;
	if (cg->manager == CGROUP_MANAGER_DISABLED)
		return cg;
	if (cg_place_resolve(req, &cg->place, err) < 0 ||
	    cg_layout_detect(req->root, &cg->layout, err) < 0 || cg_dirs_init(cg, err) < 0)
		goto fail;
	if (cg->manager == CGROUP_MANAGER_SYSTEMD) {
#ifndef HAVE_SYSTEMD
		hrun_error_set(err, 0, "hrun was built without systemd support (libsystemd-dev)");
		goto fail;
#else
		/* systemd --user is delegated a cgroup2 subtree, never v1's */
		if (rootless() && cg->layout.mode != CGROUP_MODE_V2 && !cg->layout.fake) {
			hrun_error_set(err, 0,
				       "rootless, the systemd cgroup manager needs cgroup v2 alone "
				       "(this host has v1 hierarchies, which are not delegated)");
			goto fail;
		}
		return cg; /* the scope needs the init's pid: cgroup_enter() */
#endif
	}
	if (cg_check_existing(cg, err) < 0 || cg_setup_all(cg, err) < 0)
		goto fail;
	cg->pending = NULL;
	return cg;
fail:
	cgroup_free(cg);
	return NULL;
}

int cgroup_clone_fd(const struct cgroup *cg)
{
	if (cg->manager != CGROUP_MANAGER_CGROUPFS || cg->layout.fake)
		return -1;
	return cg->v2_fd;
}

bool cgroup_self_placed(const struct cgroup *cg)
{
	return cg->manager == CGROUP_MANAGER_CGROUPFS && !cg->layout.fake &&
	       (!cg_v2_dir(cg) || cg->v2_fd >= 0);
}

/* dir/path, which must be an existing cgroup (exec --cgroup). */
static char *sub_cgroup(const char *dir, const char *path, struct hrun_error *err)
{
	struct stat st;
	char *sub;
	int r;

	if (asprintf(&sub, "%s/%s", dir, path) < 0) {
		hrun_error_errno(err, "allocate path");
		return NULL;
	}
	r = stat(sub, &st);
	if (r == 0 && S_ISDIR(st.st_mode))
		return sub;
	if (r < 0 && errno != ENOENT && errno != ENOTDIR)
		hrun_error_errno(err, "--cgroup: `%s`", sub);
	else
		hrun_error_set(err, 0, "--cgroup: `%s`: no such cgroup", sub);
	free(sub);
	return NULL;
}

/* pid into every hierarchy's directory, or into paths[i] below it; pid
 * 0 is the caller (see cgroup_join). */
static int enter_dirs(const struct cgroup *cg, pid_t pid, const char *const *paths,
		      struct hrun_error *err)
{
	char value[24];

	snprintf(value, sizeof value, "%d", (int)(pid ? pid : getpid()));
	for (size_t i = 0; i < cg->layout.n; i++) {
		_cleanup_free_ char *sub = NULL;
		const char *dir;

		if (paths && paths[i][0] && !(sub = sub_cgroup(cg->dirs[i], paths[i], err)))
			return -1;
		dir = sub ? sub : cg->dirs[i];
		if (!pid && cg->layout.h[i].v2 && cgroup_clone_fd(cg) >= 0)
			continue; /* born there: cgroup_join_clone_fd */
		if (!pid && cg_self_enters_hier(cg, i)
			    ? cg_enter_self_dir(dir, err) < 0
			    : cg_write(dir, "cgroup.procs", value, cg->layout.fake, err) < 0)
			return -1;
	}
	return 0;
}

int cg_enter_all(const struct cgroup *cg, pid_t pid, struct hrun_error *err)
{
	return enter_dirs(cg, pid, NULL, err);
}

int cgroup_enter(struct cgroup *cg, pid_t pid, struct hrun_error *err)
{
	if (cg->manager == CGROUP_MANAGER_DISABLED)
		return 0;
	if (cg->manager == CGROUP_MANAGER_SYSTEMD) {
		struct hrun_error ignored;
		if (cg_systemd_start(cg, pid, err) < 0)
			return -1;
		/* systemd made the scope where it manages the controller; the
		 * other hierarchies and the limits are ours */
		if (cg_setup_all(cg, err) < 0 || cg_enter_all(cg, pid, err) < 0) {
			cg_systemd_stop(cg, &ignored);
			return -1;
		}
		cg->pending = NULL;
		return 0;
	}
	return cg_enter_all(cg, pid, err);
}

/* The sub-cgroup paths for subs, one per hierarchy; NULL for none. */
static int join_paths(const struct cgroup *cg, char *const *subs, size_t n, const char ***paths,
		      struct hrun_error *err)
{
	*paths = NULL;
	if (!n)
		return 0;
	*paths = calloc(cg->layout.n ? cg->layout.n : 1, sizeof **paths);
	if (!*paths)
		return hrun_error_errno(err, "allocate paths");
	return cg_sub_paths(cg, subs, n, *paths, err);
}

int cgroup_join(struct cgroup *cg, pid_t pid, char *const *subs, size_t n, struct hrun_error *err)
{
	_cleanup_free_ const char **paths = NULL;

	if (cg->manager == CGROUP_MANAGER_DISABLED)
		return n ? hrun_error_set(err, 0, "--cgroup: the container has no cgroup") : 0;
	if (join_paths(cg, subs, n, &paths, err) < 0)
		return -1;
	return enter_dirs(cg, pid, paths, err);
}

int cgroup_join_clone_fd(const struct cgroup *cg, char *const *subs, size_t n, int *fd,
			 struct hrun_error *err)
{
	_cleanup_free_ const char **paths = NULL;
	_cleanup_free_ char *sub = NULL;
	size_t v2 = cg->layout.n - 1;

	*fd = -1;
	if (cg->manager == CGROUP_MANAGER_DISABLED || cgroup_clone_fd(cg) < 0)
		return 0;
	if (join_paths(cg, subs, n, &paths, err) < 0)
		return -1;
	if (paths && paths[v2][0] && !(sub = sub_cgroup(cg->dirs[v2], paths[v2], err)))
		return -1;
	*fd = open(sub ? sub : cg->dirs[v2], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (*fd < 0)
		return hrun_error_errno(err, "open cgroup `%s`", sub ? sub : cg->dirs[v2]);
	return 0;
}

int cg_no_cgroup(struct hrun_error *err)
{
	return hrun_error_set(err, 0, "the container has no cgroup (cgroup manager disabled)");
}

/* memory.checkBeforeUpdate: refuse a limit below what is in use (v1's
 * kernel does; v2's would OOM-kill instead). */
static int check_memory(const struct cgroup *cg, const struct oci_memory *m, struct hrun_error *err)
{
	bool v2 = cg->layout.mode == CGROUP_MODE_V2;
	const char *dir = v2 ? cg_v2_dir(cg) : cg_v1_dir(cg, CG_MEMORY);
	uint64_t usage;

	if (!m || !m->has_check_before_update || !m->check_before_update || !m->has_limit ||
	    m->limit < 0 || !dir)
		return 0;
	if (cg_read_u64(dir, v2 ? "memory.current" : "memory.usage_in_bytes", &usage, err) < 0)
		return -1;
	if ((uint64_t)m->limit < usage)
		return hrun_error_set(
			err, 0, "memory.limit %" PRId64 " is below the current usage %" PRIu64,
			m->limit, usage);
	return 0;
}

int cgroup_update(const struct cgroup *cg, const struct oci_resources *res, struct hrun_error *err)
{
	if (cg->manager == CGROUP_MANAGER_DISABLED)
		return cg_no_cgroup(err);
	if (!res)
		return 0;
	if (check_memory(cg, res->memory, err) < 0)
		return -1;
	if (cg_v2_enable(cg, v2_wanted(cg, res), err) < 0)
		return -1;
	return cg_apply(cg, res, err);
}

int cgroup_destroy(struct cgroup *cg, struct hrun_error *err)
{
	uint64_t deadline = monotonic_ms() + DESTROY_TIMEOUT_MS;

	if (cg->manager == CGROUP_MANAGER_DISABLED)
		return 0;
	if (cg->manager == CGROUP_MANAGER_SYSTEMD && cg_systemd_stop(cg, err) < 0)
		return -1;
	if (cg->v2_fd >= 0) {
		close(cg->v2_fd);
		cg->v2_fd = -1;
	}
	for (size_t i = 0; i < cg->layout.n; i++)
		if (cg_rmtree(cg->dirs[i], cg->layout.fake, deadline, err) < 0)
			return -1;
	return 0;
}

void cgroup_free(struct cgroup *cg)
{
	if (!cg)
		return;
	for (size_t i = 0; cg->dirs && i < cg->layout.n; i++)
		free(cg->dirs[i]);
	free(cg->dirs);
	if (cg->v2_fd >= 0)
		close(cg->v2_fd);
	cg_layout_clear(&cg->layout);
	cg_place_clear(&cg->place);
	free(cg);
}

enum cgroup_mode cgroup_mode(const struct cgroup *cg)
{
	return cg->manager == CGROUP_MANAGER_DISABLED ? CGROUP_MODE_NONE : cg->layout.mode;
}

const char *cgroup_path(const struct cgroup *cg)
{
	return cg->place.path;
}
