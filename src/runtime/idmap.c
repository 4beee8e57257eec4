/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The parent writes the maps of the init's new user namespace: only a
 * process outside it may write several ranges.  Without CAP_SETUID or
 * CAP_SETGID in our own namespace the kernel lets us map our own id alone
 * (a gid only once setgroups is denied); anything wider goes through the
 * setuid helpers newuidmap and newgidmap, which map the subordinate ids
 * /etc/subuid and /etc/subgid give us. */
#include "runtime/runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plan/plan.h"
#include "runtime/rootless.h"
#include "util/cleanup.h"

#define MAP_TEXT_MAX 4096

static const char *map_field(bool gid)
{
	return gid ? "linux.gidMappings" : "linux.uidMappings";
}

static const char *helper_name(bool gid)
{
	return gid ? "newgidmap" : "newuidmap";
}

/* "C H S\n" per range, or with sep ' ' the helper's argument form. */
static int map_text(char *buf, const struct plan_id_map *map, size_t n, char sep, bool gid,
		    struct hrun_error *err)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		int w = snprintf(buf + len, MAP_TEXT_MAX - len, "%u %u %u%c", map[i].container_id,
				 map[i].host_id, map[i].size, sep);
		if (w < 0 || (size_t)w >= MAP_TEXT_MAX - len)
			return hrun_error_set(err, 0, "%s: too many ranges", map_field(gid));
		len += (size_t)w;
	}
	return (int)len;
}

static int write_proc(pid_t pid, const char *file, const char *text, size_t len,
		      struct hrun_error *err)
{
	char path[64];
	_cleanup_close_ int fd = -1;

	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return hrun_error_errno(err, "open `%s`", path);
	/* the kernel takes the whole map in one write, or nothing */
	if (write(fd, text, len) != (ssize_t)len)
		return hrun_error_errno(err, "write %s `%.*s`", file, (int)strcspn(text, "\n"),
					text);
	return 0;
}

static bool own_id_alone(const struct plan_id_map *map, size_t n, bool gid)
{
	return n == 1 && map[0].size == 1 && map[0].host_id == (gid ? getegid() : geteuid());
}

bool idmap_needs_helper(const struct plan_id_map *map, size_t n, bool gid)
{
	return !rootless_capable(gid ? CAP_SETGID : CAP_SETUID) && !own_id_alone(map, n, gid);
}

/* The first line the helper printed, without its newline. */
static int helper_failed(const char *argv0, const char *args, int status, const char *out,
			 struct hrun_error *err)
{
	int len = (int)strcspn(out, "\n");

	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return hrun_error_set(err, 0, "run %s: not found (package uidmap)", argv0);
	return hrun_error_set(err, 0, "%s %s: %s%.*s", argv0, args,
			      len ? "" : "failed with no message", len, out);
}

/* Run the helper on the pid with the ranges as arguments; its stderr goes
 * into the error. */
static int run_helper(pid_t pid, const struct plan_id_map *map, size_t n, bool gid,
		      struct hrun_error *err)
{
	char args[MAP_TEXT_MAX], out[512] = "", spid[16], *argv[3 + 3 * 340];
	size_t argc = 0, got = 0;
	int p[2], status = 0;
	pid_t child;
	ssize_t r;

