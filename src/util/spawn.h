/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef HRUN_UTIL_SPAWN_H
#define HRUN_UTIL_SPAWN_H

#include <stdbool.h>
#include <sys/types.h>

/* Run fn(arg) in a child process, which must end in an execve or _exit
 * (fn never returns).  With share_memory, the child shares our memory
 * until then (CLONE_VM | CLONE_VFORK, as posix_spawn), on a stack of its
 * own, and we are stopped until it has exec'd or exited: no page tables
 * are copied and neither side takes copy-on-write faults.  Without it, a
 * fork.  flags adds clone flags to either (CLONE_PARENT: the child is our
 * parent's).  -1 with errno when no child could be made. */
pid_t spawn_child(int (*fn)(void *), void *arg, bool share_memory, int flags);

/* The exit signal a child cloned with these flags is to have: SIGCHLD, or
 * none with CLONE_PARENT, where it ends with the signal we would end with
 * (and clone3 refuses any other). */
int clone_exit_signal(int flags);

#endif
