/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The default state root: /run/hrun for root on the host; rootless,
 * $XDG_RUNTIME_DIR/hrun (runc's rule: root of a user namespace takes it
 * only when the directory is its own, as under rootless podman), else
 * /run/user/<uid>/hrun.  --root wins over all of these. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/rootless.h"

const char *cli_default_root(void)
{
	static char root[PATH_MAX];
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	struct stat st;

	if (!rootless())
		return "/run/hrun";
	if (xdg && xdg[0] == '/' && (geteuid() != 0 || (stat(xdg, &st) == 0 && st.st_uid == 0)))
		snprintf(root, sizeof root, "%s/hrun", xdg);
	else if (geteuid() != 0)
		snprintf(root, sizeof root, "/run/user/%u/hrun", (unsigned)geteuid());
	else
		return "/run/hrun";
	return root;
}
