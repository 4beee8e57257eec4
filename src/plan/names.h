/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Name tables: config.json spells kernel constants by name ("SCHED_FIFO",
 * "MPOL_F_STATIC_NODES"); each table maps the names to their values. */
#ifndef HRUN_PLAN_NAMES_H
#define HRUN_PLAN_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct hrun_error;

struct name_value {
	const char *name;
	uint64_t value;
};

struct name_table {
	const struct name_value *v;
	size_t n;
};

#define NAME_TABLE(array)                                                                          \
	{                                                                                          \
		(array), sizeof(array) / sizeof((array)[0])                                        \
	}

/* The value of `name` in *value; false when the table has no such name. */
bool names_find(const struct name_table *t, const char *name, uint64_t *value);
/* The name of `value`; NULL when the table has none. */
const char *names_name(const struct name_table *t, uint64_t value);
/* OR the values of names[0..n) into *flags; an unknown one is an error
 * `<field>[i]: unknown flag "X"`. */
int names_flags(const struct name_table *t, char *const *names, size_t n, uint64_t *flags,
		const char *field, struct hrun_error *err);
/* The names of the bits of `flags` found in the table, comma-separated. */
void names_print_flags(const struct name_table *t, uint64_t flags, FILE *out);

#endif
