/* SPDX-License-Identifier: GPL-2.0-or-later */
/* rfc3339_format_at: the UTC fields by hand give what gmtime_r gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <cmocka.h>

#include "util/logline.h"

static void expect_as_gmtime(time_t t, long nsec)
{
	struct timespec ts = {.tv_sec = t, .tv_nsec = nsec};
	char got[64], want[64];
	struct tm tm;

	assert_non_null(gmtime_r(&t, &tm));
	snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02d.%09ldZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, nsec);
	rfc3339_format_at(got, sizeof got, &ts);
	assert_string_equal(got, want);
}

static void test_known_instants(void **state)
{
	struct timespec ts = {.tv_sec = 951782400 + 3661, .tv_nsec = 5};
	char got[64];

	(void)state;
	rfc3339_format_at(got, sizeof got, &ts);
	assert_string_equal(got, "2000-02-29T01:01:01.000000005Z");
	ts.tv_sec = -1;
	ts.tv_nsec = 0;
	rfc3339_format_at(got, sizeof got, &ts);
	assert_string_equal(got, "1969-12-31T23:59:59.000000000Z");
}

/* every day of 1900-2400 (leap days, centuries), at varying times */
static void test_same_as_gmtime(void **state)
{
	(void)state;
	for (time_t t = -2208988800LL; t < 13569465600LL; t += 86400 + 3607)
		expect_as_gmtime(t, 123456789);
	expect_as_gmtime(0, 0);
	expect_as_gmtime(1796570891, 999999999);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_instants),
		cmocka_unit_test(test_same_as_gmtime),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
