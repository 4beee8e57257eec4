/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Typed access to a yajl tree, with errors that name the JSON path.
 *
 * Every reader takes the object it looks in, the path of that object and
 * a member key.  An absent member (or JSON null) is not an error unless
 * the reader is asked for a required one: readers return 1 when they
 * stored a value, 0 when the member was absent, -1 on error.  Errors read
 * "<json.path>: <what was expected>", e.g. "mounts[2].destination: must be
 * a string"; the caller adds the file name in front.
 *
 * Whatever a reader allocates is attached to the output before the next
 * step can fail, so one free of the whole model releases it on any path. */
#ifndef HRUN_OCI_JSON_H
#define HRUN_OCI_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yajl/yajl_tree.h>

#include "util/error.h"

/* Parse a whole document (json_tree.c); errors read "invalid JSON:
 * <yajl's message>", with the line and column where yajl knows them.  The
 * tree is freed with json_free() alone: its nodes are no yajl_tree's. */
yajl_val json_parse(const char *text, size_t len, struct hrun_error *err);
void json_free(yajl_val root);

static inline void json_freep(yajl_val *v)
{
	json_free(*v);
}
#define _cleanup_json_ __attribute__((cleanup(json_freep)))

/* One step of a path, kept on the caller's stack and linked to its parent;
 * the document root is a NULL path. */
struct json_path {
	const struct json_path *parent;
	const char *key; /* member name, or NULL for an array index */
	size_t index;
};

/* Fill *err with "<path>: <reason>" (just the reason at the root).
 * Returns -1. */
