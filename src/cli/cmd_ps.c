/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ps: the container's processes, as a JSON list of pids or as ps(1) shows
 * them on the host (its lines filtered to the container's pids). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "oci/state.h"
#include "runtime/runtime.h"
#include "runtime/state.h"
#include "util/cleanup.h"

static const char usage[] =
	"Usage: hrun ps [--format table|json] ID [PS ARGS...]\n"
	"\n"
	"Show the container's processes: by default ps(1) -ef on the host, only\n"
	"the lines of the container's processes; as JSON, the list of their pids.\n"
	"A stopped container has none: the header alone, or [].\n"
	"\n"
	"Options:\n"
	"  -f, --format FORMAT   table (default) or json\n"
	"  -h, --help            show this help\n";

static bool listed(const pid_t *pids, size_t n, long pid)
{
	for (size_t i = 0; i < n; i++)
		if (pids[i] == pid)
			return true;
	return false;
}

/* The header names the PID column: which field of each line holds it. */
static int pid_column(const char *header)
{
	_cleanup_free_ char *copy = strdup(header);
	int col = 0;

	for (char *save, *f = copy ? strtok_r(copy, " \t\n", &save) : NULL; f;
	     f = strtok_r(NULL, " \t\n", &save), col++)
		if (strcmp(f, "PID") == 0)
			return col;
	return -1;
}

static long field_number(const char *line, int col)
{
	_cleanup_free_ char *copy = strdup(line);
	char *save, *f = copy ? strtok_r(copy, " \t\n", &save) : NULL;

	while (f && col-- > 0)
		f = strtok_r(NULL, " \t\n", &save);
	return f ? strtol(f, NULL, 10) : -1;
}

static int filter_ps(FILE *in, const pid_t *pids, size_t n, struct hrun_error *err)
{
	_cleanup_free_ char *line = NULL;
	size_t cap = 0;
	int col;

	if (getline(&line, &cap, in) < 0)
		return hrun_error_set(err, 0, "ps: ps(1) printed nothing");
	col = pid_column(line);
	if (col < 0)
		return hrun_error_set(err, 0, "ps: no PID column in ps(1)'s output");
	fputs(line, stdout);
	while (getline(&line, &cap, in) >= 0)
		if (listed(pids, n, field_number(line, col)))
			fputs(line, stdout);
	return 0;
}

static int run_ps(char **args, const pid_t *pids, size_t n, struct hrun_error *err)
{
	int fds[2], status = 0, r;
	FILE *in;
	pid_t child;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return hrun_error_errno(err, "ps: run ps(1)");
	if ((child = fork()) < 0) {
		close(fds[0]);
		close(fds[1]);
		return hrun_error_errno(err, "ps: run ps(1)");
	}
	if (child == 0) {
		/* dup2 clears close-on-exec on the copy */
		dup2(fds[1], STDOUT_FILENO);
		execvp("ps", args);
		_exit(127);
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	r = in ? filter_ps(in, pids, n, err) : hrun_error_errno(err, "ps: read ps(1)");
	if (in)
		fclose(in);
	else
		close(fds[0]);
	waitpid(child, &status, 0);
	if (r == 0 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0))
		return hrun_error_set(err, 0, "ps: ps(1) failed");
	return r;
}

static int print_json(const pid_t *pids, size_t n)
{
	putchar('[');
	for (size_t i = 0; i < n; i++)
		printf("%s%d", i ? "," : "", (int)pids[i]);
	puts("]");
	return 0;
}

static int show(const char *root, const char *id, bool json, char **ps_args,
		struct hrun_error *err)
{
	_cleanup_close_ int dirfd = state_dir_open(root, id, err);
	_cleanup_free_ pid_t *pids = NULL;
	struct oci_state *st = dirfd < 0 ? NULL : state_read(dirfd, id, err);
	size_t n = 0;
	int r;

	if (!st)
		return -1;
	/* as runc: a stopped container has no process, which is no error */
	r = strcmp(st->status, "stopped") == 0 ? 0 : container_pids(st, &pids, &n, err);
	oci_state_free(st);
	if (r < 0)
		return -1;
	return json ? print_json(pids, n) : run_ps(ps_args, pids, n, err);
}

static int run(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	static char *default_args[] = { "ps", "-ef", NULL };
	_cleanup_free_ char **args = NULL;
	bool json = false;
	int o, n;

	while ((o = cli_getopt(&cmd_ps, argc, argv, "+f:h", opts, err)) != -1) {
		if (o == 'h' || o == '?')
			return o == 'h' ? 0 : -1;
		if (strcmp(optarg, "json") == 0)
			json = true;
		else if (strcmp(optarg, "table") != 0)
			return hrun_error_set(err, 0, "ps: unknown format `%s` (table or json)",
					      optarg);
	}
	if (optind >= argc)
		return hrun_error_set(err, 0, "ps: missing container id (see `hrun ps --help`)");
	n = argc - optind - 1;
	if (n == 0)
		return show(g->root, argv[optind], json, default_args, err);
	args = calloc((size_t)n + 2, sizeof *args);
	if (!args)
		return hrun_error_errno(err, "ps: allocate");
	args[0] = "ps";
	memcpy(args + 1, argv + optind + 1, (size_t)n * sizeof *args);
	return show(g->root, argv[optind], json, args, err);
}

const struct cli_command cmd_ps = { "ps", "show the processes of a container", usage, run };
