/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Typed readers over a yajl tree; see json.h. */
#include "oci/json.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/cleanup.h"

/* --- messages */

static bool is_plain_key(const char *key)
{
	if (!*key)
		return false;
	for (const char *c = key; *c; c++)
		if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-')
			return false;
	return true;
}

/* Append the path to buf[*len..size), as "linux.namespaces[3].type";
 * member names that are not plain words read ["net.ipv4.ip_forward"]. */
static void path_format(const struct json_path *at, char *buf, size_t size, size_t *len)
{
	char quoted[JSON_QUOTE_MAX];
	int n;

	if (!at)
		return;
	path_format(at->parent, buf, size, len);
	if (!at->key)
		n = snprintf(buf + *len, size - *len, "[%zu]", at->index);
	else if (!is_plain_key(at->key))
		n = snprintf(buf + *len, size - *len, "[%s]",
			     json_quote(at->key, quoted, sizeof quoted));
	else
		n = snprintf(buf + *len, size - *len, "%s%s", at->parent ? "." : "", at->key);
	if (n > 0)
		*len = (size_t)n < size - *len ? *len + (size_t)n : size - 1;
}

int json_fail(const struct json_path *at, struct hrun_error *err, const char *fmt, ...)
{
	char path[HRUN_ERROR_MAX / 2] = "";
	char reason[HRUN_ERROR_MAX];
	size_t len = 0;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof reason, fmt, ap);
	va_end(ap);
	path_format(at, path, sizeof path, &len);
	if (!len)
		return hrun_error_set(err, 0, "%s", reason);
	return hrun_error_set(err, 0, "%s: %s", path, reason);
}

const char *json_quote(const char *s, char *buf, size_t size)
{
	static const char ellipsis[] = "...\"";
	size_t len = 0;

	buf[len++] = '"';
	for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
		char esc[8];

		if (*c == '"' || *c == '\\')
			snprintf(esc, sizeof esc, "\\%c", *c);
		else if (*c < 0x20 || *c == 0x7f)
			snprintf(esc, sizeof esc, "\\x%02x", *c);
		else
			snprintf(esc, sizeof esc, "%c", *c);
		if (len + strlen(esc) + sizeof ellipsis > size) {
			memcpy(buf + len, ellipsis, sizeof ellipsis);
			return buf;
		}
		memcpy(buf + len, esc, strlen(esc));
		len += strlen(esc);
	}
	memcpy(buf + len, "\"", 2);
	return buf;
}

yajl_val json_member(yajl_val obj, const char *key)
{
	if (!YAJL_IS_OBJECT(obj))
		return NULL;
	/* the last of duplicate members wins, as with Go's encoding/json */
	for (size_t i = obj->u.object.len; i-- > 0;) {
		if (strcmp(obj->u.object.keys[i], key) == 0) {
			yajl_val v = obj->u.object.values[i];

			return YAJL_IS_NULL(v) ? NULL : v;
		}
	}
	return NULL;
}

/* Every member reader starts here: find `key`; 0 when it is absent and
 * optional, else 1 with *v set (NULL when a required one is absent, which
 * then fails the type check like any other wrong value). */
static int find(yajl_val obj, const char *key, bool required, yajl_val *v)
{
	*v = json_member(obj, key);
	return *v || required;
}

static char *copy_string(const char *s, struct hrun_error *err)
{
	char *copy = strdup(s);

	if (!copy)
		hrun_error_set(err, ENOMEM, "copy string");
	return copy;
}

int json_value_string(yajl_val v, const struct json_path *at, char **out, struct hrun_error *err)
{
	if (!YAJL_IS_STRING(v))
		return json_fail(at, err, "must be a string");
	*out = copy_string(v->u.string, err);
	return *out ? 1 : -1;
}

/* Split the text of a JSON integer into sign and magnitude; false for
 * fractions, exponents and magnitudes beyond uint64. */
