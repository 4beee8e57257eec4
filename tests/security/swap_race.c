/* SPDX-License-Identifier: GPL-2.0-or-later */
/* swap_race A B SECONDS: exchange A and B (a directory and a symlink, say)
 * with renameat2(RENAME_EXCHANGE) as fast as possible for SECONDS, as a
 * process in another container sharing the volume would.  Static: it can
 * run inside a container too. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int main(int argc, char **argv)
{
	struct timespec now, end;
	unsigned long swaps = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: swap_race A B SECONDS\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_sec += atoi(argv[3]);
	do {
		for (int i = 0; i < 1000; i++)
			if (syscall(SYS_renameat2, AT_FDCWD, argv[1], AT_FDCWD, argv[2],
				    RENAME_EXCHANGE) == 0)
				swaps++;
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec < end.tv_sec);
	/* leave A as it was: an even number of exchanges */
	if (swaps % 2)
		syscall(SYS_renameat2, AT_FDCWD, argv[1], AT_FDCWD, argv[2], RENAME_EXCHANGE);
	printf("%lu\n", swaps);
	return 0;
}
