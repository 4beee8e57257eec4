/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The real dispatcher: each entry calls the kernel.  Plain syscalls are
 * here; the composite helpers live in sys_<idea>.c (see sys_internal.h). */
#include "container/sys.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <grp.h>

#include "container/sys_internal.h"

static int direct_set_dumpable(int value)
{
	return prctl(PR_SET_DUMPABLE, value, 0, 0, 0);
}

static int direct_set_no_new_privs(void)
{
	return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
}

static int direct_set_keepcaps(int on)
{
	return prctl(PR_SET_KEEPCAPS, on, 0, 0, 0);
}

static int direct_set_child_subreaper(void)
{
	return prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
}

static int direct_die_with_parent(void)
{
	return prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
}

static int direct_setrlimit(int resource, const struct rlimit *rl)
{
	return setrlimit((__rlimit_resource_t)resource, rl);
}

static int direct_pivot_root(const char *new_root, const char *put_old)
{
	return (int)syscall(SYS_pivot_root, new_root, put_old);
}

static int direct_open(const char *path, int flags, mode_t mode)
{
	return open(path, flags, mode);
}

static int direct_write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -1;
	ssize_t n = write(fd, data, len);
	int saved = n < 0 ? errno : EIO;

	close(fd);
	if (n == (ssize_t)len)
		return 0;
	errno = saved;
	return -1;
}

/* The sync socket's peer may be gone: that is an error, not a SIGPIPE. */
static ssize_t direct_send(int sock, const void *buf, size_t len)
{
	return send(sock, buf, len, MSG_NOSIGNAL);
}

const struct sys sys_direct = {
	.getpid = getpid,
	.set_dumpable = direct_set_dumpable,
	.set_no_new_privs = direct_set_no_new_privs,
	.umask = umask,
	.sethostname = sethostname,
	.setdomainname = setdomainname,
	.setgroups = setgroups,
	.setresgid = setresgid,
	.setresuid = setresuid,
	.set_keepcaps = direct_set_keepcaps,
	.setrlimit = direct_setrlimit,
	.cap_last_cap = direct_cap_last_cap,
	.cap_bset_drop = direct_cap_bset_drop,
	.cap_ambient_clear = direct_cap_ambient_clear,
	.cap_ambient_raise = direct_cap_ambient_raise,
	.capset = direct_capset,

	.mount = mount,
	.umount2 = umount2,
	.pivot_root = direct_pivot_root,
	.chdir = chdir,
	.fchdir = fchdir,
	.open = direct_open,
	.close = close,
	.mkdir = mkdir,
	.mknod = mknod,
	.symlink = symlink,
	.chown = chown,
	.stat = stat,
	.write_file = direct_write_file,
	.access = access,
	.read = read,
	.write = write,
	.send = direct_send,
	.setns = setns,
	.unshare = unshare,

	.bind_source_open = direct_bind_source_open,
	.target_open = direct_target_open,
	.target_open_exact = direct_target_open_exact,
	.bind_mount = direct_bind_mount,
	.remount = direct_remount,
	.mount_setattr_tree = direct_mount_setattr_tree,
	.copy_tree = direct_copy_tree,

	.loopback_up = direct_loopback_up,

	.spawn_workload = direct_spawn_workload,
	.become_workload = direct_become_workload,
	.wait4 = wait4,
	.kill = kill,
	.signalfd_all = direct_signalfd_all,
	.signal_wait = direct_signal_wait,
	.wait_start = direct_wait_start,
	.now_ms = direct_now_ms,
	.exit = direct_exit,
	.log = direct_log,
	.die_with_parent = direct_die_with_parent,

	.set_child_subreaper = direct_set_child_subreaper,
	.open_own_proc = direct_open_own_proc,
	.passwd_home = direct_passwd_home,
	.kill_children = direct_kill_children,
	.set_proc_title = direct_set_proc_title,
	.setsid = setsid,

	.dup2 = dup2,
	.pty_peer = direct_pty_peer,
	.set_winsize = direct_set_winsize,
	.fchown = fchown,
	.bind_fd = direct_bind_fd,
	.rebind_fd = direct_rebind_fd,
	.attach_mount = direct_attach_mount,
	.mount_renew = direct_mount_renew,
	.carry_root = direct_carry_root,
	.send_fd = direct_send_fd,
	.run_hook = direct_run_hook,
};