static bool integer_parts(const char *text, bool *negative, uint64_t *magnitude)
{
	const char *digits = text + (text[0] == '-');
	char *end;

	if (!isdigit((unsigned char)*digits))
		return false;
	errno = 0;
	*magnitude = strtoull(digits, &end, 10);
	*negative = text[0] == '-' && *magnitude != 0;
	return errno == 0 && *end == '\0';
}

/* An integer within [min, max], as sign and magnitude so that both the
 * int64 and the uint64 range fit. */
static int integer_value(yajl_val v, const struct json_path *at, int64_t min, uint64_t max,
			 bool *negative, uint64_t *magnitude, struct hrun_error *err)
{
	bool ok = YAJL_IS_NUMBER(v) && integer_parts(YAJL_GET_NUMBER(v), negative, magnitude);

	if (ok && *negative)
		/* |min| computed without overflowing at INT64_MIN */
		ok = min < 0 && *magnitude - 1 <= (uint64_t)(-(min + 1));
	else if (ok)
		ok = *magnitude <= max && (min <= 0 || *magnitude >= (uint64_t)min);
	if (!ok)
		return json_fail(at, err, "must be an integer between %" PRId64 " and %" PRIu64,
				 min, max);
	return 1;
}

int json_value_int(yajl_val v, const struct json_path *at, int64_t min, int64_t max, int64_t *out,
		   struct hrun_error *err)
{
	bool negative;
	uint64_t magnitude;

	if (integer_value(v, at, min, (uint64_t)max, &negative, &magnitude, err) < 0)
		return -1;
	*out = negative ? (int64_t)(0 - magnitude) : (int64_t)magnitude;
	return 1;
}

int json_value_uint(yajl_val v, const struct json_path *at, uint64_t max, uint64_t *out,
		    struct hrun_error *err)
{
	bool negative;

	return integer_value(v, at, 0, max, &negative, out, err);
}

int json_get_object(yajl_val obj, const struct json_path *at, const char *key, yajl_val *out,
		    struct hrun_error *err)
{
	struct json_path here = {at, key, 0};

	if (!find(obj, key, false, out))
		return 0;
	return YAJL_IS_OBJECT(*out) ? 1 : json_fail(&here, err, "must be an object");
}

int json_get_string(yajl_val obj, const struct json_path *at, const char *key, bool required,
		    char **out, struct hrun_error *err)
{
	struct json_path here = {at, key, 0};
	yajl_val v;

	if (!find(obj, key, required, &v))
		return 0;
	return json_value_string(v, &here, out, err);
}

int json_get_bool(yajl_val obj, const struct json_path *at, const char *key, bool required,
		  bool *out, struct hrun_error *err)
{
	struct json_path here = {at, key, 0};
	yajl_val v;

	if (!find(obj, key, required, &v))
		return 0;
	if (!YAJL_IS_TRUE(v) && !YAJL_IS_FALSE(v))
		return json_fail(&here, err, "must be a boolean");
	*out = YAJL_IS_TRUE(v);
	return 1;
}

int json_get_int(yajl_val obj, const struct json_path *at, const char *key, bool required,
		 int64_t min, int64_t max, int64_t *out, struct hrun_error *err)
{
	struct json_path here = {at, key, 0};
	yajl_val v;

	if (!find(obj, key, required, &v))
		return 0;
	return json_value_int(v, &here, min, max, out, err);
}

int json_get_uint(yajl_val obj, const struct json_path *at, const char *key, bool required,
		  uint64_t max, uint64_t *out, struct hrun_error *err)
{
	struct json_path here = {at, key, 0};
	yajl_val v;

	if (!find(obj, key, required, &v))
		return 0;
	return json_value_uint(v, &here, max, out, err);
}

