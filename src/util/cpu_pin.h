/* SPDX-License-Identifier: GPL-2.0-or-later */
#ifndef HRUN_UTIL_CPU_PIN_H
#define HRUN_UTIL_CPU_PIN_H

/* A chain of processes each stopped while its child runs (vfork, or a
 * parent that only waits) gains nothing from a second cpu, and a child
 * the scheduler places on an idle one waits for it to wake up: on a VM,
 * tens of microseconds or more.  Held on the cpu it starts on, the chain
 * runs on; the last of it lets go before it becomes a program of the
 * container's.
 *
 * Only a process that may run on every online cpu is held: letting go is
 * then an affinity of every cpu, which the kernel narrows to the cpuset
 * as it would have without the hold (and, since 6.2, keeps as the "user"
 * mask, which narrows nothing).  A caller that restricted our affinity
 * keeps its restriction untouched: no hold. */
struct cpu_pin {
	int cpu; /* where the chain is held; -1: not held */
};

/* Hold us, and the children we make from now on, on the cpu we run on.
 * Best effort: p->cpu is -1 when not held. */
void cpu_pin_here(struct cpu_pin *p);

/* Let go, in us or in a descendant made while held (nothing when not
 * held). */
void cpu_pin_release(const struct cpu_pin *p);

#endif
