/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The container init: pid 1 of the container, resident until the workload
 * and every orphan are gone.  See docs/design.md for the sequence. */
#ifndef HRUN_INIT_H
#define HRUN_INIT_H

struct sys;
struct plan;

struct init_fds {
	int sync;        /* socketpair end to the runtime (struct sync_msg) */
	int start;       /* read one byte here to start the workload; EOF aborts */
};

/* Run the init with the dispatcher k.  Never returns: exits with the
 * workload's status (128+signal when killed), or 1 after a setup failure
 * that has been reported to the runtime as SYNC_ERROR. */
void init_main(const struct sys *k, const struct plan *plan, const struct init_fds *fds)
	__attribute__((noreturn));

#endif
