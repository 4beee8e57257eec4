/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The syscall dispatcher.
 *
 * Every call the init and the ops make that changes or reads the process
 * or the filesystem goes through one of these pointers.  sys_direct (in
 * sys_direct.c) calls the kernel; the unit tests hand in a scripted stub
 * (tests/unit/stub_sys.c) that checks each call and its arguments against
 * an ordered script and returns scripted results, so the whole init can be
 * replayed without privileges, failure point by failure point.
 *
 * Calls return what the syscall returns (-1 with errno set on failure)
 * unless said otherwise.  Composite helpers (bind_mount, remount,
 * target_open, loopback_up, spawn_workload, ...) are single
 * entries on purpose: init and op tests stub them as one step, and each
 * has its own test against the real kernel or a temporary directory. */
#ifndef HRUN_SYS_H
#define HRUN_SYS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>

struct hrun_error;
struct oci_hook;
struct plan_caps;
struct plan_process;
struct rusage;

struct sys {
	/* identity of the calling process */
	pid_t (*getpid)(void);
	int (*set_dumpable)(int value); /* PR_SET_DUMPABLE */
	int (*set_no_new_privs)(void);
	mode_t (*umask)(mode_t mask);
	int (*sethostname)(const char *name, size_t len);
	int (*setdomainname)(const char *name, size_t len);
	int (*setgroups)(size_t n, const gid_t *gids);
	int (*setresgid)(gid_t r, gid_t e, gid_t s);
	int (*setresuid)(uid_t r, uid_t e, uid_t s);
	int (*set_keepcaps)(int on); /* PR_SET_KEEPCAPS */
	int (*setrlimit)(int resource, const struct rlimit *rl);
	int (*cap_last_cap)(void);     /* CAP_LAST_CAP, from prctl (never /proc); -1 on error */
	int (*cap_bset_drop)(int cap); /* PR_CAPBSET_DROP */
	int (*cap_ambient_clear)(void);
	int (*cap_ambient_raise)(int cap);
	/* effective, permitted, inheritable via libcap */
	int (*capset)(const struct plan_caps *caps);

	/* filesystem */
	int (*mount)(const char *src, const char *tgt, const char *fstype, unsigned long flags,
		     const void *data);
	int (*umount2)(const char *tgt, int flags);
	int (*pivot_root)(const char *new_root, const char *put_old);
	int (*chdir)(const char *path);
	int (*fchdir)(int fd);
	int (*open)(const char *path, int flags, mode_t mode);
	int (*close)(int fd);
	int (*mkdir)(const char *path, mode_t mode);
	int (*mknod)(const char *path, mode_t mode, dev_t dev);
	int (*symlink)(const char *target, const char *linkpath);
	int (*chown)(const char *path, uid_t uid, gid_t gid);
	int (*stat)(const char *path, struct stat *st);
	/* O_WRONLY|O_CLOEXEC, one write */
	int (*write_file)(const char *path, const char *data, size_t len);
	int (*access)(const char *path, int mode);
	ssize_t (*read)(int fd, void *buf, size_t len);
	ssize_t (*write)(int fd, const void *buf, size_t len);	/* a file or a pipe */
	ssize_t (*send)(int sock, const void *buf, size_t len); /* a socket; never raises SIGPIPE */
	int (*setns)(int fd, int nstype);
	int (*unshare)(int flags);

