/* SPDX-License-Identifier: GPL-2.0-or-later */
/* passwd_home: the home directory of a uid in the container's /etc/passwd,
 * for the HOME that runc gives a workload whose environment has none.
 *
 * The file is the image's, and the init reads it with every privilege it
 * has: it is opened under our root (the container's by now) without a
 * magic link (no /proc/self/fd/N, which could still be one of ours), and
 * read only when it is a regular file (a FIFO would block the init, a
 * device never end) that is not the kernel's (/proc/self/mem, /proc/kcore
 * or a sysfs file would hand the workload what the init may read).
 * glibc's fgetpwent parses it. */
#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <linux/openat2.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "container/sys_internal.h"
#include "util/cleanup.h"
#include "util/error.h"

#define PASSWD "/etc/passwd"

/* Without openat2: the walk that never follows a link through the kernel
 * (sys_target.c), then the file it found opened for reading. */
static int open_walked(void)
{
	struct hrun_error err = { 0 };
	char path[32];
	_cleanup_close_ int root = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC);
	_cleanup_close_ int at = root < 0 ? -1 : direct_target_open_walk(root, PASSWD, 0, &err);

	if (at < 0)
		return -1;
	snprintf(path, sizeof path, "/proc/self/fd/%d", at);
	return open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
}

static int open_passwd(void)
{
	struct open_how how = { .flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
				.resolve = RESOLVE_NO_MAGICLINKS };
	int fd = (int)syscall(SYS_openat2, AT_FDCWD, PASSWD, &how, sizeof how);
	struct stat st;
	struct statfs fs;

	if (fd < 0 && errno == ENOSYS)
		fd = open_walked();
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || fstatfs(fd, &fs) < 0 ||
	    fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC) {
		close(fd);
		return -1;
	}
	return fd;
}

int direct_passwd_home(uid_t uid, char *home, size_t len)
{
	int fd = open_passwd();
	_cleanup_fclose_ FILE *f = fd < 0 ? NULL : fdopen(fd, "r");
	struct passwd *pw;

	if (!f) {
		if (fd >= 0)
			close(fd);
		return 0;
	}
	while ((pw = fgetpwent(f)))
		if (pw->pw_uid == uid) {
			if (strlen(pw->pw_dir) >= len)
				return 0;
			strcpy(home, pw->pw_dir);
			return 1;
		}
	return 0;
}
