/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Runs on the host, as conmon stands above a runtime:
 *
 *   subreaper COMMAND [ARG...]
 *
 * A child subreaper that runs COMMAND, then reaps every process that
 * comes to it (a detached container's init, once the runtime has exited)
 * the moment it ends, until none is left.  Exits with COMMAND's status. */
#include <errno.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int status, command_status = 127;
	pid_t command, pid;

	if (argc < 2 || prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0) {
		fprintf(stderr, "usage: subreaper COMMAND [ARG...]\n");
		return 2;
	}
	command = fork();
	if (command == 0) {
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	while ((pid = wait(&status)) > 0 || (pid < 0 && errno == EINTR))
		if (pid == command)
			command_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
	return command_status;
}
