/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The host side of process.terminal: the pty master the init sends with
 * SYNC_CONSOLE goes to --console-socket (console.c), or, for `run` in the
 * foreground, is relayed to the caller's terminal (tty_relay.c). */
#ifndef HRUN_RUNTIME_TTY_H
#define HRUN_RUNTIME_TTY_H

#include <stdbool.h>
#include <sys/types.h>

#include "util/error.h"

struct container;

/* The terminal options must agree with the config, as runc has them:
 * terminal wants a console socket unless the caller stays in the
 * foreground, and a console socket wants a terminal and no foreground. */
int console_check(bool terminal, const char *socket, bool foreground, struct hrun_error *err);

/* Connect to the unix socket `path` and send `master` as the one fd of one
 * message (SCM_RIGHTS), as conmon expects it. */
int console_socket_send(const char *path, int master, struct hrun_error *err);

/* After the init sent its console: to the console socket (then closed),
 * or, for a foreground run, kept with the caller's terminal size. */
int console_deliver(struct container *c, const char *socket, struct hrun_error *err);

/* Give `master` the size of the terminal on fd `from`, if it is one. */
void tty_copy_size(int from, int master);

/* A master kept for the caller's terminal: its size, and ONLCR off. */
void tty_foreground(int from, int master);

/* Wait for our child `pid` (wait_forwarding) while relaying the caller's
 * stdin and stdout, in raw mode when stdin is a terminal, to and from
 * `master`, and its size changes (SIGWINCH); restore the terminal after. */
int tty_relay_wait(pid_t pid, int master, struct hrun_error *err);

#endif
