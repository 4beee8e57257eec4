/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Enter the workload's cwd and find its executable, inside the container,
 * before reporting "created": a missing executable is a create error.
 *
 * The messages carry runc's words ("executable file not found in $PATH",
 * "no such file or directory", "permission denied"): podman maps them to
 * the exit codes 127 and 126. */
#include "container/init_internal.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "container/sys.h"
#include "plan/plan.h"
#include "util/env.h"

#define DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

/* "exec `path`: no such file or directory", in runc's lower case. */
static int exec_error(struct hrun_error *err, const char *path, int code)
{
	char text[128];

	snprintf(text, sizeof text, "%s", strerror(code));
	text[0] = (char)tolower((unsigned char)text[0]);
	hrun_error_set(err, 0, "exec `%s`: %s", path, text);
	err->code = code;
	return -1;
}

/* 0 when path is a file the workload may execute, else the errno why not. */
static int executable(const struct sys *k, const char *path)
{
	struct stat st;

	if (k->stat(path, &st) < 0)
		return errno;
	if (S_ISDIR(st.st_mode))
		return EACCES;
	if (k->access(path, X_OK) < 0)
		return errno;
	return 0;
}

static int set_exec_path(struct init_ctx *c, const char *path, struct hrun_error *err)
{
	if (strlen(path) >= sizeof c->exec_path)
		return exec_error(err, path, ENAMETOOLONG);
	strcpy(c->exec_path, path);
	return 0;
}

/* As execvp: each PATH entry in turn, an empty one meaning the cwd. */
static int lookup_path(struct init_ctx *c, const char *name, struct hrun_error *err)
{
	const char *dir = env_get(c->st.plan->process.env, "PATH");
	char candidate[PATH_MAX];

	if (!dir)
		dir = DEFAULT_PATH;
	for (;;) {
		int len = (int)strcspn(dir, ":");
		int n = snprintf(candidate, sizeof candidate, "%.*s/%s", len ? len : 1,
				 len ? dir : ".", name);

		if (n < (int)sizeof candidate && executable(c->st.k, candidate) == 0)
			return set_exec_path(c, candidate, err);
		if (dir[len] == '\0')
			break;
		dir += len + 1;
	}
	hrun_error_set(err, 0, "exec: \"%s\": executable file not found in $PATH", name);
	err->code = ENOENT;
	return -1;
}

/* process.cwd, resolved inside the container's root (our / by now) as
 * the mount targets are: never above it, never through a magic link.  A
 * cwd that the workload turned into a symlink to /proc/self/fd/N, or
 * `exec --cwd /proc/self/fd/N`, must not land the process in a directory
 * of the host's (CVE-2024-21626); and the fds it could name are closed by
 * now anyway (runtime/fds.c). */
static int enter_cwd(const struct sys *k, const char *cwd, struct hrun_error *err)
{
	struct hrun_error sub = {0};
	int root = k->open("/", O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
	int fd = root < 0 ? -1 : k->target_open(root, cwd, 0, &sub);
	int code = root < 0 ? errno : sub.code;

	if (root >= 0)
		k->close(root);
	if (fd >= 0) {
		code = k->fchdir(fd) < 0 ? errno : 0;
		k->close(fd);
	}
	if (fd < 0 || code)
		return hrun_error_set(err, code, "chdir to cwd (\"%s\") set in config.json failed",
				      cwd);
	return 0;
}

int init_resolve_exec(struct init_ctx *c, struct hrun_error *err)
{
	const struct plan_process *proc = &c->st.plan->process;
	const char *cwd = proc->cwd ? proc->cwd : "/";

	if (enter_cwd(c->st.k, cwd, err) < 0)
		return -1;
	if (!proc->args || !proc->args[0] || !proc->args[0][0])
		return hrun_error_set(err, EINVAL, "process.args must not be empty");

	const char *name = proc->args[0];

	if (!strchr(name, '/'))
		return lookup_path(c, name, err);
	int code = executable(c->st.k, name);

	return code ? exec_error(err, name, code) : set_exec_path(c, name, err);
}
