/* SPDX-License-Identifier: GPL-2.0-or-later */
/* `hrun exec` inside the container: the process has joined the
 * container's namespaces; it takes on the planned identity, finds its
 * executable and becomes it, with the same code the init uses for the
 * workload. */
#ifndef HRUN_CONTAINER_EXEC_H
#define HRUN_CONTAINER_EXEC_H

struct hrun_error;
struct plan;

/* The process's AppArmor profile and SELinux label as the exec labels of
 * the calling thread, which a clone inherits and its execve takes on.
 * Call it while /proc is still the host's, before joining the container's
 * mount namespace: the container's /proc could swallow the write
 * (CVE-2019-16884). */
int container_exec_labels(const struct plan *plan, struct hrun_error *err);

/* Never returns.  A failure before execve is written to err_fd as one
 * line (the message, no newline) and the process exits 1; err_fd is
 * close-on-exec, so the runtime reading it sees end-of-file on success.
 * With process.terminal, the pty's master is sent on console_sock
 * (SYNC_CONSOLE) and its peer becomes the process's stdio. */
void container_exec(const struct plan *plan, int err_fd, int console_sock)
	__attribute__((noreturn));

#endif
