/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cpu_pin (util/cpu_pin.c), in forked children: a process free to run on
 * every online cpu is held on the one it runs on, and so are the children
 * it makes; letting go, there or in a child, gives every cpu back.  A
 * process whose affinity was restricted is not held, and keeps it. */
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/sysinfo.h>

#include <cmocka.h>

#include "util/cpu_pin.h"

#include "child_helpers.h"

static int cpus_now(void)
{
	cpu_set_t now;

	return sched_getaffinity(0, sizeof now, &now) == 0 ? CPU_COUNT(&now) : -1;
}

static int only_on(int cpu)
{
	cpu_set_t now;

	return sched_getaffinity(0, sizeof now, &now) == 0 && CPU_COUNT(&now) == 1 &&
	       CPU_ISSET(cpu, &now);
}

/* in a child of the held one: held too, then every cpu once it lets go */
static int child_lets_go(void *arg)
{
	const struct cpu_pin *p = arg;

	CHILD_CHECK(only_on(p->cpu));
	cpu_pin_release(p);
	CHILD_CHECK(cpus_now() == get_nprocs());
	return 0;
}

static int held_then_released(void *arg)
{
	struct cpu_pin p;

	(void)arg;
	if (get_nprocs() < 2 || cpus_now() != get_nprocs())
		return CHILD_SKIP;
	cpu_pin_here(&p);
	CHILD_CHECK(p.cpu >= 0 && only_on(p.cpu));
	CHILD_CHECK(in_child(child_lets_go, &p) == 0);
	/* the child's letting go is its own */
	CHILD_CHECK(only_on(p.cpu));
	cpu_pin_release(&p);
	CHILD_CHECK(cpus_now() == get_nprocs());
	return 0;
}

static void test_a_free_process_is_held_and_let_go(void **state)
{
	(void)state;
	assert_child_passes(held_then_released, NULL);
}

static int restricted_stays(void *arg)
{
	struct cpu_pin p;
	cpu_set_t one;
	int cpu = sched_getcpu();

	(void)arg;
	if (get_nprocs() < 2 || cpu < 0)
		return CHILD_SKIP;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	CHILD_CHECK(sched_setaffinity(0, sizeof one, &one) == 0);
	cpu_pin_here(&p);
	CHILD_CHECK(p.cpu == -1);
	cpu_pin_release(&p);
	/* the restriction is the caller's: never widened */
	CHILD_CHECK(only_on(cpu));
	return 0;
}

static void test_a_restricted_process_is_not_held_and_keeps_its_affinity(void **state)
{
	(void)state;
	assert_child_passes(restricted_stays, NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_free_process_is_held_and_let_go),
		cmocka_unit_test(test_a_restricted_process_is_not_held_and_keeps_its_affinity),
	};

	return cmocka_run_group_tests_name("cpu_pin", tests, NULL, NULL);
}
