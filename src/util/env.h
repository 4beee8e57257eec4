/* SPDX-License-Identifier: GPL-2.0-or-later */
/* An environment as a vector of "KEY=VALUE" strings. */
#ifndef HRUN_ENV_H
#define HRUN_ENV_H

#include <stddef.h>

/* Put a copy of kv ("KEY=VALUE") into the NULL-terminated vector *env of
 * *n entries: in place of KEY's entry, or appended.  Returns -1 with
 * errno when it cannot allocate; *env stays valid either way. */
int env_put(char ***env, size_t *n, const char *kv);

/* The value of name's first entry in the NULL-terminated vector env (which
 * may be NULL), or NULL when it has none. */
const char *env_get(char *const *env, const char *name);

#endif
