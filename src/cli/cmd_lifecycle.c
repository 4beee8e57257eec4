/* SPDX-License-Identifier: GPL-2.0-or-later */
/* start, state, kill, delete: each takes a container id and little else. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "runtime/runtime.h"
#include "util/signals.h"

static const char start_usage[] =
	"Usage: hrun start ID\n"
	"\n"
	"Start the workload of a created container.\n";

static const char state_usage[] =
	"Usage: hrun state ID\n"
	"\n"
	"Print the container's state as runtime-spec JSON: ociVersion, id, status\n"
	"(created, running, paused or stopped), pid, bundle, rootfs, created,\n"
	"owner, annotations.\n";

static const char kill_usage[] =
	"Usage: hrun kill [--all] ID [SIGNAL]\n"
	"\n"
	"Send SIGNAL (default TERM; a number, TERM or SIGTERM) to the container's\n"
	"init, which forwards it to the workload.  SIGNAL 0 sends nothing: the exit\n"
	"status says whether the container is created, running or paused.  A\n"
	"stopped container fails with `container not running`, an unknown id with\n"
	"`does not exist`, as runc's.\n"
	"\n"
	"Options:\n"
	"  -a, --all    signal every process of the container (its cgroup's); a\n"
	"               stopped container is not an error: what is left is signalled\n"
	"  -h, --help   show this help\n";

static const char delete_usage[] =
	"Usage: hrun delete [--force] ID\n"
	"\n"
	"Remove a stopped container and everything hrun made for it.\n"
	"\n"
	"Options:\n"
	"  -f, --force  kill a created or running container first; a missing id is\n"
	"               not an error\n"
	"  -h, --help   show this help\n";

/* Options shared by the four verbs; each accepts its own subset. */
static int parse(const struct cli_command *cmd, int argc, char **argv, const char *shortopts,
		 bool *flag, int min_args, int max_args, struct hrun_error *err)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int o, have;

	while ((o = cli_getopt(cmd, argc, argv, shortopts, opts, err)) != -1) {
		if (o == 'h')
			return 1;
		if (o == '?' || !strchr(shortopts, o))
			return o == '?' ? -1 : hrun_error_set(err, 0, "%s: unknown option `%s`",
							       cmd->name, argv[optind - 1]);
		*flag = true;
	}
	/* any count from min_args to max_args will do */
	have = argc - optind;
	return cli_positional(cmd, argc, argv,
			      have < min_args ? min_args : have > max_args ? max_args : have,
			      "container id", err);
}

static int run_start(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	bool unused = false;
	int r = parse(&cmd_start, argc, argv, "h", &unused, 1, 1, err);

	return r != 0 ? (r > 0 ? 0 : -1) : runtime_start(g->root, argv[optind], err);
}

static int run_state(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	bool unused = false;
	int r = parse(&cmd_state, argc, argv, "h", &unused, 1, 1, err);

	return r != 0 ? (r > 0 ? 0 : -1) : runtime_state(g->root, argv[optind], err);
}

static int run_kill(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	bool all = false;
	int r = parse(&cmd_kill, argc, argv, "ah", &all, 1, 2, err);
	int sig = 15;

	if (r != 0)
		return r > 0 ? 0 : -1;
	/* 0 signals nothing: the liveness probe, as runc's `kill ID 0` */
	if (argc - optind == 2 && strcmp(argv[optind + 1], "0") == 0)
		sig = 0;
	else if (argc - optind == 2 && (sig = signal_parse(argv[optind + 1], err)) < 0)
		return hrun_error_prefix(err, "kill");
	return runtime_kill(g->root, argv[optind], sig, all, err);
}

static int run_delete(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	bool force = false;
	int r = parse(&cmd_delete, argc, argv, "fh", &force, 1, 1, err);

	return r != 0 ? (r > 0 ? 0 : -1) : runtime_delete(g->root, argv[optind], force, err);
}

const struct cli_command cmd_start = { "start", "start a created container", start_usage,
				       run_start };
const struct cli_command cmd_state = { "state", "print a container's state as JSON",
				       state_usage, run_state };
const struct cli_command cmd_kill = { "kill", "send a signal to a container", kill_usage,
				      run_kill };
const struct cli_command cmd_delete = { "delete", "remove a container", delete_usage,
					run_delete };
