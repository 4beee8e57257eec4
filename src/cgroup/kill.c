/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Every process of the container: listing them and signalling them all
 * (kill --all, delete --force). */
#include "cgroup/internal.h"
#include "util/cleanup.h"

#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

struct pid_list {
	pid_t *v;
	size_t n, size;
};

static int add_pids(struct pid_list *l, const char *text)
{
	for (const char *s = text; *s;) {
		char *end;
		long pid = strtol(s, &end, 10);
		if (end == s)
			break;
		if (l->n == l->size) {
			size_t size = l->size ? 2 * l->size : 64;
			pid_t *v = realloc(l->v, size * sizeof *v);
			if (!v)
				return -1;
			l->v = v;
			l->size = size;
		}
		l->v[l->n++] = (pid_t)pid;
		s = end + strspn(end, "\n");
	}
	return 0;
}

/* cgroup.procs of dir and of every cgroup below it. */
static int collect(const char *dir, struct pid_list *l, struct hrun_error *err)
{
	_cleanup_free_ char *procs = cg_read(dir, "cgroup.procs", err);
	_cleanup_closedir_ DIR *d = NULL;
	struct dirent *e;

	if (!procs)
		return err->code == ENOENT ? 0 : -1;
	if (add_pids(l, procs) < 0)
		return hrun_error_set(err, ENOMEM, "list the processes of `%s`", dir);
	if (!(d = opendir(dir)))
		return errno == ENOENT ? 0 : hrun_error_errno(err, "list the cgroups in `%s`", dir);
	while ((e = readdir(d))) {
		_cleanup_free_ char *sub = NULL;
		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		if (asprintf(&sub, "%s/%s", dir, e->d_name) < 0)
			return hrun_error_set(err, ENOMEM, "list the processes of `%s`", dir);
		if (collect(sub, l, err) < 0)
			return -1;
	}
	return 0;
}

int cgroup_pids(const struct cgroup *cg, pid_t **pids, size_t *n, struct hrun_error *err)
{
	struct pid_list l = {0};
	const char *dir = cg->manager == CGROUP_MANAGER_DISABLED ? NULL : cg_main_dir(cg);

	*pids = NULL;
	*n = 0;
	if (!dir)
		return cg_no_cgroup(err);
	if (collect(dir, &l, err) < 0) {
		free(l.v);
		return -1;
	}
	*pids = l.v;
	*n = l.n;
	return 0;
}

static int signal_each(const struct cgroup *cg, int sig, struct hrun_error *err)
{
	_cleanup_free_ pid_t *pids = NULL;
	size_t n;

	if (cgroup_pids(cg, &pids, &n, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (kill(pids[i], sig) < 0 && errno != ESRCH)
			return hrun_error_errno(err, "kill process %d", (int)pids[i]);
	return 0;
}

int cgroup_kill_all(const struct cgroup *cg, int sig, struct hrun_error *err)
{
	const char *v2 = cg_v2_dir(cg);
	bool was_frozen = false, froze;
	struct hrun_error ignored;
	int ret;

	if (cg->manager == CGROUP_MANAGER_DISABLED)
		return cg_no_cgroup(err);
	/* one write kills the whole subtree, racing no fork (Linux 5.14) */
	if (sig == SIGKILL && cg->layout.mode == CGROUP_MODE_V2 && !cg->layout.fake &&
	    cg_exists(v2, "cgroup.kill"))
		return cg_write(v2, "cgroup.kill", "1", false, err);
	/* frozen, no process can fork a new one between the read and the kill */
	if (cgroup_is_frozen(cg, &was_frozen, &ignored) < 0)
		was_frozen = false;
	froze = !was_frozen && cgroup_freeze(cg, true, &ignored) == 0;
	ret = signal_each(cg, sig, err);
	/* a killed task dies only once thawed */
	if (froze || (was_frozen && sig == SIGKILL))
		cgroup_freeze(cg, false, &ignored);
	return ret;
}
