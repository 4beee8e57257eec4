/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The container init: pid 1 of the container, resident until the workload
 * and every orphan are gone.  See docs/design.md for the sequence. */
#ifndef HRUN_INIT_H
#define HRUN_INIT_H

#include <stdbool.h>
#include <stddef.h>

struct sys;
struct plan;

struct init_fds {
	int sync;        /* socketpair end to the runtime (struct sync_msg) */
	/* read one byte here to start the workload; EOF aborts; -1 for `run`:
	 * SYNC_START on sync instead, and the outcome reported there */
	int start;
	/* `run` with nothing for the runtime to do between "created" and the
	 * start: no SYNC_START to wait for (start is -1) */
	bool start_at_once;
	/* The runtime puts the init in its cgroup after the clone (v1, hybrid,
	 * systemd): wait for SYNC_CGROUP_DONE before anything, and create the
	 * cgroup namespace then, which the clone left out. */
	bool await_cgroup;
	/* The v1 hierarchies' `tasks` files, open for writing: the init enters
	 * them itself first thing, writing "0" (it alone, single-threaded),
	 * and closes them; n_cgroup_tasks 0 when the runtime places it.  The
	 * cgroup namespace is made then too. */
	const int *cgroup_tasks;
	size_t n_cgroup_tasks;
	/* A memfd holding the state JSON when the plan has hooks (the init
	 * runs createContainer and startContainer), else -1; closed once the
	 * init has run its last hook. */
	int state;
	/* The start result FIFO, open for reading and writing (-1 for `run`,
	 * and when `start` has no hooks to wait for): `start` waits there for
	 * SYNC_STARTED, or the SYNC_ERROR of a step after start. */
	int result;
	/* plan->host_mount_ns: the host's mount namespace, to carry the root
	 * into; else -1. */
	int host_mnt;
	/* The detached mount hrun's binary was sealed onto (cli/sealed_exe.c),
	 * or -1: attached in the intermediate root, it goes with that at the
	 * last pivot, where closing its fd would have dissolved it apart. */
	int sealed_exe;
	/* The runtime has no privilege over the host (not euid 0): it can write
	 * /proc/<pid>/{uid,gid}_map, itself or through newuidmap, only while
	 * the init is dumpable.  The init is then dumpable for that exchange
	 * alone; the runtime refuses a pid namespace joined by path with it,
	 * where another container could look in meanwhile (CVE-2016-9962). */
	bool maps_need_dumpable;
	/* A foreground `run`: the init dies with it (PR_SET_PDEATHSIG). */
	bool die_with_parent;
};

/* Run the init with the dispatcher k.  Never returns: exits with the
 * workload's status (128+signal when killed), or 1 after a setup failure
 * that has been reported to the runtime as SYNC_ERROR. */
void init_main(const struct sys *k, const struct plan *plan, const struct init_fds *fds)
	__attribute__((noreturn));

#endif
