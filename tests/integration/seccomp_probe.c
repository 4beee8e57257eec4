/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Runs in the container (static, copied into the busybox rootfs):
 *
 *   seccomp_probe NR [ARG0 [ARG1]]
 *
 * makes syscall NR with those arguments and prints "ok" or "errno N", so
 * a test can tell a profile's errno from the kernel's own answer. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long args[2] = {0, 0};
	long r;

	if (argc < 2) {
		fprintf(stderr, "usage: seccomp_probe NR [ARG0 [ARG1]]\n");
		return 2;
	}
	for (int i = 0; i < 2 && i + 2 < argc; i++)
		args[i] = strtol(argv[i + 2], NULL, 0);
	r = syscall(strtol(argv[1], NULL, 0), args[0], args[1], 0, 0, 0, 0);
	if (r < 0)
		printf("errno %d\n", errno);
	else
		printf("ok\n");
	return 0;
}
