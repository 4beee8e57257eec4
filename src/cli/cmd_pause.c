/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pause and resume: freeze a running container's cgroup, thaw a paused one. */
#include "cli/cli.h"
#include "runtime/runtime.h"

static const char pause_usage[] =
	"Usage: hrun pause ID\n"
	"\n"
	"Freeze every process of a running or created container (its cgroup's freezer);\n"
	"`hrun state` says paused until `hrun resume`.\n";

static const char resume_usage[] =
	"Usage: hrun resume ID\n"
	"\n"
	"Thaw the processes of a paused container.\n";

static int run_freezer(const struct cli_command *cmd, int argc, char **argv,
		       const struct cli_globals *g,
		       int (*verb)(const char *root, const char *id, struct hrun_error *err),
		       struct hrun_error *err)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int o = cli_getopt(cmd, argc, argv, "h", opts, err);

	if (o == 'h')
		return 0;
	if (o != -1)
		return o == '?' ? -1 : hrun_error_set(err, 0, "%s: unknown option", cmd->name);
	if (cli_positional(cmd, argc, argv, 1, "container id", err) < 0)
		return -1;
	return verb(g->root, argv[optind], err);
}

static int run_pause(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	return run_freezer(&cmd_pause, argc, argv, g, runtime_pause, err);
}

static int run_resume(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	return run_freezer(&cmd_resume, argc, argv, g, runtime_resume, err);
}

const struct cli_command cmd_pause = { "pause", "freeze every process of a container",
				       pause_usage, run_pause };
const struct cli_command cmd_resume = { "resume", "thaw a paused container", resume_usage,
					run_resume };