	if (n > 340 || map_text(args, map, n, ' ', gid, err) < 0)
		return n > 340 ? hrun_error_set(err, 0, "%s: too many ranges", map_field(gid)) : -1;
	snprintf(spid, sizeof spid, "%d", (int)pid);
	argv[argc++] = (char *)helper_name(gid);
	argv[argc++] = spid;
	for (char *t = strtok(args, " "); t; t = strtok(NULL, " "))
		argv[argc++] = t;
	argv[argc] = NULL;
	if (pipe2(p, O_CLOEXEC) < 0)
		return hrun_error_errno(err, "pipe");
	child = fork();
	if (child == 0) {
		dup2(p[1], STDERR_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(p[1]);
	while (child > 0 && got < sizeof out - 1 &&
	       ((r = read(p[0], out + got, sizeof out - 1 - got)) > 0 || (r < 0 && errno == EINTR)))
		got += r > 0 ? (size_t)r : 0;
	out[got] = '\0';
	close(p[0]);
	if (child < 0)
		return hrun_error_errno(err, "fork for %s", argv[0]);
	while (waitpid(child, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	map_text(args, map, n, ' ', gid, err);
	return helper_failed(argv[0], args, status, out, err);
}

static int write_map(pid_t pid, const struct plan_id_map *map, size_t n, bool gid,
		     struct hrun_error *err)
{
	char text[MAP_TEXT_MAX];
	int len;

	if (idmap_needs_helper(map, n, gid))
		return run_helper(pid, map, n, gid, err);
	/* our own gid alone, unprivileged: the kernel asks that the namespace
	 * may never call setgroups (it could drop a group that denies access) */
	if (gid && !rootless_capable(CAP_SETGID) &&
	    write_proc(pid, "setgroups", "deny", 4, err) < 0)
		return -1;
	len = map_text(text, map, n, '\n', gid, err);
	if (len < 0)
		return -1;
	return write_proc(pid, gid ? "gid_map" : "uid_map", text, (size_t)len, err);
}

int idmap_write_maps(pid_t pid, const struct plan_id_map *uid_map, size_t n_uid_map,
		     const struct plan_id_map *gid_map, size_t n_gid_map, struct hrun_error *err)
{
	if (write_map(pid, uid_map, n_uid_map, false, err) < 0)
		return -1;
	return write_map(pid, gid_map, n_gid_map, true, err);
}

int idmap_write(pid_t pid, const struct plan *plan, struct hrun_error *err)
{
	return idmap_write_maps(pid, plan->uid_map, plan->n_uid_map, plan->gid_map, plan->n_gid_map,
				err);
}

static bool on_path(const char *name)
{
	const char *path = getenv("PATH");
	char full[4096];

	for (const char *d = path ? path : "/usr/bin:/bin"; *d;
	     d += strcspn(d, ":") + !!d[strcspn(d, ":")]) {
		int len = (int)strcspn(d, ":");

		snprintf(full, sizeof full, "%.*s/%s", len, d, name);
		if (len && access(full, X_OK) == 0)
			return true;
	}
	return false;
}

/* Whether [first, first+size) is inside one of the user's subordinate
 * ranges; *any says whether the user has one at all. */
static bool subordinate(FILE *f, const char *user, uid_t uid, uint64_t first, uint64_t size,
			bool *any)
{
	char line[512], name[256];
	unsigned long long start, count;

	rewind(f);
	while (fgets(line, sizeof line, f)) {
		if (sscanf(line, "%255[^:\n]:%llu:%llu", name, &start, &count) != 3)
			continue;
		if (strcmp(name, user) != 0 &&
		    (strspn(name, "0123456789") != strlen(name) || strtoull(name, NULL, 10) != uid))
			continue;
		*any = true;
		if (first >= start && first + size <= start + count)
			return true;
	}
	return false;
}

int idmap_check_helper(const struct plan_id_map *map, size_t n, bool gid, struct hrun_error *err)
{
	const char *file = gid ? "/etc/subgid" : "/etc/subuid";
	uid_t uid = geteuid();
	struct passwd *pw = getpwuid(uid);
	const char *user = pw ? pw->pw_name : "";
	_cleanup_fclose_ FILE *f = NULL;
	bool any = false;

	if (!on_path(helper_name(gid)))
		return hrun_error_set(err, 0,
				      "%s: more than your own %s needs %s (package uidmap), "
				      "not found in PATH",
				      map_field(gid), gid ? "gid" : "uid", helper_name(gid));
	f = fopen(file, "re");
	for (size_t i = 0; i < n; i++) {
		if (map[i].size == 1 && map[i].host_id == (gid ? getegid() : uid))
			continue;
		if (f && subordinate(f, user, uid, map[i].host_id, map[i].size, &any))
			continue;
		if (!any)
			return hrun_error_set(err, 0,
					      "%s: user `%s` has no subordinate %s range in %s "
					      "(%s maps only those besides your own)",
					      map_field(gid), user, gid ? "gid" : "uid", file,
					      helper_name(gid));
		return hrun_error_set(err, 0,
				      "%s[%zu]: host ids %u-%llu are not in a subordinate range "
				      "of user `%s` in %s",
				      map_field(gid), i, map[i].host_id,
				      (unsigned long long)map[i].host_id + map[i].size - 1, user,
				      file);
	}
	return 0;
}
