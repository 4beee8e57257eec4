/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The fixture of the real dispatcher's tests (sys_tree.h). */
#include "sys_tree.h"

#include <fcntl.h>
#include <ftw.h>
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

void path_in(char *buf, size_t len, const char *dir, const char *rel)
{
	snprintf(buf, len, "%s/%s", dir, rel);
}

void make_file(const char *dir, const char *rel)
{
	char p[256];

	path_in(p, sizeof p, dir, rel);
	int fd = open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

	assert_true(fd >= 0);
	close(fd);
}

static void make_link(const char *dir, const char *rel, const char *target)
{
	char p[256];

	path_in(p, sizeof p, dir, rel);
	assert_int_equal(symlink(target, p), 0);
}

/* root/ with etc/passwd, and the symlinks an image could plant. */
int tree_setup(void **state)
{
	struct tree *t = calloc(1, sizeof *t);
	char p[256];

	assert_non_null(t);
	snprintf(t->dir, sizeof t->dir, "/tmp/hrun-sys-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->root, sizeof t->root, "%s/root", t->dir);
	assert_int_equal(mkdir(t->root, 0755), 0);
	path_in(p, sizeof p, t->root, "etc");
	assert_int_equal(mkdir(p, 0755), 0);
	make_file(t->root, "etc/passwd");
	make_link(t->root, "abs", "/etc");
	make_link(t->root, "up", "../../../../../etc");
	make_link(t->root, "loop1", "loop2");
	make_link(t->root, "loop2", "/loop1");
	make_link(t->root, "dangling", "/missing/file");
	make_link(t->root, "chain", "abs/../up/../etc");
	t->rootfd = open(t->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	assert_true(t->rootfd >= 0);
	*state = t;
	return 0;
}

int tree_teardown(void **state)
{
	struct tree *t = *state;

	close(t->rootfd);
	nftw(t->dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(t);
	return 0;
}

void need_root(void)
{
	if (geteuid() != 0)
		skip();
}

int private_mount_ns(void)
{
	if (unshare(CLONE_NEWNS) < 0)
		return -1;
	return mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
}
