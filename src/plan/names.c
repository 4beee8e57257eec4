/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "plan/names.h"

#include <string.h>

#include "util/error.h"

bool names_find(const struct name_table *t, const char *name, uint64_t *value)
{
	for (size_t i = 0; name && i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0) {
			*value = t->v[i].value;
			return true;
		}
	return false;
}

const char *names_name(const struct name_table *t, uint64_t value)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].value == value)
			return t->v[i].name;
	return NULL;
}

int names_flags(const struct name_table *t, char *const *names, size_t n, uint64_t *flags,
		const char *field, struct hrun_error *err)
{
	for (size_t i = 0; i < n; i++) {
		uint64_t v;

		if (!names_find(t, names[i], &v))
			return hrun_error_set(err, 0, "%s[%zu]: unknown flag \"%s\"", field, i,
					      names[i] ? names[i] : "");
		*flags |= v;
	}
	return 0;
}

void names_print_flags(const struct name_table *t, uint64_t flags, FILE *out)
{
	const char *sep = "";

	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].value && (flags & t->v[i].value) == t->v[i].value) {
			fprintf(out, "%s%s", sep, t->v[i].name);
			sep = ",";
		}
}
