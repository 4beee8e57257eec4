/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "util/cpu_pin.h"

#include <sched.h>
#include <string.h>
#include <sys/sysinfo.h>

void cpu_pin_here(struct cpu_pin *p)
{
	cpu_set_t now, one;
	int cpu = sched_getcpu();

	p->cpu = -1;
	if (cpu < 0 || sched_getaffinity(0, sizeof now, &now) < 0 ||
	    CPU_COUNT(&now) != get_nprocs())
		return;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	if (sched_setaffinity(0, sizeof one, &one) == 0)
		p->cpu = cpu;
}

void cpu_pin_release(const struct cpu_pin *p)
{
	cpu_set_t every;

	if (p->cpu < 0)
		return;
	memset(&every, 0xff, sizeof every);
	sched_setaffinity(0, sizeof every, &every);
}
