/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "runtime/state.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "runtime/cgroups.h"
#include "runtime/runtime.h"
#include "util/cleanup.h"

static bool id_char(char c, bool first)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c == '_' || c == '+' || c == '-' || (!first && c == '.');
}

int state_check_id(const char *id, struct hrun_error *err)
{
	size_t len = strlen(id);

	if (len == 0)
		return hrun_error_set(err, 0, "container id must not be empty");
	if (len > STATE_ID_MAX)
		return hrun_error_set(err, 0, "container id is longer than %d bytes", STATE_ID_MAX);
	for (size_t i = 0; i < len; i++)
		if (!id_char(id[i], i == 0))
			return hrun_error_set(err, 0,
					      "invalid container id `%s`: use letters, digits and "
					      "_+-. (not first)", id);
	if (strstr(id, ".."))
		return hrun_error_set(err, 0, "invalid container id `%s`: contains `..`", id);
	return 0;
}

/* The code says ENOENT (delete --force looks at it); the text needs no
 * "No such file or directory" after it. */
static int not_found(struct hrun_error *err, const char *id)
{
	hrun_error_set(err, 0, "container `%s` does not exist", id);
	err->code = ENOENT;
	return -1;
}

int state_dir_lock(int fd, const char *id, struct hrun_error *err)
{
	while (flock(fd, LOCK_EX) < 0)
		if (errno != EINTR)
			return hrun_error_errno(err, "lock container `%s`", id);
	return 0;
}

void state_dir_unlock(int fd)
{
	flock(fd, LOCK_UN);
}

/* The state root and what is missing above it, 0700 each (as runc: on a
 * fresh machine containerd's /run/containerd/runc/<ns> does not exist). */
static int mkdir_parents(const char *root, struct hrun_error *err)
{
	_cleanup_free_ char *path = strdup(root);

	if (!path)
		return hrun_error_errno(err, "allocate path");
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;

		*p = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST)
			return hrun_error_errno(err, "create state root `%s`", path);
		*p = c;
		if (c == '\0')
			return 0;
	}
}

