/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A yajl generator that remembers its first failure; see json_gen.h. */
#include "oci/json_gen.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/error.h"

int json_gen_init(struct json_gen *j, const char *indent, const char *what, struct hrun_error *err)
{
	j->status = yajl_gen_status_ok;
	j->g = yajl_gen_alloc(NULL);
	if (!j->g)
		return hrun_error_set(err, ENOMEM, "%s", what);
	if (indent) {
		yajl_gen_config(j->g, yajl_gen_beautify, 1);
		yajl_gen_config(j->g, yajl_gen_indent_string, indent);
	}
	return 0;
}

void json_gen_free(struct json_gen *j)
{
	if (j->g)
		yajl_gen_free(j->g);
	j->g = NULL;
}

static void check(struct json_gen *j, yajl_gen_status status)
{
	if (j->status == yajl_gen_status_ok)
		j->status = status;
}

void json_gen_string(struct json_gen *j, const char *s)
{
	if (s)
		check(j, yajl_gen_string(j->g, (const unsigned char *)s, strlen(s)));
	else
		check(j, yajl_gen_null(j->g));
}

void json_gen_int(struct json_gen *j, long long v)
{
	check(j, yajl_gen_integer(j->g, v));
}

void json_gen_bool(struct json_gen *j, bool v)
{
	check(j, yajl_gen_bool(j->g, v));
}

void json_gen_open(struct json_gen *j, bool map)
{
	check(j, map ? yajl_gen_map_open(j->g) : yajl_gen_array_open(j->g));
}

void json_gen_close(struct json_gen *j, bool map)
{
	check(j, map ? yajl_gen_map_close(j->g) : yajl_gen_array_close(j->g));
}

int json_gen_buf(struct json_gen *j, const unsigned char **buf, size_t *len, const char *what,
		 struct hrun_error *err)
{
	check(j, yajl_gen_get_buf(j->g, buf, len));
	if (j->status != yajl_gen_status_ok)
		return hrun_error_set(err, 0, "%s: JSON generator failed (status %d)", what,
				      (int)j->status);
	return 0;
}

char *json_gen_text(struct json_gen *j, const char *what, struct hrun_error *err)
{
	const unsigned char *buf;
	size_t len;
	char *text;

	if (json_gen_buf(j, &buf, &len, what, err) < 0)
		return NULL;
	text = malloc(len + 2);
	if (!text) {
		hrun_error_set(err, ENOMEM, "%s", what);
		return NULL;
	}
	memcpy(text, buf, len);
	/* yajl's indented output already ends with a newline */
	if (len == 0 || text[len - 1] != '\n')
		text[len++] = '\n';
	text[len] = '\0';
	return text;
}
