/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A child that borrows our memory until its execve (see spawn.h). */
#include "util/spawn.h"

#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

/* what the children do before their exec: signals, fds, seccomp, setns */
#define STACK_SIZE (1024 * 1024)

pid_t spawn_child(int (*fn)(void *), void *arg, bool share_memory)
{
	char *stack;
	pid_t pid;

#ifdef __SANITIZE_ADDRESS__
	/* ASan knows no stack it was not told of: it would warn on the
	 * child's stderr, which is the workload's */
	share_memory = false;
#endif
	if (!share_memory) {
		pid = fork();
		if (pid == 0)
			_exit(fn(arg));
		return pid;
	}
	stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED)
		return -1;
	pid = clone(fn, stack + STACK_SIZE, CLONE_VM | CLONE_VFORK | SIGCHLD, arg);
	munmap(stack, STACK_SIZE);
	return pid;
}
