/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The mount options of config.json mounts[].options, as one table:
 * each name sets or clears an MS_* flag, picks a propagation, or asks for
 * a bind; any other option is filesystem data. */
#ifndef HRUN_PLAN_MOUNT_OPTIONS_H
#define HRUN_PLAN_MOUNT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hrun_error;

struct mount_opts {
	unsigned long flags; /* MS_* to set (never MS_BIND / MS_REC) */
	unsigned long clear; /* MS_* the config explicitly clears */
	unsigned long
		propagation; /* MS_SHARED|MS_SLAVE|MS_PRIVATE|MS_UNBINDABLE [|MS_REC], 0: none */
	bool bind;	     /* "bind" or "rbind" */
	bool recursive;	     /* "rbind" */
	char *data;	     /* the other options, comma-joined; NULL when none */
	uint64_t attr_set;   /* MOUNT_ATTR_* to set on the whole tree ("rro", ...) */
	uint64_t attr_clr;   /* MOUNT_ATTR_* to clear on it ("rrw", and __ATIME for "r*atime") */
	unsigned int hrun;   /* MOUNT_OPT_*: options hrun acts on itself */
};

#define MOUNT_OPT_TMPCOPYUP 0x1u /* copy what the target holds into the new tmpfs */
#define MOUNT_OPT_IDMAP	    0x2u /* "idmap": an id-mapped bind mount */
#define MOUNT_OPT_RIDMAP    0x4u /* "ridmap": the same, of the whole tree */

/* Sort `options` into *out (later options win over earlier ones).
 * Fails only when out of memory. */
int mount_options_parse(char *const *options, size_t n, struct mount_opts *out,
			struct hrun_error *err);

/* The names of the flags set in `flags`, in table order ("ro", "nosuid",
 * ...); returns how many were stored in names[0 .. max-1]. */
size_t mount_options_names(unsigned long flags, const char **names, size_t max);

/* The names of recursive attributes ("rro", "rnoatime", ...) set by
 * attr_set/attr_clr, in table order, as mount_options_names(). */
size_t mount_options_rattr_names(uint64_t set, uint64_t clr, const char **names, size_t max);

/* The per-mount MS_* flags in `flags` as mount_setattr attributes, to be
 * set on a tree as a bind remount would add them to each mount (an atime
 * mode replaces the one there); -1 when some flag has no such form. */
int mount_options_attrs(unsigned long flags, uint64_t *set, uint64_t *clr);

/* Every option name of the table, for `hrun features`. */
size_t mount_options_known(const char **names, size_t max);

/* Propagation by name ("rslave" -> MS_SLAVE|MS_REC); -1 when unknown. */
int mount_propagation_parse(const char *name, unsigned long *out);
/* The name of a propagation value, NULL when not one. */
const char *mount_propagation_name(unsigned long propagation);

#endif
