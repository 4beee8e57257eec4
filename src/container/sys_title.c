/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The init's name as the container sees it.  The init is a clone of the
 * runtime, so its /proc/<pid>/cmdline (world-readable, `ps` and `podman
 * top` show it) would be hrun's whole host command line: the runtime's,
 * the log's and the bundle's paths.  It is overwritten in place. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "container/sys_internal.h"
#include "util/cleanup.h"

/* arg_start and arg_end: fields 48 and 49 of /proc/self/stat, counted
 * after the command name (which may hold spaces and parentheses). */
static int argv_area(unsigned long *start, unsigned long *end)
{
	_cleanup_close_ int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	char buf[2048], *p;
	ssize_t n;

	if (fd < 0 || (n = read(fd, buf, sizeof buf - 1)) <= 0)
		return -1;
	buf[n] = '\0';
	p = strrchr(buf, ')');
	for (int field = 2; p && field < 48; field++)
		p = strchr(p + 1, ' ');
	if (!p || sscanf(p, " %lu %lu", start, end) != 2 || *end <= *start) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int direct_set_proc_title(const char *name)
{
	unsigned long start, end;
	size_t len = strlen(name);

	if (prctl(PR_SET_NAME, name, 0, 0, 0) < 0 || argv_area(&start, &end) < 0)
		return -1;
	if (end - start < len + 2) {
		errno = ENOSPC;
		return -1;
	}
	memset((char *)start, 0, end - start);
	memcpy((char *)start, name, len);
	/* the last byte not NUL: the kernel then reads the title up to its
	 * first NUL instead of the whole area */
	((char *)end)[-1] = ' ';
	return 0;
}