int json_fail(const struct json_path *at, struct hrun_error *err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Write `s` quoted and escaped, cut to fit, so that any value can go into
 * a one-line message.  Returns buf. */
const char *json_quote(const char *s, char *buf, size_t size);
#define JSON_QUOTE_MAX 80

/* The member `key` of `obj`; NULL when absent or null. */
yajl_val json_member(yajl_val obj, const char *key);

/* Readers of a value itself, e.g. an array element, at path `at`. */
int json_value_string(yajl_val v, const struct json_path *at, char **out, struct hrun_error *err);
int json_value_int(yajl_val v, const struct json_path *at, int64_t min, int64_t max, int64_t *out,
		   struct hrun_error *err);
int json_value_uint(yajl_val v, const struct json_path *at, uint64_t max, uint64_t *out,
		    struct hrun_error *err);

/* The member `key` of `obj` if it is an object (1), absent (0), or an
 * error naming the member (-1). */
int json_get_object(yajl_val obj, const struct json_path *at, const char *key, yajl_val *out,
		    struct hrun_error *err);

int json_get_string(yajl_val obj, const struct json_path *at, const char *key, bool required,
		    char **out, struct hrun_error *err);
int json_get_bool(yajl_val obj, const struct json_path *at, const char *key, bool required,
		  bool *out, struct hrun_error *err);

/* A NULL-terminated, counted copy of an array of strings.  An absent
 * member leaves *out NULL; a present empty array gives a non-NULL one. */
int json_get_strv(yajl_val obj, const struct json_path *at, const char *key, bool required,
		  char ***out, size_t *n, struct hrun_error *err);

/* Integers are read from the number's text, so the whole int64 and uint64
 * ranges are exact; anything outside [min, max] (fractions too) is
 * "must be an integer between <min> and <max>". */
int json_get_int(yajl_val obj, const struct json_path *at, const char *key, bool required,
		 int64_t min, int64_t max, int64_t *out, struct hrun_error *err);
int json_get_uint(yajl_val obj, const struct json_path *at, const char *key, bool required,
		  uint64_t max, uint64_t *out, struct hrun_error *err);

/* A string member that must be one of `names` (NULL-terminated); stores
 * its index.  Other strings fail with `unknown <what> "value"`. */
int json_get_enum(yajl_val obj, const struct json_path *at, const char *key, bool required,
		  const char *const *names, const char *what, int *out, struct hrun_error *err);

/* --- field tables: the flat members of one struct, read in one call */

enum json_kind {
	JSON_STRING, /* char * */
	JSON_STRV,   /* char **, count at `aux` */
	JSON_BOOL,   /* bool */
	JSON_INT32,  /* int32_t */
	JSON_INT64,  /* int64_t */
	JSON_UINT16, /* uint16_t */
	JSON_UINT32, /* uint32_t */
	JSON_UINT64, /* uint64_t */
};

#define JSON_NO_AUX ((size_t)-1)

struct json_field {
	const char *key;
	enum json_kind kind;
	bool required;
	size_t offset; /* of the value in the struct */
	size_t aux;    /* JSON_STRV: the count; others: a bool set
			  when present, or JSON_NO_AUX */
};

/* Define a json_read_fn `name` that reads a flat struct from `fields`. */
#define JSON_FLAT_READER(name, fields)                                                             \
	static int name(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err) \
	{                                                                                          \
		return JSON_READ_FIELDS(v, at, fields, out, err);                                  \
	}

/* Table rows: T is the struct, m the member. */
// clang-format off
#define JSON_FIELD(T, key, kind, m)    { key, kind, false, offsetof(T, m), JSON_NO_AUX }
#define JSON_REQUIRED(T, key, kind, m) { key, kind, true, offsetof(T, m), JSON_NO_AUX }
#define JSON_OPTIONAL(T, key, kind, m) { key, kind, false, offsetof(T, m), offsetof(T, has_##m) }
#define JSON_STRV_FIELD(T, key, m)     { key, JSON_STRV, false, offsetof(T, m), offsetof(T, n_##m) }
/* A required array of strings must also be non-empty. */
#define JSON_REQUIRED_STRV(T, key, m)  { key, JSON_STRV, true, offsetof(T, m), offsetof(T, n_##m) }
// clang-format on
#define JSON_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Check that `obj` (at `at`) is an object and read every field of the
 * table into the struct at `base`. */
int json_read_fields(yajl_val obj, const struct json_path *at, const struct json_field *fields,
		     size_t n_fields, void *base, struct hrun_error *err);
#define JSON_READ_FIELDS(obj, at, fields, base, err)                                               \
	json_read_fields(obj, at, fields, JSON_ARRAY_SIZE(fields), base, err)

/* --- containers of objects */

/* Fill the element at `out` from the JSON value `v` found at `at`. */
typedef int (*json_read_fn)(yajl_val v, const struct json_path *at, void *out,
			    struct hrun_error *err);

/* An array member: allocate one zeroed element of `size` bytes per entry,
 * attach the array and its count, then read each entry with `read`. */
int json_read_array(yajl_val obj, const struct json_path *at, const char *key, size_t size,
		    json_read_fn read, void **out, size_t *n, struct hrun_error *err);

/* An object member used as a map: like json_read_array, one element per
 * member, and the member name copied to the char * at `name_offset` of
 * each element. */
int json_read_map(yajl_val obj, const struct json_path *at, const char *key, size_t size,
		  size_t name_offset, json_read_fn read, void **out, size_t *n,
		  struct hrun_error *err);

/* An object member read into a zeroed struct of `size` bytes that is
 * attached to *out first: by `read`, or, for a flat struct, by `fields`. */
int json_read_object(yajl_val obj, const struct json_path *at, const char *key, size_t size,
		     json_read_fn read, void **out, struct hrun_error *err);
int json_read_flat_object(yajl_val obj, const struct json_path *at, const char *key, size_t size,
			  const struct json_field *fields, size_t n_fields, void **out,
			  struct hrun_error *err);

/* The same, with the element size taken from the output pointer. */
#define JSON_READ_ARRAY(obj, at, key, read, outp, np, err)                                         \
	json_read_array(obj, at, key, sizeof **(outp), read, (void **)(outp), np, err)
#define JSON_READ_MAP(obj, at, key, name_member, read, outp, np, err)                              \
	json_read_map(obj, at, key, sizeof **(outp), offsetof(__typeof__(**(outp)), name_member),  \
		      read, (void **)(outp), np, err)
#define JSON_READ_OBJECT(obj, at, key, read, outp, err)                                            \
	json_read_object(obj, at, key, sizeof **(outp), read, (void **)(outp), err)
#define JSON_READ_FLAT_OBJECT(obj, at, key, fields, outp, err)                                     \
	json_read_flat_object(obj, at, key, sizeof **(outp), fields, JSON_ARRAY_SIZE(fields),      \
			      (void **)(outp), err)

#endif
