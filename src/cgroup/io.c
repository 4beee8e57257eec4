/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reading and writing cgroup files, making and removing cgroup directories.
 * Every file access of src/cgroup goes through here, so the v1 and v2 code
 * share one writer and every error names the file and the directory. */
#include "cgroup/internal.h"
#include "util/cleanup.h"

#include <dirent.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

int cg_open_write(const char *dir, const char *file, bool create, struct hrun_error *err)
{
	_cleanup_free_ char *path = NULL;
	int flags = O_WRONLY | O_CLOEXEC | (create ? O_CREAT | O_TRUNC : 0);
	int fd;

	if (asprintf(&path, "%s/%s", dir, file) < 0)
		return hrun_error_set(err, ENOMEM, "write `%s` in `%s`", file, dir);
	fd = open(path, flags, 0644);
	if (fd < 0)
		return hrun_error_errno(err, "write `%s` in `%s`", file, dir);
	return fd;
}

int cg_write_fd(int fd, const char *dir, const char *file, const char *value,
		struct hrun_error *err)
{
	size_t len = strlen(value);
	/* cgroup files take one value per write(2): never split it */
	ssize_t n = write(fd, value, len);

	if (n < 0)
		return hrun_error_errno(err, "write `%s` in `%s`", file, dir);
	if ((size_t)n != len)
		return hrun_error_set(err, EIO, "write `%s` in `%s`: short write", file, dir);
	return 0;
}

int cg_write(const char *dir, const char *file, const char *value, bool create,
	     struct hrun_error *err)
{
	_cleanup_close_ int fd = cg_open_write(dir, file, create, err);

	return fd < 0 ? -1 : cg_write_fd(fd, dir, file, value, err);
}

int cg_open(const char *dir, const char *file, struct hrun_error *err)
{
	_cleanup_free_ char *path = NULL;
	int fd;

	if (asprintf(&path, "%s/%s", dir, file) < 0)
		return hrun_error_set(err, ENOMEM, "open `%s` in `%s`", file, dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return hrun_error_errno(err, "open `%s` in `%s`", file, dir);
	return fd;
}

char *cg_read(const char *dir, const char *file, struct hrun_error *err)
{
	_cleanup_free_ char *path = NULL;
	_cleanup_free_ char *buf = NULL;
	_cleanup_close_ int fd = -1;
	size_t len = 0, size = 4096;

	if (asprintf(&path, "%s/%s", dir, file) < 0 || !(buf = malloc(size))) {
		hrun_error_set(err, ENOMEM, "read `%s` in `%s`", file, dir);
		return NULL;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		hrun_error_errno(err, "read `%s` in `%s`", file, dir);
		return NULL;
	}
	for (;;) {
		ssize_t n = read(fd, buf + len, size - len - 1);
		if (n < 0) {
			hrun_error_errno(err, "read `%s` in `%s`", file, dir);
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len + 1 == size) {
			char *bigger = realloc(buf, size *= 2);
			if (!bigger) {
				hrun_error_set(err, ENOMEM, "read `%s` in `%s`", file, dir);
				return NULL;
			}
			buf = bigger;
		}
	}
	buf[len] = '\0';
	return steal_pointer(&buf);
}

/* Kernel limits read "max" for none: that is UINT64_MAX here. */
static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	s += strspn(s, " \t");
	if (strncmp(s, "max", 3) == 0) {
		*out = UINT64_MAX;
		return 0;
	}
	errno = 0;
	*out = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return -1;
	return 0;
}

int cg_read_u64(const char *dir, const char *file, uint64_t *out, struct hrun_error *err)
{
	_cleanup_free_ char *text = cg_read(dir, file, err);

	if (!text)
		return -1;
	if (parse_u64(text, out) < 0)
		return hrun_error_set(err, EINVAL, "read `%s` in `%s`: not a number", file, dir);
	return 0;
}

bool cg_keyed_u64(const char *text, const char *key, uint64_t *out)
{
	size_t klen = strlen(key);

	for (const char *line = text; line && *line;) {
		if (strncmp(line, key, klen) == 0 && line[klen] == ' ')
			return parse_u64(line + klen + 1, out) == 0;
		line = strchr(line, '\n');
		line = line ? line + 1 : NULL;
	}
	return false;
}

bool cg_exists(const char *dir, const char *file)
{
	_cleanup_free_ char *path = NULL;

	if (asprintf(&path, "%s/%s", dir, file) < 0)
		return false;
	return access(path, F_OK) == 0;
}

int cg_mkdirs(const char *mount, const char *path, char **made,
	      int (*on_dir)(const char *dir, void *data, struct hrun_error *err), void *data,
	      struct hrun_error *err)
{
	_cleanup_free_ char *dir = NULL;

	*made = NULL;
	if (asprintf(&dir, "%s%s", mount, path) < 0)
		return hrun_error_set(err, ENOMEM, "create cgroup `%s`", path);
	/* path is normalised ("/a/b"): each '/' after the mount ends a parent */
	for (char *p = dir + strlen(mount) + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char c = *p;
		*p = '\0';
		if (mkdir(dir, 0755) == 0) {
			if (!*made && !(*made = strdup(dir)))
				return hrun_error_set(err, ENOMEM, "create cgroup `%s`", dir);
		} else if (errno != EEXIST) {
			return hrun_error_errno(err, "create cgroup `%s`", dir);
		}
		if (on_dir && on_dir(dir, data, err) < 0)
			return -1;
		*p = c;
		if (c == '\0')
			return 0;
	}
}

void cg_backoff(unsigned round, uint64_t deadline_ms)
{
	uint64_t now = monotonic_ms();
	uint64_t ms = 1u << (round < 6 ? round : 6);

	if (now >= deadline_ms)
		return;
	if (ms > deadline_ms - now)
		ms = deadline_ms - now;
	nanosleep(&(struct timespec){.tv_sec = 0, .tv_nsec = (long)ms * 1000000}, NULL);
}

static int rm_children(const char *dir, bool fake, uint64_t deadline_ms, struct hrun_error *err)
{
	_cleanup_closedir_ DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return errno == ENOENT ? 0 : hrun_error_errno(err, "remove cgroup `%s`", dir);
	while ((e = readdir(d))) {
		_cleanup_free_ char *sub = NULL;

		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (asprintf(&sub, "%s/%s", dir, e->d_name) < 0)
			return hrun_error_set(err, ENOMEM, "remove cgroup `%s`", dir);
		if (e->d_type == DT_DIR) {
			if (cg_rmtree(sub, fake, deadline_ms, err) < 0)
				return -1;
		} else if (fake && unlink(sub) < 0 && errno != ENOENT) {
			return hrun_error_errno(err, "remove `%s`", sub);
		}
	}
	return 0;
}

int cg_rmtree(const char *dir, bool fake, uint64_t deadline_ms, struct hrun_error *err)
{
	/* a cgroup with no sub-cgroup and no task (the usual case) goes at
	 * once; else (EBUSY) its sub-cgroups first */
	if (!fake && (rmdir(dir) == 0 || errno == ENOENT))
		return 0;
	if (rm_children(dir, fake, deadline_ms, err) < 0)
		return -1;
	/* the last tasks may still be exiting: the kernel says EBUSY until then */
	for (unsigned round = 0;; round++) {
		if (rmdir(dir) == 0 || errno == ENOENT)
			return 0;
		if (errno != EBUSY || monotonic_ms() >= deadline_ms)
			return hrun_error_errno(err, "remove cgroup `%s`", dir);
		cg_backoff(round, deadline_ms);
	}
}
