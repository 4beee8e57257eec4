/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "plan/sysctl.h"

#include <sched.h>
#include <stdbool.h>
#include <string.h>

static const struct {
	const char *key;
	bool prefix;
	int ns;
} namespaced[] = {
	{"net.", true, CLONE_NEWNET},
	{"fs.mqueue.", true, CLONE_NEWIPC},
	{"kernel.shm", true, CLONE_NEWIPC}, /* shmall shmmax shmmni shm_rmid_forced shm_next_id */
	{"kernel.msg", true, CLONE_NEWIPC}, /* msgmax msgmnb msgmni msg_next_id */
	{"kernel.sem", false, CLONE_NEWIPC},
	{"kernel.sem_next_id", false, CLONE_NEWIPC},
	{"kernel.hostname", false, CLONE_NEWUTS},
	{"kernel.domainname", false, CLONE_NEWUTS},
};

int sysctl_namespace(const char *key)
{
	char dotted[256];
	bool slashed = strchr(key, '/') != NULL;
	size_t n = strlen(key);

	if (n >= sizeof dotted)
		return 0;
	for (size_t i = 0; i <= n; i++)
		dotted[i] = slashed && key[i] == '/' ? '.' : key[i];
	for (size_t i = 0; i < sizeof namespaced / sizeof namespaced[0]; i++) {
		size_t len = strlen(namespaced[i].key);

		if (namespaced[i].prefix ? strncmp(dotted, namespaced[i].key, len) == 0
					 : strcmp(dotted, namespaced[i].key) == 0)
			return namespaced[i].ns;
	}
	return 0;
}

int sysctl_path(const char *key, char *buf, size_t len)
{
	char sep = strchr(key, '/') ? '/' : '.';
	size_t n = strlen(key);

	if (n == 0 || n >= len || key[0] == '/' || strchr(key, '='))
		return -1;
	for (size_t i = 0; i <= n; i++)
		buf[i] = key[i] == sep ? '/' : key[i];
	for (const char *c = buf; *c;) {
		size_t part = strcspn(c, "/");

		if (part == 0 || (part == 1 && c[0] == '.') ||
		    (part == 2 && strncmp(c, "..", 2) == 0))
			return -1;
		c += part;
		if (*c == '/' && *++c == '\0')
			return -1;
	}
	return 0;
}
