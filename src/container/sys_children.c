/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The last sweep of an init that is not pid 1: no kernel kills what the
 * workload left when such an init exits, so it kills its descendants. */
#include <errno.h>
#include <fcntl.h>
#include <linux/mount.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "container/sys_internal.h"
#include "util/cleanup.h"

/* The init's own procfs, not the host's: the init lives as long as the
 * container, and a process of a pod sharing its pid namespace, with
 * CAP_SYS_PTRACE, can follow /proc/<init>/fd/N.  Through the host's /proc
 * that reached every host process's root, the host's files; through
 * this one, only the pid namespace that process already sees. */
int direct_open_own_proc(void)
{
	int fs = (int)syscall(SYS_fsopen, "proc", FSOPEN_CLOEXEC), mnt = -1;

	if (fs < 0)
		return -1;
	if (syscall(SYS_fsconfig, fs, FSCONFIG_SET_STRING, "subset", "pid", 0) == 0 &&
	    syscall(SYS_fsconfig, fs, FSCONFIG_CMD_CREATE, NULL, NULL, 0) == 0)
		mnt = (int)syscall(SYS_fsmount, fs, FSMOUNT_CLOEXEC,
				   MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV | MOUNT_ATTR_NOEXEC);
	close(fs);
	return mnt;
}

/* SIGKILL through the /proc/<pid> directory (a pidfd to the kernel). */
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
