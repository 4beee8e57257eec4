/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cli/cli.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int cli_getopt(const struct cli_command *cmd, int argc, char **argv, const char *shortopts,
	       const struct option *longopts, struct hrun_error *err)
{
	int c;

	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == 'h') {
		fputs(cmd->usage, stdout);
		return 'h';
	}
	if (c == '?') {
		if (optopt)
			hrun_error_set(err, 0, "%s: unknown or incomplete option `-%c`", cmd->name,
				       optopt);
		else
			hrun_error_set(err, 0, "%s: unknown or incomplete option `%s`", cmd->name,
				       argv[optind - 1]);
	}
	if (c == ':')
		hrun_error_set(err, 0, "%s: option `%s` needs a value", cmd->name, argv[optind - 1]);
	return c == ':' ? '?' : c;
}

int cli_positional(const struct cli_command *cmd, int argc, char **argv, int want,
		   const char *what, struct hrun_error *err)
{
	int have = argc - optind;

	if (have < want)
		return hrun_error_set(err, 0, "%s: missing %s (see `hrun %s --help`)", cmd->name,
				      what, cmd->name);
	if (have > want)
		return hrun_error_set(err, 0, "%s: unexpected argument `%s`", cmd->name,
				      argv[optind + want]);
	return 0;
}

/* The fds passed to the container must be the caller's.  One inherited
 * through the execve of hrun is open without close-on-exec (execve
 * closed the others), and every fd hrun opens is close-on-exec: so an fd
 * of that range that is closed now, or close-on-exec, is not the
 * caller's, and would be filled or already be one of hrun's own (the
 * state directory, a cgroup, the log): host directories, handed to the
 * workload (CVE-2024-21626's escape through /proc/self/fd/N/..). */
int cli_check_passed_fds(const struct cli_command *cmd, int listen_fds, int preserve_fds,
			 struct hrun_error *err)
{
	for (int fd = 3; fd < 3 + listen_fds + preserve_fds; fd++) {
		int flags = fcntl(fd, F_GETFD);

		if (flags < 0 || (flags & FD_CLOEXEC))
			return hrun_error_set(err, 0,
					      "%s: --preserve-fds %d%s: fd %d is not open in the caller",
					      cmd->name, preserve_fds,
					      listen_fds ? " after LISTEN_FDS's" : "", fd);
	}
	return 0;
}

int cli_preserve_fds(const struct cli_command *cmd, const char *text, int *out,
		     struct hrun_error *err)
{
	char *end;
	long n = strtol(text, &end, 10);

	if (*text == '\0' || *end != '\0' || n < 0 || n > 65536)
		return hrun_error_set(err, 0, "%s: --preserve-fds: `%s` is not a count of fds",
				      cmd->name, text);
	*out = (int)n;
	return 0;
}

int cli_listen_fds(void)
{
	const char *fds = getenv("LISTEN_FDS"), *pid = getenv("LISTEN_PID");
	char *end;
	long n;

	if (!fds || !pid || strtol(pid, &end, 10) != (long)getpid() || *end)
		return 0;
	n = strtol(fds, &end, 10);
	return *fds && !*end && n > 0 && n <= 65536 ? (int)n : 0;
}
