/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One error convention for all of hrun.
 *
 * A function that can fail returns -1 (or NULL) and fills a caller-provided
 * struct hrun_error whose message already carries its context, e.g.
 * "mount `proc` on `/sysroot/proc`: Operation not permitted".  Callers add
 * context on the way up with hrun_error_prefix(); only the CLI prints.
 *
 * The message lives in a fixed buffer so the init can fill it without
 * allocating and send it whole to the parent over the sync socket. */
#ifndef HRUN_ERROR_H
#define HRUN_ERROR_H

#include <stddef.h>

#define HRUN_ERROR_MAX 1024

struct hrun_error {
	int code;                    /* errno value, or 0 when none applies */
	char msg[HRUN_ERROR_MAX];
};

/* Set *err to the formatted message; when code is non-zero, append
 * ": strerror(code)".  Always returns -1 so callers can `return hrun_error_set(...)`. */
int hrun_error_set(struct hrun_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Same as hrun_error_set() with code = errno. */
int hrun_error_errno(struct hrun_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prepend "context: " to the message already in *err.  Returns -1. */
int hrun_error_prefix(struct hrun_error *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Reset to "no error". */
void hrun_error_clear(struct hrun_error *err);

#endif