int json_get_enum(yajl_val obj, const struct json_path *at, const char *key, bool required,
		  const char *const *names, const char *what, int *out, struct hrun_error *err)
{
	struct json_path here = {at, key, 0};
	char quoted[JSON_QUOTE_MAX];
	const char *s;
	yajl_val v;

	if (!find(obj, key, required, &v))
		return 0;
	if (!YAJL_IS_STRING(v))
		return json_fail(&here, err, "must be a string");
	s = v->u.string;
	for (int i = 0; names[i]; i++) {
		if (strcmp(names[i], s) == 0) {
			*out = i;
			return 1;
		}
	}
	return json_fail(&here, err, "unknown %s %s", what, json_quote(s, quoted, sizeof quoted));
}

static bool is_string_array(yajl_val v, bool non_empty)
{
	if (!YAJL_IS_ARRAY(v) || (non_empty && v->u.array.len == 0))
		return false;
	for (size_t i = 0; i < v->u.array.len; i++)
		if (!YAJL_IS_STRING(v->u.array.values[i]))
			return false;
	return true;
}

int json_get_strv(yajl_val obj, const struct json_path *at, const char *key, bool required,
		  char ***out, size_t *n, struct hrun_error *err)
{
	struct json_path here = {at, key, 0};
	yajl_val v;

	if (!find(obj, key, required, &v))
		return 0;
	if (!is_string_array(v, required))
		return json_fail(&here, err, "must be a%s array of strings",
				 required ? " non-empty" : "n");
	*out = calloc(v->u.array.len + 1, sizeof **out);
	if (!*out)
		return hrun_error_set(err, ENOMEM, "copy strings");
	*n = v->u.array.len;
	for (size_t i = 0; i < *n; i++) {
		(*out)[i] = copy_string(v->u.array.values[i]->u.string, err);
		if (!(*out)[i])
			return -1;
	}
	return 1;
}

/* --- field tables */

static int read_signed(yajl_val obj, const struct json_path *at, const struct json_field *f,
		       int64_t min, int64_t max, void *p, struct hrun_error *err)
{
	int64_t v = 0;
	int r = json_get_int(obj, at, f->key, f->required, min, max, &v, err);

	if (r > 0 && f->kind == JSON_INT32)
		*(int32_t *)p = (int32_t)v;
	else if (r > 0)
		*(int64_t *)p = v;
	return r;
}

static int read_unsigned(yajl_val obj, const struct json_path *at, const struct json_field *f,
			 uint64_t max, void *p, struct hrun_error *err)
{
	uint64_t v = 0;
	int r = json_get_uint(obj, at, f->key, f->required, max, &v, err);

	if (r <= 0)
		return r;
	if (f->kind == JSON_UINT16)
		*(uint16_t *)p = (uint16_t)v;
	else if (f->kind == JSON_UINT32)
		*(uint32_t *)p = (uint32_t)v;
	else
		*(uint64_t *)p = v;
	return r;
}

static int read_field(yajl_val obj, const struct json_path *at, const struct json_field *f,
		      char *base, struct hrun_error *err)
{
	void *p = base + f->offset;

	switch (f->kind) {
	case JSON_STRING: return json_get_string(obj, at, f->key, f->required, p, err);
	case JSON_STRV:
		return json_get_strv(obj, at, f->key, f->required, p, (size_t *)(base + f->aux),
				     err);
	case JSON_BOOL: return json_get_bool(obj, at, f->key, f->required, p, err);
	case JSON_INT32: return read_signed(obj, at, f, INT32_MIN, INT32_MAX, p, err);
	case JSON_INT64: return read_signed(obj, at, f, INT64_MIN, INT64_MAX, p, err);
	case JSON_UINT16: return read_unsigned(obj, at, f, UINT16_MAX, p, err);
	case JSON_UINT32: return read_unsigned(obj, at, f, UINT32_MAX, p, err);
	case JSON_UINT64: return read_unsigned(obj, at, f, UINT64_MAX, p, err);
	}
	return hrun_error_set(err, EINVAL, "field `%s`: unknown kind", f->key);
}

