/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared by the scripted dispatcher's two halves: the script (stub_sys.c)
 * and the entries that consume it (stub_sys_entries.c). */
#ifndef HRUN_TESTS_STUB_SYS_INTERNAL_H
#define HRUN_TESTS_STUB_SYS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "container/sync.h"
#include "util/error.h"

#define ARGS_MAX 4096

struct stub_call {
	char *name;
	char *args; /* NULL: any arguments */
	long ret;
	int err;
	void *data;
	size_t len;
	char *msg; /* hrun_error message on failure, or NULL */
};

/* The next call of the script, which must be `name` with these arguments
 * (a test failure otherwise); errno is its error when it fails. */
__attribute__((format(printf, 2, 3))) const struct stub_call *stub_take(const char *name,
									 const char *fmt, ...);
/* A failing call's error into err (its message, else its name); -1. */
int stub_fill_err(const struct stub_call *c, struct hrun_error *err);
/* Keep a sync message the init sent (stub_sys_sync_sent). */
void stub_record_sync(const struct sync_msg *m);
/* Back to stub_sys_run() with `status`, as the init's exit. */
__attribute__((noreturn)) void stub_exit_run(int status);

/* Arguments as the script spells them; the strings live in a small ring,
 * so one call can format several. */
char *stub_ring_next(void);
const char *stub_quote_bytes(const void *p, size_t len);
const char *stub_quote(const char *s);
const char *stub_format_list(char *const *v);
/* SYNC_CREATED, ... for a sync message type */
const char *stub_sync_name(uint32_t type);

#endif
