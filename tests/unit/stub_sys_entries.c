/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The scripted dispatcher's entries: each checks its call against the
 * script (stub_sys.c) and returns the scripted result. */
#include "stub_sys.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>

#include <cmocka.h>

#include "container/init_internal.h"
#include "oci/spec.h"
#include "plan/plan.h"
#include "util/error.h"
#include "stub_sys_internal.h"

/* ---- the entries ---- */

#define RET(type, ...) return (type)stub_take(__VA_ARGS__)->ret

static pid_t s_getpid(void)
{
	RET(pid_t, "getpid", "%s", "");
}

static int s_set_dumpable(int value)
{
	RET(int, "set_dumpable", "%d", value);
}

static int s_set_no_new_privs(void)
{
	RET(int, "set_no_new_privs", "%s", "");
}

static int s_set_child_subreaper(void)
{
	RET(int, "set_child_subreaper", "%s", "");
}

static int s_open_own_proc(void)
{
	RET(int, "open_own_proc", "%s", "");
}

/* the scripted data, a string, is the home found */
static int s_passwd_home(uid_t uid, char *home, size_t len)
{
	const struct stub_call *c = stub_take("passwd_home", "%d", (int)uid);

	if (c->ret == 1 && c->data)
		snprintf(home, len, "%.*s", (int)c->len, (const char *)c->data);
	return (int)c->ret;
}

static int s_kill_children(int procfd)
{
	RET(int, "kill_children", "%d", procfd);
}

static int s_set_proc_title(const char *name)
{
	RET(int, "set_proc_title", "\"%s\"", name);
}

static pid_t s_setsid(void)
{
	RET(pid_t, "setsid", "%s", "");
}

static int s_die_with_parent(void)
{
	RET(int, "die_with_parent", "%s", "");
}

static mode_t s_umask(mode_t mask)
{
	RET(mode_t, "umask", "0%03o", (unsigned)mask);
}

static int s_sethostname(const char *name, size_t len)
{
	RET(int, "sethostname", "%s", stub_quote_bytes(name, len));
}

static int s_setdomainname(const char *name, size_t len)
{
	RET(int, "setdomainname", "%s", stub_quote_bytes(name, len));
}

static int s_setgroups(size_t n, const gid_t *gids)
{
	char list[ARGS_MAX] = "[";
	size_t at = 1;

	for (size_t i = 0; i < n && at < sizeof list; i++)
		at += (size_t)snprintf(list + at, sizeof list - at, "%s%u", i ? ", " : "", gids[i]);
	if (at < sizeof list)
		snprintf(list + at, sizeof list - at, "]");
	RET(int, "setgroups", "%s", list);
}

static int s_setresgid(gid_t r, gid_t e, gid_t s)
{
	RET(int, "setresgid", "%d, %d, %d", (int)r, (int)e, (int)s);
}

static int s_setresuid(uid_t r, uid_t e, uid_t s)
{
	RET(int, "setresuid", "%d, %d, %d", (int)r, (int)e, (int)s);
}

static int s_set_keepcaps(int on)
{
	RET(int, "set_keepcaps", "%d", on);
}

static const char *format_rlim(rlim_t v)
{
	char *out = stub_ring_next();

	if (v == RLIM_INFINITY)
		return "inf";
	snprintf(out, ARGS_MAX, "%llu", (unsigned long long)v);
	return out;
}

static int s_setrlimit(int resource, const struct rlimit *rl)
{
	RET(int, "setrlimit", "%d, %s, %s", resource, format_rlim(rl->rlim_cur),
	    format_rlim(rl->rlim_max));
}

static int s_cap_last_cap(void)
{
	RET(int, "cap_last_cap", "%s", "");
}

static int s_cap_bset_drop(int cap)
{
	RET(int, "cap_bset_drop", "%d", cap);
}

static int s_cap_ambient_clear(void)
{
	RET(int, "cap_ambient_clear", "%s", "");
}

static int s_cap_ambient_raise(int cap)
{
	RET(int, "cap_ambient_raise", "%d", cap);
}

static int s_capset(const struct plan_caps *caps)
{
	RET(int, "capset", "0x%llx, 0x%llx, 0x%llx", (unsigned long long)caps->effective,
	    (unsigned long long)caps->permitted, (unsigned long long)caps->inheritable);
}

static int s_mount(const char *src, const char *tgt, const char *fstype, unsigned long flags,
		   const void *data)
{
	RET(int, "mount", "%s, %s, %s, 0x%lx, %s", stub_quote(src), stub_quote(tgt),
	    stub_quote(fstype), flags, stub_quote(data));
}

