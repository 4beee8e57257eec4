/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A document's tree, from one pass of yajl's event parser.
 *
 * The nodes are yajl_tree.h's struct yajl_val_s, filled as
 * yajl_tree_parse() fills them, so the readers (json.c) and YAJL_IS_*
 * take them as they are.  What differs is where they live: every node,
 * array and string of a document comes from one arena, which json_free()
 * releases at once.  The parse of a config used to be a pass for syntax
 * errors and depth, then yajl_tree_parse()'s own pass, then
 * yajl_tree_free()'s free() of every node: two thirds of the instructions
 * of the parse (callgrind), on the way of every create, run and exec. */
#include "oci/json.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

/* The open containers are a stack of this many levels: a document nested
 * deeper is refused by name.  config.json needs fewer than ten. */
#define JSON_MAX_DEPTH 128

/* what the nodes need (pointers, long long, double) */
#define ARENA_ALIGN alignof(struct yajl_val_s)

struct chunk {
	struct chunk *next;
	size_t used, size;
	alignas(max_align_t) char data[];
};

/* What json_parse returns is the root, the first member: json_free()
 * finds the rest from it. */
struct doc {
	struct yajl_val_s root;
	struct chunk *chunks;
	size_t first_chunk; /* about what the document needs: one malloc */
};

static void *arena_alloc(struct doc *d, size_t size)
{
	struct chunk *c = d->chunks;

	size = (size + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (!c || c->size - c->used < size) {
		size_t want = c ? 2 * c->size : d->first_chunk;

		if (want < size)
			want = size;
		c = malloc(sizeof *c + want);
		if (!c)
			return NULL;
		*c = (struct chunk){.next = d->chunks, .size = want};
		d->chunks = c;
	}
	c->used += size;
	return c->data + c->used - size;
}

static void *arena_dup(struct doc *d, const void *src, size_t size)
{
	void *copy = arena_alloc(d, size);

	if (copy)
		memcpy(copy, src, size);
	return copy;
}

static char *arena_strndup(struct doc *d, const unsigned char *s, size_t len)
{
	char *copy = arena_alloc(d, len + 1);

	if (copy) {
		memcpy(copy, s, len);
		copy[len] = '\0';
	}
	return copy;
}

/* An open array or object: its node, and its members so far (scratch,
 * reused by the next container at that depth, until the node gets exact
 * copies in the arena). */
struct level {
	yajl_val node;
	yajl_val *values;
	const char **keys;
	size_t n, cap;
};

struct builder {
	struct doc *doc;
	struct level levels[JSON_MAX_DEPTH];
	int depth;
	bool too_deep;
	bool nul_byte; /* a string or key held \u0000, which no C string can */
};

static bool level_grow(struct level *l)
{
	size_t cap = l->cap ? 2 * l->cap : 16;
	yajl_val *values = realloc(l->values, cap * sizeof *values);
	const char **keys;

	if (!values)
		return false;
	l->values = values;
	keys = realloc(l->keys, cap * sizeof *keys);
	if (!keys)
		return false;
	l->keys = keys;
	l->cap = cap;
	return true;
}

/* The node for the next value: the root itself at depth 0, else a new one
 * added to the open container (whose key, for an object, came before). */
static yajl_val add_node(struct builder *b, yajl_type type)
{
	yajl_val v;

	if (b->depth == 0) {
		v = &b->doc->root;
	} else {
		struct level *l = &b->levels[b->depth - 1];

		if (YAJL_IS_ARRAY(l->node) && l->n == l->cap && !level_grow(l))
			return NULL;
		v = arena_alloc(b->doc, sizeof *v);
		if (!v)
			return NULL;
		l->values[l->n++] = v;
	}
	*v = (struct yajl_val_s){.type = type};
	return v;
}

static int on_null(void *ctx)
{
	return add_node(ctx, yajl_t_null) != NULL;
}

static int on_boolean(void *ctx, int value)
{
	return add_node(ctx, value ? yajl_t_true : yajl_t_false) != NULL;
}

/* The same test as yajl_tree's: only digits, an optional minus, and a
 * value that fits a long long. */
static bool integer_of(const char *s, long long *out)
{
	bool minus = *s == '-';
	long long v = 0;

	for (s += minus; *s; s++)
		if (!isdigit((unsigned char)*s) || __builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, *s - '0', &v))
			return false;
	*out = minus ? -v : v;
	return true;
}

