/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "plan/caps.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/capability.h>

#include "util/error.h"

/* libcap also takes lower case, numbers and trailing junk ("CAP_KILL x"):
 * config.json names are exactly CAP_ and upper-case letters, digits, _. */
static bool cap_name_well_formed(const char *name)
{
	if (strncmp(name, "CAP_", 4) != 0 || name[4] == '\0')
		return false;
	for (const char *c = name + 4; *c; c++)
		if (!isupper((unsigned char)*c) && !isdigit((unsigned char)*c) && *c != '_')
			return false;
	return true;
}

int caps_from_names(char *const *names, size_t n, uint64_t *set, const char *field,
		    struct hrun_error *err)
{
	for (size_t i = 0; i < n; i++) {
		cap_value_t cap;

		if (!cap_name_well_formed(names[i]) || cap_from_name(names[i], &cap) < 0 ||
		    cap < 0 || cap > 63)
			return hrun_error_set(err, 0, "%s: unknown capability \"%s\"", field,
					      names[i]);
		*set |= UINT64_C(1) << cap;
	}
	return 0;
}

const char *caps_name(int cap, char *buf, size_t len)
{
	char *name = cap_to_name(cap);

	if (!name) {
		snprintf(buf, len, "%d", cap);
		return buf;
	}
	snprintf(buf, len, "%s", name);
	cap_free(name);
	for (char *c = buf; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	return buf;
}
