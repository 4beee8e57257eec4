/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Runs in the container (static, copied into the busybox rootfs) and
 * prints what /proc does not show of the process's kernel attributes:
 *
 *   mempolicy MODE NODEMASK   (get_mempolicy: mode number, nodes in hex)
 *   sched POLICY NICE PRIORITY RUNTIME DEADLINE PERIOD   (sched_getattr) */
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

struct sched_attr_v0 {
	uint32_t size, policy;
	uint64_t flags;
	int32_t nice;
	uint32_t priority;
	uint64_t runtime, deadline, period;
};

int main(void)
{
	struct sched_attr_v0 a = {0};
	unsigned long nodes = 0;
	int mode = -1;

	if (syscall(SYS_get_mempolicy, &mode, &nodes, 64, NULL, 0) < 0 ||
	    syscall(SYS_sched_getattr, 0, &a, sizeof a, 0) < 0) {
		perror("attrs_probe");
		return 1;
	}
	printf("mempolicy %d %lx\n", mode, nodes);
	printf("sched %u %d %u %llu %llu %llu\n", a.policy, a.nice, a.priority,
	       (unsigned long long)a.runtime, (unsigned long long)a.deadline,
	       (unsigned long long)a.period);
	return 0;
}
