/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A child that borrows our memory until its execve (see spawn.h). */
#include "util/spawn.h"

#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

/* what the children do before their exec: signals, fds, seccomp, setns */
#define STACK_SIZE (1024 * 1024)

int clone_exit_signal(int flags)
{
	return flags & CLONE_PARENT ? 0 : SIGCHLD;
}

/* A copy of us: fork, or clone3 where flags ask for more than a fork. */
static pid_t fork_with(int flags)
{
	struct clone_args args = {.flags = (uint64_t)flags,
				  .exit_signal = (uint64_t)clone_exit_signal(flags)};

	return flags ? (pid_t)syscall(SYS_clone3, &args, sizeof args) : fork();
}

pid_t spawn_child(int (*fn)(void *), void *arg, bool share_memory, int flags)
{
	char *stack;
	pid_t pid;

#ifdef __SANITIZE_ADDRESS__
	/* ASan knows no stack it was not told of: it would warn on the
	 * child's stderr, which is the workload's */
	share_memory = false;
#endif
	if (!share_memory) {
		pid = fork_with(flags);
		if (pid == 0)
			_exit(fn(arg));
		return pid;
	}
	stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED)
		return -1;
	pid = clone(fn, stack + STACK_SIZE,
		    CLONE_VM | CLONE_VFORK | flags | clone_exit_signal(flags), arg);
	munmap(stack, STACK_SIZE);
	return pid;
}
