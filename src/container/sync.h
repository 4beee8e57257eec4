/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Messages between the runtime (parent, on the host) and the init, over a
 * SOCK_SEQPACKET socketpair: one fixed-size message per packet, so nothing
 * is ever parsed and a short read is an error. */
#ifndef HRUN_SYNC_H
#define HRUN_SYNC_H

#include <stdint.h>

#include "util/error.h"

enum sync_type {
	SYNC_USERNS = 1,     /* init -> parent: in the new user ns, write my id maps */
	SYNC_USERNS_DONE,    /* parent -> init: maps written */
	SYNC_CREATED,        /* init -> parent: set up, waiting for start */
	SYNC_ERROR,          /* init -> parent: setup failed; code + msg say why */
	SYNC_CGROUP_DONE,    /* parent -> init: you are in the container's cgroup */
	SYNC_HOOKS,          /* init -> parent: mounts done, run prestart + createRuntime */
	SYNC_HOOKS_DONE,     /* parent -> init: they ran; the init runs createContainer */
	SYNC_CONSOLE,        /* init -> parent: the pty master rides along (SCM_RIGHTS) */
	SYNC_STARTED,        /* init -> `start`, on the start result FIFO: workload spawned */
	SYNC_START,          /* parent -> init, `run`: what the workload needs of us is done */
};

struct sync_msg {
	uint32_t type;
	int32_t code;                /* errno of the failure, for SYNC_ERROR */
	char msg[HRUN_ERROR_MAX];
};

/* "SYNC_CREATED", ...; NULL for an unknown type (init.c). */
const char *init_sync_name(uint32_t type);

#endif
