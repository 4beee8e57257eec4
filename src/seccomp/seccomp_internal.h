/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Between the files of src/seccomp only. */
#ifndef HRUN_SECCOMP_INTERNAL_H
#define HRUN_SECCOMP_INTERNAL_H

#include "seccomp/seccomp.h"

/* io.c: all of len bytes at off; 0, or -1 with errno (EIO: end of file). */
int seccomp_pread_full(int fd, void *buf, size_t len, off_t off);
int seccomp_pwrite_full(int fd, const void *buf, size_t len, off_t off);

/* profile.c: the linux.seccomp name of one flag, of an action's kind
 * (*has_data: it carries an errno or
 * a trace value); NULL when hrun does not know it. */
const char *seccomp_flag_name(unsigned int flag);
const char *seccomp_action_name(uint32_t action, bool *has_data);

/* install.c */
int seccomp_syscall(unsigned int op, unsigned int flags, void *arg);
/* Returns what seccomp(2) returns: 0, the listener fd, or -1 with errno. */
int seccomp_install_program(const struct seccomp_program *p, unsigned int flags);
unsigned int seccomp_base_flags(const struct seccomp_filter *f);
unsigned int seccomp_listener_flags(const struct seccomp_filter *f);

/* notify.c, workload side: start the helper that hands the listener over
 * (before any install), then tell it the listener fd (or -1: failed). */
struct handoff;
struct handoff *seccomp_listener_helper(const struct seccomp_filter *f, struct hrun_error *err);
void seccomp_listener_handoff(struct handoff *h, int fd);
/* notify.c, host side: connect to listenerPath, make the message's memfd. */
int seccomp_listener_connect(struct seccomp_filter *f, struct hrun_error *err);

#endif
