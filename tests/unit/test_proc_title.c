/* SPDX-License-Identifier: GPL-2.0-or-later */
/* proc_title_record: the area of argv's strings, laid out one after
 * another as exec makes them, or nothing when they are not. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/proc_title.h"

static void test_nothing_recorded_is_an_error(void **state)
{
	char *start, *end;

	assert_int_equal(proc_title_area(&start, &end), -1);
	assert_int_equal(errno, EINVAL);
}

static void test_strings_apart_are_not_recorded(void **state)
{
	char a[] = "hrun", b[] = "run";
	char *argv[] = {a, b, NULL};
	char *start, *end;

	/* a and b are two arrays: not one area, whatever lies between */
	if (b == a + sizeof a)
		skip();
	proc_title_record(2, argv);
	assert_int_equal(proc_title_area(&start, &end), -1);
}

static void test_the_area_ends_after_the_last_nul(void **state)
{
	char area[] = "hrun\0--root\0/r\0run";
	char *argv[] = {area, area + 5, area + 12, area + 15, NULL};
	char *start, *end;

	proc_title_record(4, argv);
	assert_int_equal(proc_title_area(&start, &end), 0);
	assert_ptr_equal(start, area);
	assert_ptr_equal(end, area + sizeof area);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_recorded_is_an_error),
		cmocka_unit_test(test_strings_apart_are_not_recorded),
		cmocka_unit_test(test_the_area_ends_after_the_last_nul),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
