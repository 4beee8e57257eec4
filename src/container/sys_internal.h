/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The parts of sys_direct that live in their own files (one idea each),
 * assembled into the table in sys_direct.c, and the pieces the unit
 * tests call directly. */
#ifndef HRUN_SYS_INTERNAL_H
#define HRUN_SYS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct hrun_error;
struct oci_hook;
struct plan_caps;
struct plan_process;

/* sys_caps.c */
int direct_cap_last_cap(void);
int direct_cap_bset_drop(int cap);
int direct_cap_ambient_clear(void);
int direct_cap_ambient_raise(int cap);
int direct_capset(const struct plan_caps *caps);

/* sys_mount.c */
int direct_bind_source_open(const char *path, bool rec, struct hrun_error *err);
int direct_bind_mount(const char *src, const char *tgt, unsigned long flags, bool rec,
		      struct hrun_error *err);
int direct_remount(const char *tgt, unsigned long flags, struct hrun_error *err);
int direct_bind_fd(int src_fd, int tgt_fd, struct hrun_error *err);
int direct_rebind_fd(int fd, bool rec, uint64_t attr_set, struct hrun_error *err);
int direct_attach_mount(int mnt_fd, int tgt_fd, struct hrun_error *err);
int direct_mount_renew(int mnt_fd, const char *scratch, bool dir, bool rec,
		       struct hrun_error *err);
int direct_carry_root(int ns_fd, struct hrun_error *err);

/* sys_mount_attr.c */
int direct_mount_setattr_tree(int fd, uint64_t set, uint64_t clr);

/* sys_copy.c */
int direct_copy_tree(int from_fd, int to_fd, struct hrun_error *err);

/* sys_exec_attrs.c: the workload's kernel attributes, applied by the
 * workload process itself before execve; and the capabilities the init
 * keeps until then to set them (CAP_SYS_NICE) and the seccomp filter
 * (CAP_SYS_ADMIN). */
int direct_exec_attrs_apply(const struct plan_process *proc, struct hrun_error *err);
uint64_t workload_kept_caps(const struct plan_process *proc);

/* sys_target.c */
int direct_target_open(int rootfd, const char *path, mode_t type, struct hrun_error *err);
int direct_target_open_exact(int rootfd, const char *path, mode_t type, struct hrun_error *err);
/* The walk target_open falls back to without openat2; public for its test. */
int direct_target_open_walk(int rootfd, const char *path, mode_t type, struct hrun_error *err);

/* sys_tty.c */
int direct_pty_peer(int master);
int direct_set_winsize(int fd, unsigned int rows, unsigned int cols);
ssize_t direct_send_fd(int sock, const void *buf, size_t len, int fd);

/* sys_hook.c */
int direct_run_hook(const struct oci_hook *hook, const char *kind, const char *root,
		    const struct plan_process *confine, int state_fd, struct hrun_error *err);

/* sys_netlink.c */
int direct_loopback_up(struct hrun_error *err);

/* sys_listen_pid.c: LISTEN_PID for the workload.  prepare, in the init:
 * env itself, or a copy whose entry naming pid 1 or the init is
 * lp->entry (-1 with errno when the copy cannot be made); fill, in the
 * workload's process: that entry becomes its own pid; release frees
 * the copy. */
struct listen_pid {
	char **env;
	char entry[32];
};
int listen_pid_prepare(struct listen_pid *lp, char **env);
void listen_pid_fill(struct listen_pid *lp);
void listen_pid_release(struct listen_pid *lp, char **env);

/* sys_process.c */
void direct_exec_workload(const char *path, const struct plan_process *proc, int message_fd)
	__attribute__((noreturn));
void direct_become_workload(const char *path, const struct plan_process *proc)
	__attribute__((noreturn));
pid_t direct_spawn_workload(const char *path, const struct plan_process *proc,
			    struct hrun_error *err);
/* A startContainer hook, right before its execve: the workload's seccomp
 * filter (its listener stays the workload's), then the capabilities the
 * init kept for the workload's set-up dropped. */
int direct_confine_hook(const struct plan_process *proc, struct hrun_error *err);
int direct_signalfd_all(void);
int direct_signal_wait(int sfd, int timeout_ms);
int direct_wait_start(int start_fd, int sfd);
int64_t direct_now_ms(void);
void direct_exit(int status) __attribute__((noreturn));
void direct_log(const char *line);
int direct_kill_children(int procfd);	     /* sys_children.c */
int direct_open_own_proc(void);		     /* sys_children.c */
int direct_set_proc_title(const char *name); /* sys_title.c */
int direct_passwd_home(uid_t uid, char *home, size_t len); /* sys_passwd.c */

#endif