int json_read_fields(yajl_val obj, const struct json_path *at, const struct json_field *fields,
		     size_t n_fields, void *base, struct hrun_error *err)
{
	if (!YAJL_IS_OBJECT(obj))
		return json_fail(at, err, "must be an object");
	for (size_t i = 0; i < n_fields; i++) {
		const struct json_field *f = &fields[i];
		int r = read_field(obj, at, f, base, err);

		if (r < 0)
			return -1;
		if (r > 0 && f->kind != JSON_STRV && f->aux != JSON_NO_AUX)
			*(bool *)((char *)base + f->aux) = true;
	}
	return 0;
}

/* --- containers */

static int attach_elements(size_t count, size_t size, void **out, size_t *n, struct hrun_error *err)
{
	/* calloc(0) may return NULL: keep "present but empty" non-NULL */
	*out = calloc(count ? count : 1, size);
	if (!*out)
		return hrun_error_set(err, ENOMEM, "allocate %zu elements", count);
	*n = count;
	return 0;
}

int json_read_array(yajl_val obj, const struct json_path *at, const char *key, size_t size,
		    json_read_fn read, void **out, size_t *n, struct hrun_error *err)
{
	struct json_path here = {at, key, 0};
	yajl_val v;

	if (!find(obj, key, false, &v))
		return 0;
	if (!YAJL_IS_ARRAY(v))
		return json_fail(&here, err, "must be an array");
	if (attach_elements(v->u.array.len, size, out, n, err) < 0)
		return -1;
	for (size_t i = 0; i < v->u.array.len; i++) {
		struct json_path elem = {&here, NULL, i};

		if (read(v->u.array.values[i], &elem, (char *)*out + i * size, err) < 0)
			return -1;
	}
	return 1;
}

int json_read_map(yajl_val obj, const struct json_path *at, const char *key, size_t size,
		  size_t name_offset, json_read_fn read, void **out, size_t *n,
		  struct hrun_error *err)
{
	struct json_path here = {at, key, 0};
	yajl_val v;
	int r = json_get_object(obj, at, key, &v, err);

	if (r <= 0)
		return r;
	if (attach_elements(v->u.object.len, size, out, n, err) < 0)
		return -1;
	for (size_t i = 0; i < v->u.object.len; i++) {
		struct json_path elem = {&here, v->u.object.keys[i], 0};
		char *element = (char *)*out + i * size;
		char **name = (char **)(element + name_offset);

		*name = copy_string(v->u.object.keys[i], err);
		if (!*name || read(v->u.object.values[i], &elem, element, err) < 0)
			return -1;
	}
	return 1;
}

/* Find the object member `key` and attach a zeroed struct for it. */
static int attach_object(yajl_val obj, const struct json_path *at, const char *key, size_t size,
			 void **out, yajl_val *v, struct hrun_error *err)
{
	int r = json_get_object(obj, at, key, v, err);

	if (r <= 0)
		return r;
	*out = calloc(1, size);
	if (!*out)
		return hrun_error_set(err, ENOMEM, "allocate `%s`", key);
	return 1;
}

int json_read_object(yajl_val obj, const struct json_path *at, const char *key, size_t size,
		     json_read_fn read, void **out, struct hrun_error *err)
{
	struct json_path here = {at, key, 0};
	yajl_val v;
	int r = attach_object(obj, at, key, size, out, &v, err);

	if (r <= 0)
		return r;
	return read(v, &here, *out, err) < 0 ? -1 : 1;
}

int json_read_flat_object(yajl_val obj, const struct json_path *at, const char *key, size_t size,
			  const struct json_field *fields, size_t n_fields, void **out,
			  struct hrun_error *err)
{
	struct json_path here = {at, key, 0};
	yajl_val v;
	int r = attach_object(obj, at, key, size, out, &v, err);

	if (r <= 0)
		return r;
	return json_read_fields(v, &here, fields, n_fields, *out, err) < 0 ? -1 : 1;
}