static int s_umount2(const char *tgt, int flags)
{
	RET(int, "umount2", "%s, 0x%x", stub_quote(tgt), (unsigned)flags);
}

static int s_pivot_root(const char *new_root, const char *put_old)
{
	RET(int, "pivot_root", "%s, %s", stub_quote(new_root), stub_quote(put_old));
}

static int s_chdir(const char *path)
{
	RET(int, "chdir", "%s", stub_quote(path));
}

static int s_fchdir(int fd)
{
	RET(int, "fchdir", "%d", fd);
}

static int s_open(const char *path, int flags, mode_t mode)
{
	RET(int, "open", "%s, 0x%x, 0%o", stub_quote(path), (unsigned)flags, (unsigned)mode);
}

static int s_close(int fd)
{
	RET(int, "close", "%d", fd);
}

static int s_mkdir(const char *path, mode_t mode)
{
	RET(int, "mkdir", "%s, 0%o", stub_quote(path), (unsigned)mode);
}

static int s_mknod(const char *path, mode_t mode, dev_t dev)
{
	RET(int, "mknod", "%s, 0%o, %u:%u", stub_quote(path), (unsigned)mode, major(dev),
	    minor(dev));
}

static int s_symlink(const char *target, const char *linkpath)
{
	RET(int, "symlink", "%s, %s", stub_quote(target), stub_quote(linkpath));
}

static int s_chown(const char *path, uid_t uid, gid_t gid)
{
	RET(int, "chown", "%s, %d, %d", stub_quote(path), (int)uid, (int)gid);
}

static int s_stat(const char *path, struct stat *st)
{
	const struct stub_call *c = stub_take("stat", "%s", stub_quote(path));

	memset(st, 0, sizeof *st);
	if (c->ret == 0 && c->data)
		memcpy(st, c->data, c->len < sizeof *st ? c->len : sizeof *st);
	return (int)c->ret;
}

static int s_write_file(const char *path, const char *data, size_t len)
{
	RET(int, "write_file", "%s, %s", stub_quote(path), stub_quote_bytes(data, len));
}

static int s_access(const char *path, int mode)
{
	RET(int, "access", "%s, %d", stub_quote(path), mode);
}

static ssize_t s_read(int fd, void *buf, size_t len)
{
	const struct stub_call *c = stub_take("read", "%d, %zu", fd, len);

	if (c->ret > 0 && c->data)
		memcpy(buf, c->data, c->len < len ? c->len : len);
	return (ssize_t)c->ret;
}

/* A buffer sent: one struct sync_msg (recorded) as "TYPE, code, \"msg\"",
 * other bytes quoted. */
static const char *format_sent(const void *buf, size_t len)
{
	const struct sync_msg *m = buf;
	char text[sizeof m->msg + 1], *out;

	if (len != sizeof *m)
		return stub_quote_bytes(buf, len);
	memcpy(text, m->msg, sizeof m->msg);
	text[sizeof m->msg] = '\0';
	stub_record_sync(m);
	out = stub_ring_next();
	snprintf(out, ARGS_MAX, "%s, %d, %s", stub_sync_name(m->type), m->code, stub_quote(text));
	return out;
}

static ssize_t s_write(int fd, const void *buf, size_t len)
{
	RET(ssize_t, "write", "%d, %s", fd, format_sent(buf, len));
}

static ssize_t s_send(int sock, const void *buf, size_t len)
{
	RET(ssize_t, "send", "%d, %s", sock, format_sent(buf, len));
}

static int s_setns(int fd, int nstype)
{
	RET(int, "setns", "%d, 0x%x", fd, (unsigned)nstype);
}

static int s_unshare(int flags)
{
	RET(int, "unshare", "0x%x", (unsigned)flags);
}

static int s_bind_source_open(const char *path, bool rec, struct hrun_error *err)
{
	const struct stub_call *c =
		stub_take("bind_source_open", "%s, %s", stub_quote(path), rec ? "true" : "false");

	return c->ret < 0 ? stub_fill_err(c, err) : (int)c->ret;
}

static int s_target_open_exact(int rootfd, const char *path, mode_t type, struct hrun_error *err)
{
	const struct stub_call *c = stub_take("target_open_exact", "%d, %s, 0%o", rootfd,
					      stub_quote(path), (unsigned)type);

	return c->ret < 0 ? stub_fill_err(c, err) : (int)c->ret;
}

