/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Socket activation: LISTEN_PID names the process that LISTEN_FDS's fds
 * are for, and sd_listen_fds() in any other process ignores them.  podman
 * writes 1 there (the container's pid 1), as runc does for its own
 * activation: here pid 1 is the init, and the workload is its child.  So
 * an entry naming pid 1, or the init's own pid (a pid namespace that is
 * not the container's own), is given the workload's pid, as catatonit
 * does for its child; so is the workload the init becomes (org.hrun.init
 * none) when it is not pid 1.  exec'd processes exec with their
 * environment as it is. */
#include "container/sys_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KEY "LISTEN_PID="

/* The index of an entry naming pid 1 or ours, or -1. */
static long find_entry(char *const *env)
{
	char ours[16];

	snprintf(ours, sizeof ours, "%d", (int)getpid());
	for (long i = 0; env && env[i]; i++) {
		const char *v = env[i] + strlen(KEY);

		if (strncmp(env[i], KEY, strlen(KEY)) == 0 &&
		    (strcmp(v, "1") == 0 || strcmp(v, ours) == 0))
			return i;
	}
	return -1;
}

int listen_pid_prepare(struct listen_pid *lp, char **env)
{
	long at = find_entry(env), n = at;

	lp->env = env;
	if (at < 0)
		return 0;
	while (env[n])
		n++;
	lp->env = malloc((size_t)(n + 1) * sizeof *lp->env);
	if (!lp->env)
		return -1;
	memcpy(lp->env, env, (size_t)(n + 1) * sizeof *lp->env);
	lp->env[at] = lp->entry;
	return 0;
}

/* In the child, which may share the init's memory (spawn_child): it
 * writes only into lp->entry, which the init set aside for it. */
void listen_pid_fill(struct listen_pid *lp)
{
	snprintf(lp->entry, sizeof lp->entry, KEY "%d", (int)getpid());
}

void listen_pid_release(struct listen_pid *lp, char **env)
{
	if (lp->env != env)
		free(lp->env);
	lp->env = env;
}
