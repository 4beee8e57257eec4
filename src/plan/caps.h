/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Capability names <-> bits, through libcap's name table. */
#ifndef HRUN_PLAN_CAPS_H
#define HRUN_PLAN_CAPS_H

#include <stddef.h>
#include <stdint.h>

struct hrun_error;

/* OR the bits of `names` ("CAP_CHOWN", ...) into *set.  `field` names the
 * config field for errors: `<field>: unknown capability "CAP_FOO"`. */
int caps_from_names(char *const *names, size_t n, uint64_t *set, const char *field,
		    struct hrun_error *err);

/* The name of capability `cap` ("CAP_CHOWN"), or its number when libcap
 * has no name for it, in buf. */
const char *caps_name(int cap, char *buf, size_t len);

#endif