static int s_target_open(int rootfd, const char *path, mode_t type, struct hrun_error *err)
{
	const struct stub_call *c =
		stub_take("target_open", "%d, %s, 0%o", rootfd, stub_quote(path), (unsigned)type);

	return c->ret < 0 ? stub_fill_err(c, err) : (int)c->ret;
}

static int s_bind_mount(const char *src, const char *tgt, unsigned long flags, bool rec,
			struct hrun_error *err)
{
	const struct stub_call *c = stub_take("bind_mount", "%s, %s, 0x%lx, %s", stub_quote(src),
					      stub_quote(tgt), flags, rec ? "true" : "false");

	return c->ret < 0 ? stub_fill_err(c, err) : (int)c->ret;
}

static int s_remount(const char *tgt, unsigned long flags, struct hrun_error *err)
{
	const struct stub_call *c = stub_take("remount", "%s, 0x%lx", stub_quote(tgt), flags);

	return c->ret < 0 ? stub_fill_err(c, err) : (int)c->ret;
}

static int s_mount_setattr_tree(int fd, uint64_t set, uint64_t clr)
{
	RET(int, "mount_setattr_tree", "%d, 0x%llx, 0x%llx", fd, (unsigned long long)set,
	    (unsigned long long)clr);
}

static int s_copy_tree(int from_fd, int to_fd, struct hrun_error *err)
{
	const struct stub_call *c = stub_take("copy_tree", "%d, %d", from_fd, to_fd);

	return c->ret < 0 ? stub_fill_err(c, err) : (int)c->ret;
}

static int s_loopback_up(struct hrun_error *err)
{
	const struct stub_call *c = stub_take("loopback_up", "%s", "");

	return c->ret < 0 ? stub_fill_err(c, err) : (int)c->ret;
}

static pid_t s_spawn_workload(const char *path, const struct plan_process *proc,
			      struct hrun_error *err)
{
	const struct stub_call *c = stub_take("spawn_workload", "%s, %s", stub_quote(path),
					      stub_format_list(proc->args));

	return c->ret < 0 ? stub_fill_err(c, err) : (pid_t)c->ret;
}

/* As exit: the scripted result is the status the replay ends with. */
static __attribute__((noreturn)) void s_become_workload(const char *path,
							const struct plan_process *proc)
{
	const struct stub_call *c = stub_take("become_workload", "%s, %s", stub_quote(path),
					      stub_format_list(proc->args));

	stub_exit_run((int)c->ret);
}

static pid_t s_wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	const struct stub_call *c = stub_take("wait4", "%d, 0x%x", (int)pid, (unsigned)options);

	if (status && c->data)
		memcpy(status, c->data, sizeof *status);
	if (ru)
		memset(ru, 0, sizeof *ru);
	return (pid_t)c->ret;
}

static int s_kill(pid_t pid, int sig)
{
	RET(int, "kill", "%d, %d", (int)pid, sig);
}

static int s_signalfd_all(void)
{
	RET(int, "signalfd_all", "%s", "");
}

static int s_wait_start(int start_fd, int sfd)
{
	RET(int, "wait_start", "%d, %d", start_fd, sfd);
}

static int s_signal_wait(int sfd, int timeout_ms)
{
	RET(int, "signal_wait", "%d, %d", sfd, timeout_ms);
}

static int64_t s_now_ms(void)
{
	RET(int64_t, "now_ms", "%s", "");
}

static int s_dup2(int oldfd, int newfd)
{
	RET(int, "dup2", "%d, %d", oldfd, newfd);
}

static int s_pty_peer(int master)
{
	RET(int, "pty_peer", "%d", master);
}

static int s_fchown(int fd, uid_t uid, gid_t gid)
{
	RET(int, "fchown", "%d, %d, %d", fd, (int)uid, (int)gid);
}

static int s_set_winsize(int fd, unsigned int rows, unsigned int cols)
{
	RET(int, "set_winsize", "%d, %u, %u", fd, rows, cols);
}

static int s_bind_fd(int src_fd, int tgt_fd, struct hrun_error *err)
{
	const struct stub_call *c = stub_take("bind_fd", "%d, %d", src_fd, tgt_fd);

	return c->ret < 0 ? stub_fill_err(c, err) : (int)c->ret;
}

static int s_attach_mount(int mnt_fd, int tgt_fd, struct hrun_error *err)
{
	const struct stub_call *c = stub_take("attach_mount", "%d, %d", mnt_fd, tgt_fd);

	return c->ret < 0 ? stub_fill_err(c, err) : (int)c->ret;
}

static int s_mount_renew(int mnt_fd, const char *scratch, bool dir, bool rec,
			 struct hrun_error *err)
{
	const struct stub_call *c = stub_take("mount_renew", "%d, \"%s\", %s, %s", mnt_fd, scratch,
					      dir ? "dir" : "file", rec ? "true" : "false");

