/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Whether hrun runs without root on the host: as an unprivileged user, or
 * as root of a user namespace that is not the host's (rootless podman
 * calls its runtime there, and so does `unshare -r`).  The runtime, the
 * CLI (the state root) and the cgroup library (which systemd bus) ask. */
#ifndef HRUN_UTIL_ROOTLESS_H
#define HRUN_UTIL_ROOTLESS_H

#include <stdbool.h>

/* Our user namespace is not the host's (its uid_map is not the identity). */
bool rootless_in_userns(void);

/* No privilege over the host: not euid 0, or root in a user namespace. */
bool rootless(void);

/* `cap` is in our effective set (privilege in our own user namespace). */
bool rootless_capable(int cap);

#endif
