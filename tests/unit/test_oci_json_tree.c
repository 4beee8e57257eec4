/* SPDX-License-Identifier: GPL-2.0-or-later */
/* json_parse builds its tree from yajl's events into an arena: every
 * document must give the tree yajl_tree_parse() gives -- types, strings,
 * numbers with their flags, keys in order -- since the readers were
 * written against that one.  And nesting is bounded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "oci/json.h"
#include "util/error.h"

static void assert_same_tree(yajl_val a, yajl_val b)
{
	assert_int_equal(a->type, b->type);
	switch (a->type) {
	case yajl_t_string: assert_string_equal(a->u.string, b->u.string); break;
	case yajl_t_number:
		assert_string_equal(a->u.number.r, b->u.number.r);
		assert_int_equal(a->u.number.flags, b->u.number.flags);
		assert_true(a->u.number.i == b->u.number.i);
		assert_memory_equal(&a->u.number.d, &b->u.number.d, sizeof a->u.number.d);
		break;
	case yajl_t_object:
		assert_int_equal(a->u.object.len, b->u.object.len);
		for (size_t i = 0; i < a->u.object.len; i++) {
			assert_string_equal(a->u.object.keys[i], b->u.object.keys[i]);
			assert_same_tree(a->u.object.values[i], b->u.object.values[i]);
		}
		break;
	case yajl_t_array:
		assert_int_equal(a->u.array.len, b->u.array.len);
		for (size_t i = 0; i < a->u.array.len; i++)
			assert_same_tree(a->u.array.values[i], b->u.array.values[i]);
		break;
	default: break;
	}
}

static void assert_parses_as_yajl(const char *text)
{
	struct hrun_error err = {0};
	yajl_val ours = json_parse(text, strlen(text), &err);
	yajl_val theirs = yajl_tree_parse(text, NULL, 0);

	assert_non_null(theirs);
	if (!ours)
		fail_msg("%s: %s", text, err.msg);
	assert_same_tree(ours, theirs);
	json_free(ours);
	yajl_tree_free(theirs);
}

static void test_scalars_and_containers(void **state)
{
	static const char *const docs[] = {
		"{}",
		"[]",
		"null",
		"true",
		"\"x\"",
		"{\"a\": [], \"b\": {}, \"c\": [[], [{}]], \"d\": null, \"e\": false}",
		"{\"dup\": 1, \"dup\": 2}",
		"[\"\\u00e9\\n\\\"\", \"\\ud83d\\ude00\", \"\"]",
		"/* comment */ {\"a\": 1 // another\n}",
	};

	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++)
		assert_parses_as_yajl(docs[i]);
}

/* Integers are valid as yajl_tree says: digits, a minus, a long long. */
static void test_numbers_carry_yajls_flags(void **state)
{
	assert_parses_as_yajl("[0, -0, 1, -1, 1.5, -1.5, 1e3, 1E-2, 0.0, 4294967295, "
			      "9223372036854775807, 9223372036854775808, -9223372036854775807, "
			      "-9223372036854775808, 99999999999999999999, 1e400, -1e400]");
}

/* More members than one growth of the scratch arrays, more bytes than
 * the first chunk of the arena. */
static void test_large_document(void **state)
{
	size_t n = 5000, len = 0, cap = n * 40 + 16;
	char *text = malloc(cap);

	assert_non_null(text);
	len += (size_t)sprintf(text + len, "{");
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "%s\"k%zu\": [%zu, \"v%zu\"]", i ? "," : "", i,
				       i, i);
	sprintf(text + len, "}");
	assert_parses_as_yajl(text);
	free(text);
}

static void test_config_of_every_field(void **state)
{
	FILE *f = fopen(TEST_DATA_DIR "/full.json", "re");
	char *text = calloc(1, 1 << 20);
	size_t n;

	assert_non_null(f);
	assert_non_null(text);
	n = fread(text, 1, (1 << 20) - 1, f);
	assert_true(n > 0);
	fclose(f);
	assert_parses_as_yajl(text);
	free(text);
}

static char *nested(int depth)
{
	char *text = malloc(2 * (size_t)depth + 1);

	assert_non_null(text);
	memset(text, '[', (size_t)depth);
	memset(text + depth, ']', (size_t)depth);
	text[2 * depth] = '\0';
	return text;
}

/* 128 levels parse; one more is refused by name, not by the stack. */
static void test_nesting_is_bounded(void **state)
{
	struct hrun_error err = {0};
	char *ok = nested(128), *deep = nested(129);
	yajl_val v = json_parse(ok, strlen(ok), &err);

	assert_non_null(v);
	json_free(v);
	assert_null(json_parse(deep, strlen(deep), &err));
	assert_string_equal(err.msg, "invalid JSON: nested deeper than 128 levels");
	free(ok);
	free(deep);
}

/* A failure leaves nothing allocated (the sanitizer build checks). */
static void test_syntax_error_is_located(void **state)
{
	static const char text[] = "{\"a\": [1, 2,\n ]}";
	struct hrun_error err = {0};

	assert_null(json_parse(text, strlen(text), &err));
	assert_string_equal(err.msg, "invalid JSON: parse error: unallowed token at this point "
				     "in JSON text at line 2, column 2");
}

/* \u0000 is JSON, but no C string holds it: in a value or a key, refused
 * where it stands, never cut short. */
static void test_nul_in_a_string_is_refused(void **state)
{
	static const char value[] = "{\"env\": [\"A=x\\u0000y\"]}";
	static const char key[] = "{\n \"a\\u0000b\": 1}";
	struct hrun_error err = {0};

	assert_null(json_parse(value, strlen(value), &err));
	assert_string_equal(err.msg, "a NUL byte (\\u0000) in a string at line 1, column 21");
	assert_null(json_parse(key, strlen(key), &err));
	assert_string_equal(err.msg, "a NUL byte (\\u0000) in a string at line 2, column 11");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scalars_and_containers),
		cmocka_unit_test(test_numbers_carry_yajls_flags),
		cmocka_unit_test(test_large_document),
		cmocka_unit_test(test_config_of_every_field),
		cmocka_unit_test(test_nesting_is_bounded),
		cmocka_unit_test(test_syntax_error_is_located),
		cmocka_unit_test(test_nul_in_a_string_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
