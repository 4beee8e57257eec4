/* SPDX-License-Identifier: GPL-2.0-or-later */
/* exe_remap (cli/exe_remap.c) on this test's own binary, in a forked
 * child: afterwards no mapping and not the exe is the file on its own
 * mount, the data written before (a global, the relocated GOT) is intact
 * and the code runs on.  Needs root (open_tree, PR_SET_MM_MAP). */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cmocka.h>

#include "cli/cli.h"

#include "child_helpers.h"

static int written_before = 1;

static int read_only_clone(void)
{
	struct mount_attr attr = {
		.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV,
	};
	int fd = open_tree(AT_FDCWD, "/proc/self/exe", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);

	if (fd >= 0 && mount_setattr(fd, "", AT_EMPTY_PATH, &attr, sizeof attr) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Every line of /proc/self/maps with our binary's inode names the root
 * of the detached mount ("/"), none its path on the host. */
static int maps_name_only_the_clone(const struct stat *exe)
{
	FILE *f = fopen("/proc/self/maps", "re");
	char line[512];
	int seen = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof line, f)) {
		unsigned long ino;
		char path[256] = "";

		if (sscanf(line, "%*x-%*x %*s %*x %*x:%*x %lu %255s", &ino, path) < 1 ||
		    ino != exe->st_ino)
			continue;
		seen++;
		if (strcmp(path, "/") != 0) {
			fprintf(stderr, "child: still mapped: %s", line);
			seen = -1;
			break;
		}
	}
	fclose(f);
	return seen;
}

static int remap_child(void *arg)
{
	struct stat exe;
	struct statfs fs;
	char link[64] = "", buf[32];
	int self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC), tree = read_only_clone();

	(void)arg;
	if (tree < 0)
		return CHILD_SKIP;
	written_before = 42;
	CHILD_CHECK(self >= 0 && fstat(self, &exe) == 0);
	if (exe_remap(self, tree) < 0)
		return errno == EPERM ? CHILD_SKIP : 1;
	close(tree);
	close(self);
	CHILD_CHECK(readlink("/proc/self/exe", link, sizeof link - 1) == 1 &&
		    strcmp(link, "/") == 0);
	CHILD_CHECK(statfs("/proc/self/exe", &fs) == 0 && (fs.f_flags & ST_RDONLY));
	CHILD_CHECK(maps_name_only_the_clone(&exe) >= 3);
	/* data and GOT as they were: a global, a call through the PLT */
	CHILD_CHECK(written_before == 42);
	CHILD_CHECK(snprintf(buf, sizeof buf, "%d", written_before) == 2 && strcmp(buf, "42") == 0);
	return 0;
}

static void test_remap_leaves_nothing_of_the_file_and_runs_on(void **state)
{
	(void)state;
	assert_child_passes(remap_child, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_remap_leaves_nothing_of_the_file_and_runs_on),
	};

	return cmocka_run_group_tests_name("exe_remap", tests, NULL, NULL);
}
