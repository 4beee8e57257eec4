/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Copy a directory tree between two open directories (tmpcopyup: what the
 * target held, into the tmpfs mounted over it).  Every entry is reached
 * by *at() from an fd, never followed through a symlink. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include "container/sys_internal.h"
#include "util/cleanup.h"
#include "util/error.h"

static int copy_into(int from, int to, char *rel, size_t len, struct hrun_error *err);

static int copy_data(int src, int dst)
{
	for (;;) {
		ssize_t n = sendfile(dst, src, NULL, 1 << 20);

		if (n == 0)
			return 0;
		if (n < 0 && errno != EINTR)
			return -1;
	}
}

static int copy_file(int from, int to, const char *name, const struct stat *st)
{
	_cleanup_close_ int src = openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	_cleanup_close_ int dst = -1;

	if (src < 0)
		return -1;
	dst = openat(to, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (dst < 0 || copy_data(src, dst) < 0 || fchown(dst, st->st_uid, st->st_gid) < 0 ||
	    fchmod(dst, st->st_mode & 07777) < 0)
		return -1;
	return futimens(dst, (struct timespec[]){st->st_atim, st->st_mtim});
}

static int copy_link(int from, int to, const char *name)
{
	char target[PATH_MAX];
	ssize_t n = readlinkat(from, name, target, sizeof target - 1);

	if (n < 0)
		return -1;
	target[n] = '\0';
	return symlinkat(target, to, name);
}

static int copy_dir(int from, int to, const char *name, const struct stat *st, char *rel,
		    size_t len, struct hrun_error *err)
{
	_cleanup_close_ int src = -1, dst = -1;

	if (mkdirat(to, name, 0700) < 0)
		return hrun_error_errno(err, "copy `%s`", rel);
	src = openat(from, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	dst = openat(to, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (src < 0 || dst < 0)
		return hrun_error_errno(err, "copy `%s`", rel);
	if (copy_into(src, dst, rel, len, err) < 0)
		return -1;
	if (fchown(dst, st->st_uid, st->st_gid) < 0 || fchmod(dst, st->st_mode & 07777) < 0 ||
	    futimens(dst, (struct timespec[]){st->st_atim, st->st_mtim}) < 0)
		return hrun_error_errno(err, "copy `%s`", rel);
	return 0;
}

/* One entry; rel holds its path relative to the top, for messages. */
static int copy_entry(int from, int to, const char *name, char *rel, size_t len,
		      struct hrun_error *err)
{
	struct stat st;
	int r;

	if (fstatat(from, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return hrun_error_errno(err, "copy `%s`", rel);
	switch (st.st_mode & S_IFMT) {
	case S_IFDIR: return copy_dir(from, to, name, &st, rel, len, err);
	case S_IFREG: r = copy_file(from, to, name, &st); break;
	case S_IFLNK:
		r = copy_link(from, to, name);
		if (r == 0)
			r = fchownat(to, name, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW);
		break;
	case S_IFSOCK: return 0; /* a socket is nothing without its listener */
	default:
		r = mknodat(to, name, st.st_mode, st.st_rdev);
		if (r == 0)
			r = fchownat(to, name, st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW);
	}
	return r < 0 ? hrun_error_errno(err, "copy `%s`", rel) : 0;
}

static int copy_into(int from, int to, char *rel, size_t len, struct hrun_error *err)
{
	int fd = openat(from, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	_cleanup_closedir_ DIR *d = fd < 0 ? NULL : fdopendir(fd);
	size_t at = strlen(rel);
	struct dirent *e;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return hrun_error_errno(err, "copy `%s`", at ? rel : ".");
	}
	while ((errno = 0, e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(rel + at, len - at, "%s%s", at ? "/" : "", e->d_name) >=
		    len - at)
			return hrun_error_set(err, ENAMETOOLONG, "copy `%s`", rel);
		if (copy_entry(from, to, e->d_name, rel, len, err) < 0)
			return -1;
		rel[at] = '\0';
	}
	return errno ? hrun_error_errno(err, "copy `%s`", at ? rel : ".") : 0;
}

int direct_copy_tree(int from_fd, int to_fd, struct hrun_error *err)
{
	char rel[PATH_MAX] = "";

	return copy_into(from_fd, to_fd, rel, sizeof rel, err);
}
