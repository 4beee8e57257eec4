/* SPDX-License-Identifier: GPL-2.0-or-later */
/* OCI hooks run on the host: prestart, createRuntime, poststart, poststop.
 * (createContainer and startContainer run inside the container, from the
 * init.)  Each hook gets the state JSON on stdin, its own args and env,
 * and is killed when its timeout runs out. */
#ifndef HRUN_HOOKS_H
#define HRUN_HOOKS_H

#include <stddef.h>

#include "oci/spec.h"
#include "util/error.h"

/* Run hooks[0..n) in order; stop at the first failure and describe it as
 * "<kind> hook `path`: <what happened>". */
int hooks_run(const struct oci_hook *hooks, size_t n, const char *kind, const char *state_json,
	      struct hrun_error *err);

#endif
