/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "plan_helpers.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "oci/spec.h"

/* JSON written with single quotes, for legibility: ' becomes ". */
static char *dequote(const char *text)
{
	char *s = strdup(text);

	assert_non_null(s);
	for (char *c = s; *c; c++)
		if (*c == '\'')
			*c = '"';
	return s;
}

/* Build the plan of a config; NULL with err filled when the plan refuses
 * it (the parser must accept it: these tests are about the plan). */
struct plan *build(const char *config, struct hrun_error *err)
{
	char *json = dequote(config);
	struct hrun_error perr = {0};
	struct oci_spec *spec = oci_spec_parse(json, strlen(json), "config.json", &perr);
	struct plan *plan;

	if (!spec)
		fail_msg("the parser refused the test config: %s", perr.msg);
	plan = plan_build(spec, BUNDLE, err);
	oci_spec_free(spec);
	free(json);
	return plan;
}

struct plan *must_build(const char *config)
{
	struct hrun_error err = {0};
	struct plan *plan = build(config, &err);

	if (!plan)
		fail_msg("plan_build: %s", err.msg);
	return plan;
}

char *print(const struct plan *plan, enum plan_format format)
{
	struct hrun_error err = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	assert_int_equal(plan_print(plan, format, f, &err), 0);
	assert_int_equal(fclose(f), 0);
	return text;
}

/* The plan of a config it must accept, as `hrun plan` prints it. */
static char *print_text(const char *config)
{
	struct plan *plan = must_build(config);
	char *text = print(plan, PLAN_TEXT);

	plan_free(plan);
	return text;
}

void assert_plan_text(const char *config, const char *expected)
{
	char *text = print_text(config);

	assert_string_equal(text, expected);
	free(text);
}

/* Only the op list of the printed plan: what follows the "ops" line. */
void assert_plan_ops(const char *config, const char *expected)
{
	char *text = print_text(config);
	char *ops = strstr(text, "\nops\n");

	assert_non_null(ops);
	assert_string_equal(ops + 5, expected);
	free(text);
}

void assert_plan_error(const char *config, const char *expected)
{
	struct hrun_error err = {0};
	struct plan *plan = build(config, &err);

	if (plan) {
		plan_free(plan);
		fail_msg("plan_build accepted a config it must refuse with: %s", expected);
	}
	assert_string_equal(err.msg, expected);
}
