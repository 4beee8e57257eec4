/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Tests that change the process (namespaces, mounts, scheduling) run in a
 * forked child: CHILD_CHECK reports a failed condition and makes the child
 * exit 1, in_child() returns the child's status. */
#ifndef HRUN_TEST_CHILD_HELPERS_H
#define HRUN_TEST_CHILD_HELPERS_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILD_CHECK(cond)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "child: %s:%d: %s (errno %s)\n", __FILE__, __LINE__,       \
				#cond, strerror(errno));                                           \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

/* fn's return value as the child's exit status; 128+n when killed. */
static inline int in_child(int (*fn)(void *arg), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0)
		_exit(fn(arg));
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* A child's exit status that skips the test (cmocka's skip()). */
#define CHILD_SKIP 77

/* In a cmocka test: fn(arg) in a child must return 0; CHILD_SKIP skips. */
#define assert_child_passes(fn, arg)                                                               \
	do {                                                                                       \
		int status_ = in_child(fn, arg);                                                   \
		if (status_ == CHILD_SKIP)                                                         \
			skip();                                                                    \
		assert_int_equal(status_, 0);                                                      \
	} while (0)

#endif