int state_dir_create(const char *root, const char *id, struct hrun_error *err)
{
	_cleanup_close_ int rootfd = -1, fd = -1;

	if (state_check_id(id, err) < 0)
		return -1;
	/* the root is there but on a fresh machine */
	rootfd = open(root, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (rootfd < 0 && errno == ENOENT) {
		if (mkdir_parents(root, err) < 0)
			return -1;
		rootfd = open(root, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	}
	if (rootfd < 0)
		return hrun_error_errno(err, "open state root `%s`", root);
	if (mkdirat(rootfd, id, 0700) < 0) {
		if (errno == EEXIST) {
			hrun_error_set(err, 0, "container with id `%s` exists", id);
			err->code = EEXIST;
			return -1;
		}
		return hrun_error_errno(err, "create `%s/%s`", root, id);
	}
	fd = openat(rootfd, id, O_DIRECTORY | O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 || state_dir_lock(fd, id, err) < 0) {
		if (fd < 0)
			hrun_error_errno(err, "open `%s/%s`", root, id);
		unlinkat(rootfd, id, AT_REMOVEDIR);
		return -1;
	}
	return steal_fd(&fd);
}

int state_dir_open(const char *root, const char *id, struct hrun_error *err)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_close_ int fd = -1;

	if (state_check_id(id, err) < 0)
		return -1;
	if (asprintf(&path, "%s/%s", root, id) < 0)
		return hrun_error_errno(err, "allocate path");
	fd = open(path, O_DIRECTORY | O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0 && errno == ENOENT)
		return not_found(err, id);
	if (fd < 0)
		return hrun_error_errno(err, "open `%s`", path);
	if (state_dir_lock(fd, id, err) < 0)
		return -1;
	return steal_fd(&fd);
}

/* The directory holds only files hrun put there: no recursion needed. */
int state_dir_remove(const char *root, const char *id, struct hrun_error *err)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_closedir_ DIR *dir = NULL;
	struct dirent *de;

	if (asprintf(&path, "%s/%s", root, id) < 0)
		return hrun_error_errno(err, "allocate path");
	dir = opendir(path);
	if (!dir)
		return errno == ENOENT ? 0 : hrun_error_errno(err, "open `%s`", path);
	while ((de = readdir(dir)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			unlinkat(dirfd(dir), de->d_name, 0);
	if (rmdir(path) < 0 && errno != ENOENT)
		return hrun_error_errno(err, "remove `%s`", path);
	return 0;
}

int state_write(int dirfd, const struct oci_state *st, struct hrun_error *err)
{
	_cleanup_free_ char *text = oci_state_json(st, OCI_STATE_FILE, true, err);
	_cleanup_close_ int fd = -1;
	size_t len;

	if (!text)
		return -1;
	len = strlen(text);
	fd = openat(dirfd, STATE_FILE ".tmp", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return hrun_error_errno(err, "create state file of `%s`", st->id);
	if (write(fd, text, len) != (ssize_t)len)
		return hrun_error_errno(err, "write state file of `%s`", st->id);
	if (renameat(dirfd, STATE_FILE ".tmp", dirfd, STATE_FILE) < 0)
		return hrun_error_errno(err, "rename state file of `%s`", st->id);
	return 0;
}

struct oci_state *state_read(int dirfd, const char *id, struct hrun_error *err)
{
	_cleanup_close_ int fd = openat(dirfd, STATE_FILE, O_RDONLY | O_CLOEXEC);
	_cleanup_free_ char *text = NULL;
	struct oci_state *st;
	struct stat sb;
	ssize_t n;

	if (fd < 0 && errno == ENOENT) {
		not_found(err, id);
		return NULL;
	}
	if (fd < 0 || fstat(fd, &sb) < 0 || !(text = malloc((size_t)sb.st_size + 1)) ||
	    (n = read(fd, text, (size_t)sb.st_size)) != sb.st_size) {
		hrun_error_errno(err, "read state file of `%s`", id);
		return NULL;
	}
	text[n] = '\0';
	st = oci_state_parse(text, (size_t)n, "state.json", err);
	if (!st) {
		hrun_error_prefix(err, "container `%s`", id);
		return NULL;
	}
	st->status = state_status(dirfd, st);
	return st;
}

static uint64_t stat_start_time(pid_t pid, bool zombie)
{
	char path[64], buf[1024];
	_cleanup_close_ int fd = -1;
	unsigned long long start = 0;
	ssize_t n;
	char *p;

	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || (n = read(fd, buf, sizeof buf - 1)) <= 0)
		return 0;
	buf[n] = '\0';
	/* comm may hold spaces and parentheses: fields resume after the last ')' */
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ')
		return 0;
	/* after ") " come state(3) ... starttime(22): skip 19 fields */
	p += 2;
	if (*p == 'X' || (*p == 'Z' && !zombie))
		return 0;
	for (int i = 0; i < 19 && p; i++) {
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	if (!p || sscanf(p, "%llu", &start) != 1)
		return 0;
	return start;
}

uint64_t proc_start_time(pid_t pid)
{
	return stat_start_time(pid, false);
}

uint64_t child_start_time(pid_t pid)
{
	return stat_start_time(pid, true);
}

const char *state_status(int dirfd, const struct oci_state *st)
{
	bool init_gone = st->pid <= 0 || proc_start_time(st->pid) != st->init_start_time;

	/* an init that was not pid 1 can leave its workload running */
	if (init_gone && (st->own_pid_ns || !container_has_leftovers(st)))
		return "stopped";
	if (state_cgroup_frozen(st))
		return "paused";
	if (init_gone)
		return "running";
	if (faccessat(dirfd, STATE_FIFO, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
		return "created";
	return "running";
}

int state_pidfd(const struct oci_state *st)
{
	int fd = (int)syscall(SYS_pidfd_open, st->pid, 0);

	if (fd < 0)
		return -1;
	if (proc_start_time(st->pid) != st->init_start_time) {
		close(fd);
		errno = ESRCH;
		return -1;
	}
	return fd;
}
