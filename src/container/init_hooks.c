/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The hooks at the init's points.
 *
 * After the mounts, before the final pivot, the init goes back to the
 * host's tree with the container's root on its rootfs path, as runc has it
 * then (init_pivot_host), and stops (SYNC_HOOKS) for the runtime to run
 * prestart and createRuntime on the host; then it runs createContainer
 * itself, in the container's namespaces with the host's tree as root (the
 * spec resolves their path in the runtime's namespace, and a host binary
 * needs the host's loader) and the rootfs as cwd.  After
 * start, in the container, startContainer runs right before the workload,
 * under its seccomp filter and with its capabilities.
 *
 * Every hook reads the state JSON from fds->state, the memfd the runtime
 * filled right after the clone.  `start` waits on fds->result for
 * SYNC_STARTED, or the SYNC_ERROR of a failing step after start (init.c
 * switches its reports there); `run`, which has no start FIFO, hears the
 * same on the sync socket. */
#include "container/init_internal.h"

#include <stdbool.h>

#include "container/sys.h"
#include "oci/spec.h"
#include "plan/plan.h"

static int run_hooks(struct init_ctx *c, const struct oci_hook *hooks, size_t n, const char *kind,
		     const char *root, const struct plan_process *confine, struct hrun_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (c->st.k->run_hook(&hooks[i], kind, root, confine, c->fds->state, err) < 0)
			return -1;
	return 0;
}

int init_hooks_create(struct init_ctx *c, struct hrun_error *err)
{
	const struct oci_hooks *h = c->st.plan->hooks;

	if (!h || !(h->n_prestart || h->n_create_runtime || h->n_create_container))
		return 0;
	if (init_pivot_host(c, err) < 0 || init_sync_send(c, SYNC_HOOKS, err) < 0 ||
	    init_sync_expect(c, SYNC_HOOKS_DONE, err) < 0)
		return -1;
	/* the init's root is the host's tree now and its cwd the rootfs, which
	 * the hooks inherit (runc's createContainer) */
	return run_hooks(c, h->create_container, h->n_create_container, "createContainer", NULL,
			 NULL, err);
}

/* The last hooks the init runs: the state JSON is of no more use after.
 * They are programs of the image: held to the workload's filter and
 * capabilities (the init still has those it keeps for the spawn). */
int init_hooks_start(struct init_ctx *c, struct hrun_error *err)
{
	const struct oci_hooks *h = c->st.plan->hooks;

	if (h && h->n_start_container &&
	    run_hooks(c, h->start_container, h->n_start_container, "startContainer", NULL,
		      &c->st.plan->process, err) < 0)
		return -1;
	if (c->fds->state >= 0)
		c->st.k->close(c->fds->state);
	return 0;
}

/* Best effort: the workload runs whether or not `start` (or `run`) still
 * listens.  Nothing more goes that way.  A `start` with nothing to wait
 * for gave no result FIFO. */
int init_report_started(struct init_ctx *c, struct hrun_error *err)
{
	struct sync_msg m = {.type = SYNC_STARTED};

	if (c->report_fd < 0)
		return 0;
	if (init_report(c, &m) < 0)
		init_logf(c->st.k, "cannot send %s", init_sync_name(SYNC_STARTED));
	c->st.k->close(c->report_fd);
	return 0;
}
