/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The last sweep of an init that is not pid 1: no kernel kills what the
 * workload left when such an init exits, so it kills its descendants. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "container/sys_internal.h"
#include "util/cleanup.h"

/* SIGKILL through the /proc/<pid> directory (a pidfd to the kernel): the
 * pid is the host /proc's, which need not be ours in a joined pid
 * namespace. */
static void kill_listed(int procfd, const char *pid)
{
	_cleanup_close_ int fd = openat(procfd, pid, O_DIRECTORY | O_RDONLY | O_CLOEXEC);

	if (fd >= 0)
		syscall(SYS_pidfd_send_signal, fd, SIGKILL, NULL, 0);
}

/* Kill every child listed now; a dying child's children come to us (we are
 * their subreaper) and are listed on the next round. */
static int kill_current_children(int procfd)
{
	_cleanup_close_ int fd = openat(procfd, "thread-self/children", O_RDONLY | O_CLOEXEC);
	char buf[4096], pid[24];
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof buf)) > 0)
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] >= '0' && buf[i] <= '9' && len < sizeof pid - 1) {
				pid[len++] = buf[i];
				continue;
			}
			pid[len] = '\0';
			if (len)
				kill_listed(procfd, pid);
			len = 0;
		}
	pid[len] = '\0';
	if (len)
		kill_listed(procfd, pid);
	return n < 0 ? -1 : 0;
}

int direct_kill_children(int procfd)
{
	for (;;) {
		int saved = 0;

		if (kill_current_children(procfd) < 0)
			saved = errno;
		if (wait4(-1, NULL, __WALL, NULL) < 0) {
			if (errno == ECHILD)
				break;
			if (errno != EINTR)
				return -1;
		}
		if (saved) {
			errno = saved;
			return -1;
		}
	}
	return 0;
}
