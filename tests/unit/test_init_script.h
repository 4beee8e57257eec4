/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the init replay tests share: two plans, a fake op, and the scripts
 * the init runs for them, listed on the stub (stub_sys.h) piece by piece.
 *
 * A piece lists calls with call(): each call the init may fail at carries
 * the message the init then reports.  list_begin(n) makes the n-th such
 * call fail (EINVAL) and ends the script there with the SYNC_ERROR report
 * and exit(1), so one listing serves the success path and every failure
 * point. */
#ifndef HRUN_TEST_INIT_SCRIPT_H
#define HRUN_TEST_INIT_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "container/init.h"
#include "plan/plan.h"

#define SYNC_FD	 5
#define START_FD 6
#define SFD	 7
#define RESULT_FD 11
#define PID	 42
/* the container's / and the cwd, while the init resolves its cwd */
#define CWD_ROOT_FD 30
#define CWD_FD	    31
#define SEALED_EXE_FD 14
#define SEALED_EXE_PLACE_FD 15
#define PROC_FD 13 /* the host's /proc, held by an init that is not pid 1 */

/* Everything the init can do, once: placed in its cgroup after the clone
 * (replayed with await_cgroup_fds), a new cgroup namespace then, a joined
 * ipc namespace, a new user namespace, loopback, hostname, domainname, one
 * fake op, rlimits, oom_score_adj, gids, capabilities, no_new_privileges,
 * a umask, and args[0] "true" found in PATH=/bin. */
struct plan full_plan(void);
/* As little as the init allows: uid 0, /bin/sh, cwd "/", bounding and
 * permitted {1}, and ambient {1} which is not inheritable: never raised. */
struct plan minimal_plan(void);
extern char *env_bin[];
/* The fake op type: valid fails on flags 0xbad; each phase calls
 * access("<phase>", 0) and fails with "fake <phase>". */
extern const struct op_type fake_type;

/* Replay init_main on the stub; returns its exit status.  replay() hands
 * the init the fds of a runtime that cloned it into its cgroup; the
 * await_cgroup_fds are those of one that places it after the clone. */
extern const struct init_fds await_cgroup_fds;
/* Those of a runtime without root: it writes the maps of a dumpable init
 * only (maps_need_dumpable). */
extern const struct init_fds unprivileged_fds;
int replay(struct plan *p);
int replay_fds(struct plan *p, const struct init_fds *fds);

/* ---- listing ---- */

/* `fail` of a call the init makes even when the call just before failed
 * (close after setns). */
#define ALWAYS ((const char *)1)

void list_begin(int fail_at);
/* A call; `fail` NULL when the init cannot fail there. */
void call(const char *name, long ret, const char *fail, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void call_data(const char *name, long ret, const char *fail, const void *data, size_t len,
	       const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Close the listing: the report when the failure was the last call. */
void list_end(void);
/* How many calls could fail; whether the failure was listed; its text. */
int list_fallible(void);
bool list_failed(void);
const char *list_failure(void);

extern const struct stat regular_0755, regular_0644, directory;

/* ---- pieces ---- */

void list_full(void);
/* The full plan up to SYNC_CREATED. */
void list_full_create(void);
void list_exec_found(const char *path);
/* The cwd, resolved in the container's root (target_open) and entered by
 * fd; `fail` as for call(), NULL when the listing expects no failure. */
void list_cwd(const char *cwd, const char *fail);
/* start: the byte on the start fd, then the start fd and the sync socket closed. */
void list_start(void);
/* `start` with nothing to wait for: no result FIFO (fds.result -1) */
void list_start_without_result(void);
void list_created(void);
/* SYNC_STARTED on the start result FIFO, after the spawn. */
void list_started(void);
/* The minimal plan's bounding set and identity, then SYNC_CREATED. */
void list_minimal_created(void);
/* The minimal plan from its cwd: /bin/sh found, created, then EOF on the
 * start fd and exit 1; or the report of a failure listed before. */
void list_created_then_abandoned(void);
/* Steps 8 to 10 with the sysroot fd 10, apply() between, old root fd 11;
 * with list_rootfs_nodev (reset by list_begin), the rootfs made nodev. */
extern bool list_rootfs_nodev;
/* With list_sealed_exe (reset to -1 by list_begin), that fd, hrun's sealed
 * binary, attached in the intermediate root on a file opened as
 * SEALED_EXE_PLACE_FD. */
extern int list_sealed_exe;
void list_pivots(const char *rootfs, void (*apply)(void));
/* With create hooks: apply(), the container's root moved onto its rootfs
 * path, back into the host's tree (cwd the rootfs), at_host() there, then
 * the final pivot into the rootfs. */
void list_pivots_via_host(const char *rootfs, void (*apply)(void), void (*at_host)(void));
/* A new user namespace's maps, written by a runtime without root: the
 * init made dumpable, SYNC_USERNS, SYNC_USERNS_DONE (as pid 1). */
void list_dumpable_for_the_maps(void);
void list_refused_ns_gid(void); /* setresgid EPERM, reported, exit 1 */
/* The init's first calls after the cgroup: its title and its session;
 * each a failure point when `fallible`. */
void list_opening(bool fallible);
void list_minimal_basics(pid_t pid); /* getpid .. cap_last_cap (2) */
void list_minimal_setup(void);	     /* .. "/" rslave */
void list_minimal_to_cwd(void);	     /* .. both pivots, chdir "/" */
void list_minimal_to_ids(void);	     /* .. created, start, bounding drops */
void list_minimal_identity(void);    /* the identity step after list_minimal_to_ids */
void list_minimal_to_spawn(void);
void list_minimal_to_spawn_as(pid_t pid); /* the same, the init being `pid` */
void list_minimal_setup_as(pid_t pid);    /* .. signalfd, spawn pid 42 with sfd 7 */
void list_spawn(const char *path, const char *argv_list); /* signalfd, spawn pid 42 */
void expect_exit(int status);

#endif