static int on_number(void *ctx, const char *s, size_t len)
{
	struct builder *b = ctx;
	yajl_val v = add_node(b, yajl_t_number);
	char *end;

	if (!v || !(v->u.number.r = arena_strndup(b->doc, (const unsigned char *)s, len)))
		return 0;
	if (integer_of(v->u.number.r, &v->u.number.i))
		v->u.number.flags |= YAJL_NUMBER_INT_VALID;
	else
		v->u.number.i = v->u.number.r[0] == '-' ? LLONG_MIN : LLONG_MAX;
	errno = 0;
	v->u.number.d = strtod(v->u.number.r, &end);
	if (errno == 0 && *end == '\0')
		v->u.number.flags |= YAJL_NUMBER_DOUBLE_VALID;
	return 1;
}

/* A string with a NUL byte would reach every reader cut short (an env
 * entry, a path, an argument): refused, as runc refuses it. */
static bool holds_nul(struct builder *b, const unsigned char *s, size_t len)
{
	b->nul_byte = memchr(s, '\0', len) != NULL;
	return b->nul_byte;
}

static int on_string(void *ctx, const unsigned char *s, size_t len)
{
	struct builder *b = ctx;
	yajl_val v;

	if (holds_nul(b, s, len) || !(v = add_node(b, yajl_t_string)))
		return 0;
	return (v->u.string = arena_strndup(b->doc, s, len)) != NULL;
}

static int on_key(void *ctx, const unsigned char *s, size_t len)
{
	struct builder *b = ctx;
	struct level *l = &b->levels[b->depth - 1];

	if (holds_nul(b, s, len) || (l->n == l->cap && !level_grow(l)))
		return 0;
	return (l->keys[l->n] = arena_strndup(b->doc, s, len)) != NULL;
}

static int open_container(struct builder *b, yajl_type type)
{
	yajl_val v;

	if (b->depth == JSON_MAX_DEPTH) {
		b->too_deep = true;
		return 0;
	}
	v = add_node(b, type);
	if (!v)
		return 0;
	b->levels[b->depth].node = v;
	b->levels[b->depth++].n = 0;
	return 1;
}

/* The members' exact copies into the arena (none for an empty container,
 * as yajl_tree leaves it); the scratch stays for the next container at
 * this depth. */
static int close_container(struct builder *b)
{
	struct level *l = &b->levels[--b->depth];
	yajl_val v = l->node;
	yajl_val *values = NULL;
	const char **keys = NULL;

	if (l->n && !(values = arena_dup(b->doc, l->values, l->n * sizeof *values)))
		return 0;
	if (YAJL_IS_ARRAY(v)) {
		v->u.array.values = values;
		v->u.array.len = l->n;
		return 1;
	}
	if (l->n && !(keys = arena_dup(b->doc, l->keys, l->n * sizeof *keys)))
		return 0;
	v->u.object.keys = keys;
	v->u.object.values = values;
	v->u.object.len = l->n;
	return 1;
}

static int on_start_map(void *ctx)
{
	return open_container(ctx, yajl_t_object);
}

static int on_start_array(void *ctx)
{
	return open_container(ctx, yajl_t_array);
}

static int on_end(void *ctx)
{
	return close_container(ctx);
}

static const yajl_callbacks build_callbacks = {
	.yajl_null = on_null,
	.yajl_boolean = on_boolean,
	.yajl_number = on_number,
	.yajl_string = on_string,
	.yajl_start_map = on_start_map,
	.yajl_map_key = on_key,
	.yajl_end_map = on_end,
	.yajl_start_array = on_start_array,
	.yajl_end_array = on_end,
};

