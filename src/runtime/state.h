/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The state directory: <root>/<id>/ holds state.json (oci/state.h) and the
 * exec.fifo that `start` writes to.  Commands on one id are serialised by
 * an exclusive flock on the container's directory. */
#ifndef HRUN_STATE_H
#define HRUN_STATE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "oci/state.h"
#include "util/error.h"

#define STATE_FILE "state.json"
#define STATE_FIFO "exec.fifo"
#define STATE_RESULT_FIFO "start.fifo"
#define STATE_ID_MAX 1024

/* An id is [A-Za-z0-9_+-][A-Za-z0-9_+.-]*, at most STATE_ID_MAX bytes. */
int state_check_id(const char *id, struct hrun_error *err);

/* Make <root>/<id> (and root, mode 0700) for a new container, locked;
 * returns its directory fd.  An existing id is an error that leaves the
 * first container intact. */
int state_dir_create(const char *root, const char *id, struct hrun_error *err);

/* Take the lock on a container's directory again, or let it go: a
 * foreground `run` holds it only while it creates and while it deletes. */
int state_dir_lock(int dirfd, const char *id, struct hrun_error *err);
void state_dir_unlock(int dirfd);

/* Open and lock an existing container's directory; returns its fd. */
int state_dir_open(const char *root, const char *id, struct hrun_error *err);

/* Remove <root>/<id> and what it holds. */
int state_dir_remove(const char *root, const char *id, struct hrun_error *err);

/* Write state.json atomically (temp file + rename) in the directory dirfd. */
int state_write(int dirfd, const struct oci_state *st, struct hrun_error *err);

/* Read state.json from the directory dirfd and compute its status. */
struct oci_state *state_read(int dirfd, const char *id, struct hrun_error *err);

/* /proc/<pid>/stat's starttime, 0 when the process does not exist or is
 * a zombie. */
uint64_t proc_start_time(pid_t pid);

/* The same for a child of ours not reaped yet, a zombie's too: its pid is
 * ours until we reap it (a `run` that starts at once may be over before
 * we look). */
uint64_t child_start_time(pid_t pid);

/* A pidfd on the init, opened before its start time is checked so that a
 * recycled pid is never addressed; -1 (errno ESRCH) once it is gone. */
int state_pidfd(const struct oci_state *st);

/* "created" while the exec.fifo exists, "running" after (and while the
 * cgroup of an init that is gone still holds a process), "paused" while
 * its cgroup is frozen, "stopped" once the init (checked against its start
 * time, so a reused pid is not mistaken for it) is gone or a zombie. */
const char *state_status(int dirfd, const struct oci_state *st);

#endif
