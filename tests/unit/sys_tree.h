/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The real dispatcher's tests (test_sys_direct, test_sys_mounts) work in
 * a temporary directory holding a container root with the symlinks an
 * image could plant; what changes the process runs in a forked child
 * (child_helpers.h), as root. */
#ifndef HRUN_TEST_SYS_TREE_H
#define HRUN_TEST_SYS_TREE_H

#include <stddef.h>

struct tree {
	char dir[64];  /* the temporary directory */
	char root[96]; /* dir/root: the container root */
	int rootfd;
};

/* cmocka group setup and teardown: *state is the struct tree */
int tree_setup(void **state);
int tree_teardown(void **state);

void path_in(char *buf, size_t len, const char *dir, const char *rel);
void make_file(const char *dir, const char *rel);

void need_root(void);        /* skips the test without root */
int private_mount_ns(void);  /* a mount namespace of our own, all private */

#endif
