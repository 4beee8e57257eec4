/* SPDX-License-Identifier: GPL-2.0-or-later */
/* conmon reads the pid file the moment create exits, and the conformance
 * suite parses it with no trimming: write it whole, or not at all.
 *
 * The directory is the caller's, and others may write in it: it is opened
 * once and every step is relative to that fd; the temporary name is
 * random and made with O_EXCL | O_NOFOLLOW, so a name planted beforehand
 * (a symlink to some file to truncate) is never followed, only skipped;
 * renameat replaces the final name itself, never what a symlink there
 * points to. */
#include "runtime/runtime.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "util/cleanup.h"

#define TMP_TRIES 16

/* The directory part of path, opened; *base points into path. */
static int open_parent(const char *path, const char **base, struct hrun_error *err)
{
	const char *slash = strrchr(path, '/');
	_cleanup_free_ char *dir = NULL;
	int fd;

	*base = slash ? slash + 1 : path;
	if (!**base)
		return hrun_error_set(err, EISDIR, "pid file `%s`: not a file name", path);
	if (!slash)
		dir = strdup(".");
	else
		dir = slash == path ? strdup("/") : strndup(path, (size_t)(slash - path));
	if (!dir)
		return hrun_error_errno(err, "allocate path");
	fd = open(dir, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return hrun_error_errno(err, "open the directory of pid file `%s`", path);
	return fd;
}

/* A new file `<base>.tmp-<random>` in dirfd; its name into tmp. */
static int create_tmp(int dirfd, const char *base, char *tmp, size_t size, struct hrun_error *err)
{
	for (int i = 0; i < TMP_TRIES; i++) {
		unsigned long long r;
		int fd;

		if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
			return hrun_error_errno(err, "getrandom");
		if (snprintf(tmp, size, "%s.tmp-%016llx", base, r) >= (int)size)
			return hrun_error_set(err, ENAMETOOLONG, "pid file `%s`", base);
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd >= 0 || errno != EEXIST)
			return fd < 0 ? hrun_error_errno(err, "create pid file `%s`", tmp) : fd;
	}
	return hrun_error_set(err, EEXIST, "create pid file `%s`: no free temporary name", base);
}

int pidfile_write(const char *path, pid_t pid, struct hrun_error *err)
{
	_cleanup_close_ int dirfd = -1, fd = -1;
	char buf[32], tmp[PATH_MAX];
	int len = snprintf(buf, sizeof buf, "%d", (int)pid);
	const char *base;

	if ((dirfd = open_parent(path, &base, err)) < 0 ||
	    (fd = create_tmp(dirfd, base, tmp, sizeof tmp, err)) < 0)
		return -1;
	if (write(fd, buf, (size_t)len) != len || renameat(dirfd, tmp, dirfd, base) < 0) {
		hrun_error_errno(err, "write pid file `%s`", path);
		unlinkat(dirfd, tmp, 0);
		return -1;
	}
	return 0;
}
