/* SPDX-License-Identifier: GPL-2.0-or-later */
/* See rootless.h. */
#include "util/rootless.h"

#include <linux/capability.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "util/cleanup.h"

bool rootless_in_userns(void)
{
	_cleanup_fclose_ FILE *f = fopen("/proc/self/uid_map", "re");
	unsigned long inside, outside, size;

	/* the host's namespace maps every id to itself, in one line */
	if (!f || fscanf(f, "%lu %lu %lu", &inside, &outside, &size) != 3)
		return false;
	return !(inside == 0 && outside == 0 && size == 4294967295UL);
}

bool rootless(void)
{
	return geteuid() != 0 || rootless_in_userns();
}

bool rootless_capable(int cap)
{
	struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3};
	struct __user_cap_data_struct d[2] = {0};

	if (syscall(SYS_capget, &h, d) < 0)
		return false;
	return d[cap / 32].effective & (1U << (cap % 32));
}