	/* composite helpers (see each one's comment in sys_direct.c) */
	/* A detached copy (open_tree OPEN_TREE_CLONE, the whole tree when
	 * rec) of `path`, resolved once, here, made a slave: the mounts of its
	 * source still reach it, nothing mounted on it goes back.  Returns
	 * its fd (close-on-exec), for attach_mount. */
	int (*bind_source_open)(const char *path, bool rec, struct hrun_error *err);
	/* Open `path` (absolute, inside the root whose fd is `rootfd`) without
	 * ever leaving that root (openat2 RESOLVE_IN_ROOT, or an O_NOFOLLOW walk);
	 * create it first when missing: as a directory when `type` is S_IFDIR,
	 * as an empty file when S_IFREG, not at all when 0.  Returns an O_PATH
	 * fd, usable as a mount target through /proc/self/fd/N. */
	int (*target_open)(int rootfd, const char *path, mode_t type, struct hrun_error *err);
	/* As target_open, but no component of `path` may be a symlink (the
	 * error says so): the mounts that make /proc, /sys and /dev must be
	 * where the path says (plan_in_kernel_dir), whatever the rootfs
	 * became after create checked it. */
	int (*target_open_exact)(int rootfd, const char *path, mode_t type, struct hrun_error *err);
	/* Bind src on tgt (MS_BIND, plus MS_REC when rec), then, when `flags`
	 * asks for more than the bind gave, remount with those flags added to
	 * the flags the kernel reports for the mount (so locked flags stay). */
	int (*bind_mount)(const char *src, const char *tgt, unsigned long flags, bool rec,
			  struct hrun_error *err);
	int (*remount)(const char *tgt, unsigned long flags, struct hrun_error *err);
	/* mount_setattr(fd, "", AT_EMPTY_PATH | AT_RECURSIVE) setting and
	 * clearing MOUNT_ATTR_* on the whole tree of the mount open at fd. */
	int (*mount_setattr_tree)(int fd, uint64_t set, uint64_t clr);
	/* Copy the tree of the directory open at from_fd (O_PATH will do) into
	 * the one at to_fd: files, directories, symlinks, owners, modes and
	 * times (tmpcopyup).  Errors name the entry, relative to from_fd. */
	int (*copy_tree)(int from_fd, int to_fd, struct hrun_error *err);

	/* network */
	int (*loopback_up)(struct hrun_error *err); /* RTM_NEWLINK lo IFF_UP, then verify */

	/* processes */
	/* Fork the workload: the child applies what must be per-process (fds,
	 * seccomp in later issues), execs `path` (args[0] resolved by the
	 * init against the container's PATH); the parent returns the pid. */
	pid_t (*spawn_workload)(const char *path, const struct plan_process *proc,
				struct hrun_error *err);
	/* org.hrun.init "none": the same last steps as the fork's child, in
	 * this process, then execve `path`; no subreaper is left.  On failure
	 * the message goes to stderr and the process exits 127. */
	void (*become_workload)(const char *path, const struct plan_process *proc)
		__attribute__((noreturn));
	/* The home directory of the first entry for uid in /etc/passwd under
	 * our root (the container's), into home[len]: 1; 0 when there is no
	 * such entry, or no regular file to read it from (sys_passwd.c). */
	int (*passwd_home)(uid_t uid, char *home, size_t len);
	pid_t (*wait4)(pid_t pid, int *status, int options, struct rusage *ru);
	int (*kill)(pid_t pid, int sig);
	/* Block every catchable signal and return a signalfd for them. */
	int (*signalfd_all)(void);
	/* Wait for a signal on sfd for at most timeout_ms (-1: forever).
	 * Returns the signal number, 0 on timeout, -1 on error. */
	int (*signal_wait)(int sfd, int timeout_ms);
	/* Until `start`: wait for the start byte on start_fd (0), or a signal
	 * on sfd (its number); -1 when start_fd ends or fails.  The byte
	 * wins when both are there: the signal stays queued for later. */
	int (*wait_start)(int start_fd, int sfd);
	/* Milliseconds on CLOCK_MONOTONIC. */
	int64_t (*now_ms)(void);
	void (*exit)(int status) __attribute__((noreturn));

	/* logging sink: one line, already formatted, no trailing newline */
	void (*log)(const char *line);
	/* PR_SET_PDEATHSIG SIGKILL: die when the parent (a foreground `run`)
	 * does.  The kernel clears it on a credentials change: call it after. */
	int (*die_with_parent)(void);