	return c->ret < 0 ? stub_fill_err(c, err) : (int)c->ret;
}

static int s_rebind_fd(int fd, bool rec, uint64_t attr_set, struct hrun_error *err)
{
	const struct stub_call *c = stub_take("rebind_fd", "%d, %s, 0x%llx", fd,
					      rec ? "true" : "false", (unsigned long long)attr_set);

	return c->ret < 0 ? stub_fill_err(c, err) : (int)c->ret;
}

static int s_carry_root(int ns_fd, struct hrun_error *err)
{
	const struct stub_call *c = stub_take("carry_root", "%d", ns_fd);

	return c->ret < 0 ? stub_fill_err(c, err) : (int)c->ret;
}

static ssize_t s_send_fd(int sock, const void *buf, size_t len, int fd)
{
	RET(ssize_t, "send_fd", "%d, %s, %d", sock, format_sent(buf, len), fd);
}

static int s_run_hook(const struct oci_hook *hook, const char *kind, const char *root,
		      const struct plan_process *confine, int state_fd, struct hrun_error *err)
{
	const struct stub_call *c =
		stub_take("run_hook", "%s, %s, %s, %s, %d", stub_quote(kind), stub_quote(root),
			  confine ? "confined" : "unconfined", stub_quote(hook->path), state_fd);

	return c->ret < 0 ? stub_fill_err(c, err) : (int)c->ret;
}

static __attribute__((noreturn)) void s_exit(int status)
{
	stub_take("exit", "%d", status);
	stub_exit_run(status);
}

static void s_log(const char *line)
{
	stub_take("log", "%s", stub_quote(line));
}

const struct sys stub_sys = {
	.getpid = s_getpid,
	.set_dumpable = s_set_dumpable,
	.set_no_new_privs = s_set_no_new_privs,
	.umask = s_umask,
	.sethostname = s_sethostname,
	.setdomainname = s_setdomainname,
	.setgroups = s_setgroups,
	.setresgid = s_setresgid,
	.setresuid = s_setresuid,
	.set_keepcaps = s_set_keepcaps,
	.setrlimit = s_setrlimit,
	.cap_last_cap = s_cap_last_cap,
	.cap_bset_drop = s_cap_bset_drop,
	.cap_ambient_clear = s_cap_ambient_clear,
	.cap_ambient_raise = s_cap_ambient_raise,
	.capset = s_capset,
	.mount = s_mount,
	.umount2 = s_umount2,
	.pivot_root = s_pivot_root,
	.chdir = s_chdir,
	.fchdir = s_fchdir,
	.open = s_open,
	.close = s_close,
	.mkdir = s_mkdir,
	.mknod = s_mknod,
	.symlink = s_symlink,
	.chown = s_chown,
	.stat = s_stat,
	.write_file = s_write_file,
	.access = s_access,
	.read = s_read,
	.write = s_write,
	.send = s_send,
	.setns = s_setns,
	.unshare = s_unshare,
	.bind_source_open = s_bind_source_open,
	.target_open = s_target_open,
	.target_open_exact = s_target_open_exact,
	.bind_mount = s_bind_mount,
	.remount = s_remount,
	.mount_setattr_tree = s_mount_setattr_tree,
	.copy_tree = s_copy_tree,
	.loopback_up = s_loopback_up,
	.spawn_workload = s_spawn_workload,
	.become_workload = s_become_workload,
	.wait4 = s_wait4,
	.kill = s_kill,
	.signalfd_all = s_signalfd_all,
	.signal_wait = s_signal_wait,
	.wait_start = s_wait_start,
	.now_ms = s_now_ms,
	.exit = s_exit,
	.log = s_log,
	.die_with_parent = s_die_with_parent,
	.kill_children = s_kill_children,
	.set_proc_title = s_set_proc_title,
	.setsid = s_setsid,
	.set_child_subreaper = s_set_child_subreaper,
	.open_own_proc = s_open_own_proc,
	.passwd_home = s_passwd_home,
	.dup2 = s_dup2,
	.pty_peer = s_pty_peer,
	.set_winsize = s_set_winsize,
	.fchown = s_fchown,
	.bind_fd = s_bind_fd,
	.attach_mount = s_attach_mount,
	.mount_renew = s_mount_renew,
	.rebind_fd = s_rebind_fd,
	.carry_root = s_carry_root,
	.send_fd = s_send_fd,
	.run_hook = s_run_hook,
};