/* WHAT, and where the parser stopped when it knows: "... at line 1,
 * column 2". */
static void fail_where(yajl_handle h, const char *text, size_t len, bool located,
		       const char *what, struct hrun_error *err)
{
	size_t offset = yajl_get_bytes_consumed(h);
	size_t line = 1, column = 1;

	if (offset > 0 && offset <= len) {
		for (size_t i = 0; i + 1 < offset; i++, column++)
			if (text[i] == '\n')
				line++, column = 0;
	} else {
		located = false;
	}
	if (located)
		hrun_error_set(err, 0, "%s at line %zu, column %zu", what, line, column);
	else
		hrun_error_set(err, 0, "%s", what);
}

/* "invalid JSON: " and yajl's short message, trimmed: "lexical error:
 * invalid char in json text". */
static void syntax_error(yajl_handle h, const char *text, size_t len, bool located,
			 struct hrun_error *err)
{
	unsigned char *msg = yajl_get_error(h, 0, (const unsigned char *)text, len);
	size_t msg_len = strlen((const char *)msg);
	char what[HRUN_ERROR_MAX];

	while (msg_len && (isspace(msg[msg_len - 1]) || msg[msg_len - 1] == '.'))
		msg[--msg_len] = '\0';
	snprintf(what, sizeof what, "invalid JSON: %s", msg);
	fail_where(h, text, len, located, what, err);
	yajl_free_error(h, msg);
}

/* Fill b->doc from text; on failure *err says why. */
static int build(struct builder *b, const char *text, size_t len, struct hrun_error *err)
{
	yajl_handle h = yajl_alloc(&build_callbacks, NULL, b);
	yajl_status status;
	bool located = true;

	if (!h)
		return hrun_error_set(err, ENOMEM, "parse JSON");
	/* the leniency of yajl_tree_parse() */
	yajl_config(h, yajl_allow_comments, 1);
	status = yajl_parse(h, (const unsigned char *)text, len);
	if (status == yajl_status_ok) {
		located = false;
		status = yajl_complete_parse(h);
	}
	if (status == yajl_status_client_canceled && b->too_deep)
		hrun_error_set(err, 0, "invalid JSON: nested deeper than %d levels",
			       JSON_MAX_DEPTH);
	else if (status == yajl_status_client_canceled && b->nul_byte)
		fail_where(h, text, len, true, "a NUL byte (\\u0000) in a string", err);
	else if (status == yajl_status_client_canceled)
		hrun_error_set(err, ENOMEM, "parse JSON");
	else if (status != yajl_status_ok)
		syntax_error(h, text, len, located, err);
	yajl_free(h);
	return status == yajl_status_ok ? 0 : -1;
}

/* The scratch of every level, and the document when it is not returned. */
static void builder_free(struct builder *b)
{
	for (int i = 0; i < JSON_MAX_DEPTH; i++) {
		free(b->levels[i].values);
		free(b->levels[i].keys);
	}
	json_free(b->doc ? &b->doc->root : NULL);
	free(b);
}

yajl_val json_parse(const char *text, size_t len, struct hrun_error *err)
{
	struct builder *b = calloc(1, sizeof *b);
	yajl_val root = NULL;

	if (!b || !(b->doc = calloc(1, sizeof *b->doc))) {
		free(b);
		hrun_error_set(err, ENOMEM, "parse JSON");
		return NULL;
	}
	/* nodes and strings take about four times the text */
	b->doc->first_chunk = len < 1024 ? 4096 : 4 * len;
	if (build(b, text, len, err) == 0) {
		root = &b->doc->root;
		b->doc = NULL;
	}
	builder_free(b);
	return root;
}

void json_free(yajl_val root)
{
	struct doc *d = (struct doc *)root;

	if (!d)
		return;
	for (struct chunk *c = d->chunks, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(d);
}