	/* PR_SET_CHILD_SUBREAPER: orphans come to us when we are not pid 1 */
	int (*set_child_subreaper)(void);
	/* A procfs of our own pid namespace, its pid directories alone,
	 * mounted nowhere (fsmount): an fd to its root, or -1 with errno */
	int (*open_own_proc)(void);
	/* SIGKILL every descendant of the calling subreaper and reap them all,
	 * until no child is left; procfd is open_own_proc's (the children
	 * are found in thread-self/children, signalled through their
	 * /proc/<pid> directory as pidfds). */
	int (*kill_children)(int procfd);
	/* comm (PR_SET_NAME) and /proc/self/cmdline become `name`: the argv
	 * area inherited from the runtime is overwritten, and the
	 * environment's strings wiped (sys_title.c). */
	int (*set_proc_title)(const char *name);
	/* a session and process group of our own (setsid) */
	pid_t (*setsid)(void);

	/* the console (sys_tty.c) */
	int (*dup2)(int oldfd, int newfd);
	/* Unlock the pty of `master` and open its peer from the master itself,
	 * never by path (TIOCSPTLCK, TIOCGPTPEER O_RDWR|O_NOCTTY|O_CLOEXEC);
	 * returns the peer's fd. */
	int (*pty_peer)(int master);
	int (*set_winsize)(int fd, unsigned int rows, unsigned int cols); /* TIOCSWINSZ */
	int (*fchown)(int fd, uid_t uid, gid_t gid);
	/* Bind the file open at src_fd on the one open (O_PATH will do) at
	 * tgt_fd, by fd alone (open_tree + move_mount). */
	int (*bind_fd)(int src_fd, int tgt_fd, struct hrun_error *err);
	/* Attach the detached mount open at mnt_fd (open_tree OPEN_TREE_CLONE)
	 * on the file open at tgt_fd (move_mount). */
	int (*attach_mount)(int mnt_fd, int tgt_fd, struct hrun_error *err);
	/* A detached copy, made now, of the detached mount open at mnt_fd
	 * (its whole tree when rec): mnt_fd is attached on `scratch` first, a
	 * directory when dir, else a file (made if missing; stacked on what is
	 * there), since before Linux 6.15 only an attached mount can be
	 * copied, and stays there.  Returns the copy's fd (close-on-exec). */
	int (*mount_renew)(int mnt_fd, const char *scratch, bool dir, bool rec,
			   struct hrun_error *err);
	/* Bind the file open at fd on itself (its mount's whole tree when
	 * rec), with the MOUNT_ATTR_* flags attr_set on the new top mount
	 * before it is attached: open_tree, mount_setattr, move_mount.  ENOSYS
	 * in err->code without mount_setattr (before Linux 5.12). */
	int (*rebind_fd)(int fd, bool rec, uint64_t attr_set, struct hrun_error *err);
	/* Clone the whole tree of / (detached), join the mount namespace open
	 * at ns_fd and chroot into the clone: the root stays what it was, the
	 * namespace becomes ns_fd's. */
	int (*carry_root)(int ns_fd, struct hrun_error *err);
	/* Send buf as one message with `fd` attached (SCM_RIGHTS); no SIGPIPE. */
	ssize_t (*send_fd)(int sock, const void *buf, size_t len, int fd);

	/* Run one OCI hook (sys_hook.c) and wait for it, at most its timeout:
	 * stdin is state_fd (rewound), the root is `root` when not NULL
	 * (chroot), args and env are the hook's.  With `confine`, the hook
	 * gets that process's seccomp filter and no capability more than it
	 * (startContainer: a program of the image).  Errors read "<kind> hook
	 * `path`: <what happened>". */
	int (*run_hook)(const struct oci_hook *hook, const char *kind, const char *root,
			const struct plan_process *confine, int state_fd, struct hrun_error *err);
};

extern const struct sys sys_direct;

/* Where sys_direct.log writes: fd (--log, text or JSON lines), never the
 * container's stdio; -1 drops the lines.  Unless keep_after_start, the fd
 * is closed once the workload runs: it is a host file, which a workload
 * with CAP_SYS_PTRACE could reopen through /proc/1/fd (sys_process.c). */
void sys_direct_log_to(int fd, bool json, bool keep_after_start);

#endif
