/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What a process the runtime forks keeps of its fds before it reaches
 * into a container: the init and the middle process of `exec` are forks
 * (or clones) of the runtime, not execs, so they start with every fd the
 * runtime holds -- the state directory, the container's cgroup, the
 * caller's leaks.  One of them left open is the host's filesystem at
 * /proc/self/fd/N for anything in the container that can make the
 * process resolve that path (CVE-2024-21626). */
#include "runtime/runtime.h"

#include <sys/syscall.h>
#include <unistd.h>

static void close_between(unsigned int first, unsigned int last)
{
	if (first <= last)
		syscall(SYS_close_range, first, last, 0);
}

void fds_keep_only(int preserve_fds, const int *keep, size_t n)
{
	unsigned int next = 3 + (unsigned int)(preserve_fds > 0 ? preserve_fds : 0);

	for (;;) {
		int lo = -1;

		for (size_t i = 0; i < n; i++)
			if (keep[i] >= (int)next && (lo < 0 || keep[i] < lo))
				lo = keep[i];
		if (lo < 0)
			break;
		close_between(next, (unsigned int)lo - 1);
		next = (unsigned int)lo + 1;
	}
	close_between(next, ~0U);
}
