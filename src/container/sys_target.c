/* SPDX-License-Identifier: GPL-2.0-or-later */
/* target_open: open a path inside the container root without ever leaving
 * it, whatever symlinks the image (or a process already in the container)
 * planted: an absolute symlink means the root's own /, ".." stops at the
 * root.  openat2(RESOLVE_IN_ROOT) does it in the kernel; without openat2
 * the walk below does it one component at a time, never letting the kernel
 * follow a symlink.
 *
 * Missing components are created (directories, and the last one as the
 * caller asks), but never through a symlink: a symlink whose target is
 * missing is an error (ENOENT), the same way on both paths. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "container/sys_internal.h"
#include "util/error.h"

#define CREATE_DIR_MODE	 0755
#define CREATE_FILE_MODE 0644
#define MAX_SYMLINKS	 40
#define WALK_DEPTH	 256

/* Create `name` in `dir` unless something (even a symlink) is there. */
static int create_in(int dir, const char *name, mode_t type)
{
	if (type == S_IFDIR)
		return mkdirat(dir, name, CREATE_DIR_MODE) < 0 && errno != EEXIST ? -1 : 0;
	int fd = openat(dir, name, O_RDONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			CREATE_FILE_MODE);

	if (fd < 0)
		return errno == EEXIST ? 0 : -1;
	close(fd);
	return 0;
}

/* openat2 with RESOLVE_IN_ROOT fails with EAGAIN when a rename or a mount
 * anywhere on the machine raced its walk of `..`: on a busy host that is
 * no error, the walk is simply tried again. */
static int openat2_retrying(int rootfd, const char *path, uint64_t resolve)
{
	struct open_how how = {.flags = O_PATH | O_CLOEXEC, .resolve = resolve};
	int fd, tries = 0;

	do
		fd = (int)syscall(SYS_openat2, rootfd, path, &how, sizeof how);
	while (fd < 0 && errno == EAGAIN && ++tries < 1000);
	return fd;
}

static int open_in_root(int rootfd, const char *path)
{
	return openat2_retrying(rootfd, path, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);
}

/* The usual case of a missing target: its parent is there (/dev for pts,
 * shm, mqueue).  Create the last component in it and open the whole path
 * with `resolve` (RESOLVE_IN_ROOT and how strict), as the walk below
 * would; -1 with ENOENT when the parent is missing too. */
static int create_last(int rootfd, char *buf, mode_t type, uint64_t resolve)
{
	char *slash = strrchr(buf, '/');
	const char *name = slash ? slash + 1 : NULL;
	int parent, fd = -1;

	if (!name || !*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0) {
		errno = ENOENT;
		return -1;
	}
	*slash = '\0';
	parent = open_in_root(rootfd, slash == buf ? "/" : buf);
	*slash = '/';
	if (parent < 0)
		return -1;
	if (create_in(parent, name, type) == 0)
		fd = openat2_retrying(rootfd, buf, resolve);
	int e = errno;

	close(parent);
	errno = e;
	return fd;
}

