/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.intelRdt in the plan: the lines for `schemata` in the order the
 * runtime-spec writes them, their place in `hrun plan`, and the error that
 * names each bad value.  (The groups themselves: test_resctrl.c.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plan_helpers.h"

#define RDT_CONFIG(rdt) CONFIG("'linux': {'namespaces': [{'type': 'mount'}], 'intelRdt': " rdt "}")

/* JSON is compared with its blanks taken out (the values here have none). */
static void assert_printed(const struct plan *plan, enum plan_format format, const char *want)
{
	char *text = print(plan, format), *out = text;

	for (const char *c = text; format == PLAN_JSON && *c; c++)
		if (*c != ' ' && *c != '\n')
			*out++ = *c;
	if (format == PLAN_JSON)
		*out = '\0';
	if (!strstr(text, want))
		fail_msg("no `%s` in:\n%s", want, text);
	free(text);
}

static void test_plan_rdt_lines_in_writing_order(void **state)
{
	/* an MB line of l3CacheSchema gives way to memBwSchema */
	struct plan *plan = must_build(RDT_CONFIG(
		"{'closID': 'guaranteed_group', 'l3CacheSchema': 'L3:0=7f0;1=1f\\nMB:0=10',"
		" 'memBwSchema': 'MB:0=20;1=70', 'schemata': ['L2:0=ff', 'L3CODE:0=f'],"
		" 'enableMonitoring': true}"));
	const struct plan_rdt *r = plan->intel_rdt;

	assert_non_null(r);
	assert_string_equal(r->clos_id, "guaranteed_group");
	assert_int_equal(r->n_schemata, 4);
	assert_int_equal(r->n_schema, 2);
	assert_string_equal(r->schemata[0], "L3:0=7f0;1=1f");
	assert_string_equal(r->schemata[1], "MB:0=20;1=70");
	assert_string_equal(r->schemata[2], "L2:0=ff");
	assert_string_equal(r->schemata[3], "L3CODE:0=f");
	assert_null(r->schemata[4]);
	assert_true(r->monitoring);
	assert_printed(plan, PLAN_TEXT,
		       "\nintelrdt     group=guaranteed_group monitoring=yes\n"
		       "intelrdt     schema L3:0=7f0;1=1f\n"
		       "intelrdt     schema MB:0=20;1=70\n"
		       "intelrdt     schemata L2:0=ff\n"
		       "intelrdt     schemata L3CODE:0=f\n");
	assert_printed(plan, PLAN_JSON,
		       "\"intelRdt\":{\"closID\":\"guaranteed_group\","
		       "\"schema\":[\"L3:0=7f0;1=1f\",\"MB:0=20;1=70\"],"
		       "\"schemata\":[\"L2:0=ff\",\"L3CODE:0=f\"],\"monitoring\":true}");
	plan_free(plan);
}

static void test_plan_rdt_without_closid_is_the_container_s_group(void **state)
{
	struct plan *plan = must_build(RDT_CONFIG("{'closID': ''}"));

	assert_non_null(plan->intel_rdt);
	assert_null(plan->intel_rdt->clos_id);
	assert_int_equal(plan->intel_rdt->n_schemata, 0);
	assert_printed(plan, PLAN_TEXT,
		       "\nintelrdt     group=(container id) monitoring=no\npropagation");
	assert_printed(plan, PLAN_JSON,
		       "\"intelRdt\":{\"schema\":[],\"schemata\":[],\"monitoring\":false}");
	plan_free(plan);
	plan = must_build(CONFIG(NS_MOUNT));
	assert_null(plan->intel_rdt);
	plan_free(plan);
}

static void test_plan_rdt_refuses_bad_values_naming_the_field(void **state)
{
	static const struct {
		const char *config, *error;
	} bad[] = {
		{RDT_CONFIG("{'closID': 'info'}"),
		 "linux.intelRdt.closID: `info` cannot name a resctrl group"},
		{RDT_CONFIG("{'closID': 'a/b'}"),
		 "linux.intelRdt.closID: `a/b` cannot name a resctrl group"},
		{RDT_CONFIG("{'closID': '..'}"),
		 "linux.intelRdt.closID: `..` cannot name a resctrl group"},
		{RDT_CONFIG("{'memBwSchema': 'L3:0=1'}"),
		 "linux.intelRdt.memBwSchema: must be one line starting with `MB:`"},
		{RDT_CONFIG("{'memBwSchema': 'MB:0=1\\nMB:1=2'}"),
		 "linux.intelRdt.memBwSchema: must be one line starting with `MB:`"},
		{RDT_CONFIG("{'schemata': ['L2:0=1', 'L2:0=1\\nL3:0=1']}"),
		 "linux.intelRdt.schemata[1]: must be one line"},
		{RDT_CONFIG("{'schemata': ['nonsense']}"),
		 "linux.intelRdt.schemata[0]: `nonsense` is no schema line (want "
		 "RESOURCE:ID=VALUE;...)"},
		{RDT_CONFIG("{'l3CacheSchema': ':0=1'}"),
		 "linux.intelRdt.l3CacheSchema: `:0=1` is no schema line (want "
		 "RESOURCE:ID=VALUE;...)"},
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_plan_error(bad[i].config, bad[i].error);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_rdt_lines_in_writing_order),
		cmocka_unit_test(test_plan_rdt_without_closid_is_the_container_s_group),
		cmocka_unit_test(test_plan_rdt_refuses_bad_values_naming_the_field),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
