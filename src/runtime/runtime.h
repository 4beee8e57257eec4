/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The host side of a container's life.
 *
 *   create: load the bundle, make <root>/<id>/, clone the init, serve it
 *           until it is created, write state.json and the pid file;
 *   start:  write one byte to <root>/<id>/exec.fifo, which the init waits on;
 *   state, kill, delete: read state.json, check the init is still the
 *           process that was created (its start time), act.
 * `run` is create + start (+ wait + delete) in one process. */
#ifndef HRUN_RUNTIME_H
#define HRUN_RUNTIME_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "oci/spec.h"
#include "util/error.h"

struct cgroup;
struct oci_resources;
struct plan;
struct oci_spec;
struct oci_state;
struct oci_state_rdt;

struct create_opts {
	const char *pid_file;        /* --pid-file */
	const char *console_socket;  /* --console-socket */
	int preserve_fds;            /* --preserve-fds */
	int listen_fds;              /* socket activation: LISTEN_FDS's, before those */
	bool no_pivot;               /* --no-pivot (accepted; the init always pivots) */
	bool no_new_keyring;         /* --no-new-keyring */
	const char *cgroup_manager;  /* --cgroup-manager: cgroupfs (NULL), systemd, disabled */
	bool foreground;             /* `run` without --detach: relays process.terminal itself */
	/* `run`: no FIFOs; the init waits for SYNC_START on the sync socket
	 * instead of the exec FIFO, and reports the workload's exec there,
	 * where container_started reads it */
	bool start_now;
	int log_fd;                  /* --log, open for appending, for the init's messages; or -1 */
	int sealed_exe;              /* for the init to keep (struct init_fds), or -1 */
	bool log_json;               /* --log-format json */
};

struct container {
	char *root;                  /* state root, e.g. /run/hrun */
	char *id;
	char *bundle;                /* absolute */
	char *created;               /* RFC 3339, for the hooks' state and state.json */
	struct oci_spec *spec;
	struct plan *plan;
	int dirfd;                   /* <root>/<id>, locked; -1 when not made */
	pid_t init_pid;              /* host pid of the init, 0 before create */
	uint64_t init_start_time;    /* its start time, read as soon as it is cloned */
	int sync_fd;                 /* our end of the sync socketpair, -1 when closed */
	struct cgroup *cgroup;       /* made before the clone; NULL before create */
	int console_fd;              /* pty master from the init (SYNC_CONSOLE), kept by `run` */
	int state_fd;                /* memfd: the state JSON for hooks (hooks.c), or -1 */
	int result_fd;               /* start result FIFO (start_reports), or -1 */
	int host_mnt_fd;             /* our mount namespace, for plan->host_mount_ns, or -1 */
	struct oci_state_rdt *rdt;   /* linux.intelRdt's resctrl groups (resctrl.h), or NULL */
	/* linux.resources with pids.limit raised for the init
	 * (resources_beside_init): the cgroup holds on to it until the init
	 * is placed (systemd), so it lives as long as the container */
	struct oci_resources written_resources;
};

/* Load <bundle>/config.json and translate it (nothing is created). */
struct container *container_load(const char *root, const char *id, const char *bundle,
				 struct hrun_error *err);

/* Make the state directory, clone the init and serve it until it reports
 * created, then write the state file and the pid file.  On failure nothing
 * is left: no init, no state directory. */
int container_create(struct container *c, const struct create_opts *opts,
		     struct hrun_error *err);

/* Pieces of create shared with hooks.c: a FIFO in the container's
 * directory, held open for reading and writing; the time as RFC 3339 (also
 * the CLI's --log); the state of the container being created (strings
 * borrowed). */
int container_fifo(struct container *c, const char *name, struct hrun_error *err);
char *rfc3339_now(void);
void container_state(const struct container *c, struct oci_state *st);

/* After container_create with start_now: wait for the workload's exec
 * (or the failure of a step after "created"), then the poststart hooks. */
int container_started(struct container *c, struct hrun_error *err);

/* Tear down what a failed or unwanted create made, or what a foreground
 * run leaves: kill and reap the init, kill what is left in its cgroup and
 * remove it, remove the state directory. */
void container_abort(struct container *c);

/* The end of a foreground run: its poststop hooks, then as container_abort. */
void container_delete(struct container *c);

/* Wait for our own child init, forwarding the signals we receive to it;
 * returns its status as a shell would (128+N when killed by signal N). */
int container_wait(struct container *c, struct hrun_error *err);

void container_free(struct container *c);

/* The verbs on an existing container (lifecycle.c).  Each locks the
 * container's directory for its whole run. */
int runtime_start(const char *root, const char *id, struct hrun_error *err);
int runtime_start_locked(int dirfd, const char *id, struct hrun_error *err);
int runtime_state(const char *root, const char *id, struct hrun_error *err);
int runtime_kill(const char *root, const char *id, int sig, bool all, struct hrun_error *err);
int runtime_delete(const char *root, const char *id, bool force, struct hrun_error *err);

/* The verbs on a container's cgroup (cgroup_verbs.c): new limits (res;
 * NULL: none, the container need not have a cgroup) and lines for its
 * resctrl schemata (n_rdt of them), freeze (a running container) and thaw
 * (a paused one). */