/* path into buf, which create_last and the walk cut in place. */
static int path_copy(char buf[PATH_MAX], const char *path)
{
	if (strlen(path) >= PATH_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(buf, path);
	return 0;
}

/* Resolve each prefix of path in turn, creating its last component in the
 * previous one when missing.  Returns the fd of the whole path. */
static int create_path(int rootfd, const char *path, mode_t type)
{
	char buf[PATH_MAX];

	if (path_copy(buf, path) < 0)
		return -1;
	int quick = create_last(rootfd, buf, type, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS);

	if (quick >= 0 || errno != ENOENT)
		return quick;
	int parent = open_in_root(rootfd, "/");

	for (char *p = buf + strspn(buf, "/"); parent >= 0 && *p; p += strspn(p, "/")) {
		char *end = p + strcspn(p, "/");
		bool last = end[strspn(end, "/")] == '\0';
		char saved = *end;

		*end = '\0';
		int fd = open_in_root(rootfd, buf);

		if (fd < 0 && errno == ENOENT) {
			fd = create_in(parent, p, last ? type : S_IFDIR);
			if (fd == 0)
				fd = open_in_root(rootfd, buf);
		}
		int e = errno;

		close(parent);
		errno = e;
		parent = fd;
		*end = saved;
		p = end;
	}
	return parent;
}

int direct_target_open(int rootfd, const char *path, mode_t type, struct hrun_error *err)
{
	int fd = open_in_root(rootfd, path);

	if (fd < 0 && errno == ENOSYS)
		return direct_target_open_walk(rootfd, path, type, err);
	if (fd < 0 && errno == ENOENT && type)
		fd = create_path(rootfd, path, type);
	if (fd < 0)
		return hrun_error_errno(err, "open `%s` in the container root", path);
	return fd;
}

/* ---- the walk, for kernels without openat2 ---- */

struct walk {
	int stack[WALK_DEPTH]; /* the directories walked through; [0] is the root */
	size_t depth;
	char rest[PATH_MAX]; /* the path still to walk, from pos */
	size_t pos;
	size_t link_end; /* rest[0, link_end) came from symlink targets */
	int links;
	bool no_links; /* a symlink is an error (ELOOP), not followed */
};

static bool next_name(struct walk *w, char *name, bool *last, bool *from_link)
{
	w->pos += strspn(w->rest + w->pos, "/");
	if (!w->rest[w->pos])
		return false;
	size_t len = strcspn(w->rest + w->pos, "/");

	memcpy(name, w->rest + w->pos, len);
	name[len] = '\0';
	*from_link = w->pos < w->link_end;
	w->pos += len;
	*last = w->rest[w->pos + strspn(w->rest + w->pos, "/")] == '\0';
	return true;
}

static void walk_up(struct walk *w, size_t depth)
{
	while (w->depth > depth)
		close(w->stack[--w->depth]);
}

/* Replace the symlink just read by its target in what is left to walk. */
static int follow_link(struct walk *w, int linkfd)
{
	char target[PATH_MAX];
	ssize_t n = readlinkat(linkfd, "", target, sizeof target);
	size_t tail = strlen(w->rest + w->pos);
	size_t link_left = w->link_end > w->pos ? w->link_end - w->pos : 0;

	if (n < 0)
		return -1;
	if (++w->links > MAX_SYMLINKS) {
		errno = ELOOP;
		return -1;
	}
	if ((size_t)n + 1 + tail >= sizeof w->rest) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memmove(w->rest + n + 1, w->rest + w->pos, tail + 1);
	memcpy(w->rest, target, (size_t)n);
	w->rest[n] = '/';
	w->pos = 0;
	w->link_end = (size_t)n + 1 + link_left;
	if (target[0] == '/')
		walk_up(w, 1);
	return 0;
}

static int open_name(struct walk *w, const char *name, mode_t create)
{
	int dir = w->stack[w->depth - 1];
	int fd = openat(dir, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0 && errno == ENOENT && create && create_in(dir, name, create) == 0)
		fd = openat(dir, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
	return fd;
}

static int walk_step(struct walk *w, const char *name, bool last, mode_t create)
{
	struct stat st;

	if (strcmp(name, ".") == 0)
		return 0;
	if (strcmp(name, "..") == 0) {
		walk_up(w, w->depth > 1 ? w->depth - 1 : 1);
		return 0;
	}
	int fd = open_name(w, name, create);

	if (fd < 0 || fstat(fd, &st) < 0)
		goto fail;
	if (S_ISLNK(st.st_mode) && w->no_links) {
		errno = ELOOP;
		goto fail;
	}
	if (S_ISLNK(st.st_mode)) {
		int r = follow_link(w, fd);

		close(fd);
		return r;
	}
	errno = !last && !S_ISDIR(st.st_mode) ? ENOTDIR : w->depth == WALK_DEPTH ? ENAMETOOLONG : 0;
	if (errno)
		goto fail;
	w->stack[w->depth++] = fd;
	return 0;
fail:
	if (fd >= 0) {
		int e = errno;

		close(fd);
		errno = e;
	}
	return -1;
}

static int walk_run(struct walk *w, mode_t type)
{
	char name[PATH_MAX];
	bool last, from_link;

	while (next_name(w, name, &last, &from_link)) {
		mode_t create = !type || from_link ? 0 : last ? type : S_IFDIR;

		if (walk_step(w, name, last, create) < 0)
			return -1;
	}
	return w->stack[--w->depth];
}

static int walk_open(int rootfd, const char *path, mode_t type, bool no_links,
		     struct hrun_error *err)
{
	struct walk w = {.depth = 1, .no_links = no_links};

	if (strlen(path) >= sizeof w.rest)
		return hrun_error_set(err, ENAMETOOLONG, "open `%s` in the container root", path);
	strcpy(w.rest, path);
	w.stack[0] = openat(rootfd, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (w.stack[0] < 0)
		return hrun_error_errno(err, "open `%s` in the container root", path);
	int fd = walk_run(&w, type);
	int e = errno;

	walk_up(&w, 0);
	if (fd < 0)
		return hrun_error_set(err, e, "open `%s` in the container root", path);
	return fd;
}

int direct_target_open_walk(int rootfd, const char *path, mode_t type, struct hrun_error *err)
{
	return walk_open(rootfd, path, type, false, err);
}

/* ---- without any symlink ---- */

static int open_exact(int rootfd, const char *path)
{
	struct hrun_error err = {0};
	int fd = openat2_retrying(rootfd, path, RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS);

	if (fd >= 0 || errno != ENOSYS)
		return fd;
	fd = walk_open(rootfd, path, 0, true, &err);
	errno = err.code;
	return fd;
}

static int create_exact(int rootfd, const char *path, mode_t type)
{
	char buf[PATH_MAX];

	if (path_copy(buf, path) < 0)
		return -1;
	return create_last(rootfd, buf, type, RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS);
}

int direct_target_open_exact(int rootfd, const char *path, mode_t type, struct hrun_error *err)
{
	int fd = open_exact(rootfd, path);

	/* made in its parent and opened exactly; or, when the parent is
	 * missing too (or there is no openat2), made by target_open (never
	 * through a symlink) and opened again */
	if (fd < 0 && errno == ENOENT && type)
		fd = create_exact(rootfd, path, type);
	if (fd < 0 && (errno == ENOENT || errno == ENOSYS) && type) {
		fd = direct_target_open(rootfd, path, type, err);
		if (fd < 0)
			return -1;
		close(fd);
		fd = open_exact(rootfd, path);
	}
	if (fd < 0 && errno == ELOOP) {
		hrun_error_set(
			err, 0,
			"`%s` in the container root is reached through a symbolic link, refused",
			path);
		err->code = ELOOP;
		return -1;
	}
	if (fd < 0)
		return hrun_error_errno(err, "open `%s` in the container root", path);
	return fd;
}
