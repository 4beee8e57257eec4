/* SPDX-License-Identifier: GPL-2.0-or-later */
/* conmon reads the pid file the moment create exits, and the conformance
 * suite parses it with no trimming: write it whole, or not at all. */
#include "runtime/runtime.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/cleanup.h"

int pidfile_write(const char *path, pid_t pid, struct hrun_error *err)
{
	_cleanup_free_ char *tmp = NULL;
	_cleanup_close_ int fd = -1;
	char buf[32];
	int len = snprintf(buf, sizeof buf, "%d", (int)pid);

	if (asprintf(&tmp, "%s.tmp-%d", path, (int)getpid()) < 0)
		return hrun_error_errno(err, "allocate path");
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return hrun_error_errno(err, "create pid file `%s`", tmp);
	if (write(fd, buf, (size_t)len) != len || rename(tmp, path) < 0) {
		hrun_error_errno(err, "write pid file `%s`", path);
		unlink(tmp);
		return -1;
	}
	return 0;
}
