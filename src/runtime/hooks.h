/* SPDX-License-Identifier: GPL-2.0-or-later */
/* OCI hooks from the host side: prestart and createRuntime while `create`
 * serves the init (SYNC_HOOKS), poststart after `start`, poststop at
 * `delete`.  (createContainer and startContainer run from the init, see
 * src/container/init_hooks.c.)  Every hook reads the state JSON on stdin
 * from a sealed memfd; sys_direct.run_hook runs it. */
#ifndef HRUN_HOOKS_H
#define HRUN_HOOKS_H

#include <stddef.h>

#include "oci/spec.h"
#include "util/error.h"

struct container;
struct oci_state;

/* The copy of config.json that start and delete read their hooks from. */
#define HOOKS_CONFIG "config.json"

enum hooks_saved { HOOKS_POSTSTART, HOOKS_POSTSTOP };

/* Run hooks[0..n) in order; stop at the first failure and describe it as
 * "<kind> hook `path`: <what happened>". */
int hooks_run(const struct oci_hook *hooks, size_t n, const char *kind, int state_fd,
	      struct hrun_error *err);

/* create, before the clone: the memfd the init inherits for the hooks it
 * runs, the config copy for start and delete (poststart, poststop) -- each
 * only when the plan needs it. */
int hooks_prepare(struct container *c, struct hrun_error *err);

/* create, right after the clone: the state (status created) into the
 * memfd, sealed; then, at SYNC_HOOKS, prestart and createRuntime. */
int hooks_fill_state(struct container *c, struct hrun_error *err);
int hooks_run_create(const struct container *c, struct hrun_error *err);

/* poststart (start) or poststop (delete, a foreground run's end) from the
 * saved config, with the state as start or delete sees it; each failing
 * hook is a warning (util/warn.h), the others still run. */
void hooks_run_saved(int dirfd, const char *id, enum hooks_saved which);

/* start_result.c: `start` opens the start result FIFO, which create makes
 * for startContainer and poststart hooks (not for `run`), before it writes
 * the exec FIFO (-1 when there is none: start then does not wait), then
 * waits there for the outcome: the workload's exec, or the failure of a
 * step after the exec FIFO (startContainer hooks among them), which is
 * start's.  start_result_check reads that outcome from a message (NULL:
 * the init died first), wherever it came from: `run` has it on the sync
 * socket. */
struct sync_msg;
int start_result_open(int dirfd);
int start_result_wait(int fd, const struct oci_state *st, struct hrun_error *err);
int start_result_check(struct sync_msg *m, const char *id, struct hrun_error *err);

#endif
