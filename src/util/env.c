/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/env.h"

#include <stdlib.h>
#include <string.h>

const char *env_get(char *const *env, const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; env && env[i]; i++)
		if (strncmp(env[i], name, len) == 0 && env[i][len] == '=')
			return env[i] + len + 1;
	return NULL;
}

int env_put(char ***env, size_t *n, const char *kv)
{
	size_t klen = strcspn(kv, "=") + 1;
	char *copy = strdup(kv), **grown;

	if (!copy)
		return -1;
	for (size_t i = 0; i < *n; i++)
		if (strncmp((*env)[i], kv, klen) == 0) {
			free((*env)[i]);
			(*env)[i] = copy;
			return 0;
		}
	grown = realloc(*env, (*n + 2) * sizeof *grown);
	if (!grown) {
		free(copy);
		return -1;
	}
	*env = grown;
	grown[(*n)++] = copy;
	grown[*n] = NULL;
	return 0;
}
