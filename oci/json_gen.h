/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writing JSON with yajl_gen: a generator that remembers its first
 * failure, so that output code reads as the document it writes and checks
 * once, at the end. */
#ifndef HRUN_OCI_JSON_GEN_H
#define HRUN_OCI_JSON_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <yajl/yajl_gen.h>

struct hrun_error;

struct json_gen {
	yajl_gen g;
	yajl_gen_status status; /* the first failure, or yajl_gen_status_ok */
};

/* Compact output when indent is NULL, else one member a line indented
 * with it.  Fails ("<what>: Cannot allocate memory") only out of memory. */
int json_gen_init(struct json_gen *j, const char *indent, const char *what, struct hrun_error *err);
void json_gen_free(struct json_gen *j);

void json_gen_string(struct json_gen *j, const char *s); /* NULL: null */
void json_gen_int(struct json_gen *j, long long v);
void json_gen_bool(struct json_gen *j, bool v);
/* An object when map is true, else an array. */
void json_gen_open(struct json_gen *j, bool map);
void json_gen_close(struct json_gen *j, bool map);

/* The document written so far, in yajl's buffer; -1 with "<what>: JSON
 * generator failed (status N)" when a call failed. */
int json_gen_buf(struct json_gen *j, const unsigned char **buf, size_t *len, const char *what,
		 struct hrun_error *err);
/* The same as malloc'd text that ends with a newline. */
char *json_gen_text(struct json_gen *j, const char *what, struct hrun_error *err);

#endif