int runtime_update(const char *root, const char *id, const struct oci_resources *res,
		   char *const *rdt_lines, size_t n_rdt, struct hrun_error *err);
int runtime_pause(const char *root, const char *id, struct hrun_error *err);
int runtime_resume(const char *root, const char *id, struct hrun_error *err);

/* events (events.c): runc's JSON events, one line each, handed to emit
 * (which returns -1 with *err set to stop): {"type":"stats",...} every
 * interval and {"type":"oom",...} on each OOM kill, until the container
 * stops; with stats_once, one stats line and return. */
struct events_opts {
	bool stats_once;
	unsigned interval_ms;
	int (*emit)(const char *line, void *data, struct hrun_error *err);
	void *data;
};
int runtime_events(const char *root, const char *id, const struct events_opts *o,
		   struct hrun_error *err);

struct sync_msg;
/* Receive one message from the init (or an exec'd process): 1, 0 at
 * end-of-file, -1 on error; an fd passed along is stored in *passed (-1
 * when none). */
int sync_recv(int fd, struct sync_msg *msg, int *passed);

/* Wait for our child `pid`, forwarding every signal we receive to it;
 * returns its status as a shell would (wait.c). */
int wait_forwarding(pid_t pid, struct hrun_error *err);
/* Block every signal from now on (wait.c), the mask before in *old: one
 * sent to a foreground `run` once its workload may start (from the
 * init's clone on, container_create) waits for wait_forwarding to pass it
 * on, rather than ending hrun or, ignored (SIGINT in a background job),
 * being lost.  The init takes *old back; hooks and the workload reset
 * their mask. */
void hold_signals(sigset_t *old);


/* A process in the init's namespaces whose /proc/<pid>/ns we may read
 * and a pidfd on it (*pidfd): the init, or rootless, its workload (pids.c). */
pid_t container_ns_pidfd(const struct oci_state *st, int *pidfd, struct hrun_error *err);
/* The host pids of a container's processes (pids.c); *pids is malloc'd. */
int container_pids(const struct oci_state *st, pid_t **pids, size_t *n, struct hrun_error *err);

/* An init that is not pid 1 of its pid namespace leaves its workload
 * behind when it dies (leftovers.c; the state's own_pid_ns says whether
 * it is).  container_kill_leftovers: SIGKILL every process of
 * the container's cgroup, or without one the init's descendants, until
 * none is left (bounded).  container_has_leftovers: its cgroup holds a
 * process. */
/* The parent of a live process; 0 for a zombie (already dead) or none. */
pid_t proc_live_ppid(pid_t pid);
/* Signal every descendant of pid (not pid), children before their own,
 * each through a pidfd checked to be its parent's live child, so a
 * recycled pid is never signalled; returns how many were. */
size_t signal_descendants(pid_t pid, int sig);
int container_kill_leftovers(const struct oci_state *st, struct hrun_error *err);
bool container_has_leftovers(const struct oci_state *st);

/* Write the uid/gid maps of a child's new user namespace (idmap.c): the
 * container's, or the ones given. */
int idmap_write(pid_t pid, const struct plan *plan, struct hrun_error *err);
struct plan_id_map;
int idmap_write_maps(pid_t pid, const struct plan_id_map *uid_map, size_t n_uid_map,
		     const struct plan_id_map *gid_map, size_t n_gid_map, struct hrun_error *err);

/* The bind sources of the plan, opened once as detached copies on the
 * host before the init is cloned (bind_sources.c); their fds, kept in the
 * ops, are the init's to attach: the runtime closes its copies once the
 * init is cloned. */
int bind_sources_open(struct plan *plan, struct hrun_error *err);
void bind_sources_close(struct plan *plan);
/* The open ones' fds into fds[0 .. max-1]; returns how many there are. */
size_t bind_source_fds(const struct plan *plan, int *fds, size_t max);
struct op;
/* Bind sources of a container with a user namespace (`wanted`), opened in
 * a locked copy of our mount namespace (bind_sources_locked.c); nothing,
 * and 0, when this runtime may not make one (rootless). */
int bind_sources_open_locked(struct plan *plan,
			     bool (*wanted)(const struct plan *, const struct op *),
			     struct hrun_error *err);
/* Id-map the detached mount of op (idmapped.c); *shared: the container's
 * user namespace, made once for every op taking it. */
int idmapped_mount_set(const struct plan *plan, const struct op *op, int mnt_fd, int *shared,
		       struct hrun_error *err);

/* Close every fd but stdio, the preserved fds 3 .. 3+preserve_fds-1 and
 * keep[] (-1 entries ignored) (fds.c). */
void fds_keep_only(int preserve_fds, const int *keep, size_t n);

/* process.oomScoreAdj, when set, written to the host's
 * /proc/<pid>/oom_score_adj (oom_score.c). */
struct plan_process;
int oom_score_adj_write(pid_t pid, const struct plan_process *proc, struct hrun_error *err);

/* Write `pid` to `path` atomically, without a trailing newline (pidfile.c). */
int pidfile_write(const char *path, pid_t pid, struct hrun_error *err);

#endif
