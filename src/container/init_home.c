/* SPDX-License-Identifier: GPL-2.0-or-later */
/* HOME for a workload whose process.env has none, as runc sets it: the
 * home of the uid's entry in the container's /etc/passwd, "/" when there
 * is none.  Shells, git, pip and the like expect it; podman puts HOME in
 * the environment itself, but containerd, Kubernetes and bundles made by
 * `spec` leave it to the runtime.  For the init's workload and for `exec`
 * alike, inside the container (its mounts in place: a bind on
 * /etc/passwd counts), before the identity is taken. */
#include "container/init_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "container/sys.h"
#include "util/env.h"

int init_default_home(struct init_ctx *c, struct hrun_error *err)
{
	char home[PATH_MAX] = "/", **env;
	size_t n = 0;

	if (env_get(c->proc.env, "HOME"))
		return 0;
	c->st.k->passwd_home(c->proc.uid, home, sizeof home);
	while (c->proc.env && c->proc.env[n])
		n++;
	/* the init's own copy, which the workload's execve takes over */
	if (!(env = calloc(n + 2, sizeof *env)) || asprintf(&env[n], "HOME=%s", home) < 0) {
		free(env);
		return hrun_error_set(err, ENOMEM, "set HOME for the workload");
	}
	if (n)
		memcpy(env, c->proc.env, n * sizeof *env);
	c->proc.env = env;
	return 0;
}
