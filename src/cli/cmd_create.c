/* SPDX-License-Identifier: GPL-2.0-or-later */
/* create and run: the two verbs that make a container share their options. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "plan/plan.h"
#include "runtime/runtime.h"
#include "util/cleanup.h"

#define CREATE_OPTIONS_HELP                                                              \
	"  -b, --bundle DIR         bundle directory holding config.json (default: .)\n"  \
	"      --pid-file FILE      write the init's pid to FILE\n"                        \
	"      --console-socket S   send the terminal's master fd to unix socket S\n"      \
	"      --preserve-fds N     pass fds 3 .. 3+N-1 on to the workload\n"             \
	"      --no-pivot           accepted for compatibility (hrun always pivots)\n"    \
	"      --no-new-keyring     do not create a session keyring\n"

static const char create_usage[] =
	"Usage: hrun create [OPTIONS] ID\n"
	"\n"
	"Create a container: its init sets everything up and waits for `start`.\n"
	"\n"
	"Options:\n" CREATE_OPTIONS_HELP "  -h, --help               show this help\n";

static const char run_usage[] =
	"Usage: hrun run [OPTIONS] ID\n"
	"\n"
	"Create and start a container.  In the foreground the workload inherits\n"
	"hrun's stdio, signals sent to hrun are forwarded to it, hrun exits with\n"
	"its status (128+N when killed by signal N) and deletes the container.\n"
	"\n"
	"Options:\n" CREATE_OPTIONS_HELP
	"  -d, --detach             return once the workload is started\n"
	"      --keep               keep the stopped container (foreground only)\n"
	"      --no-subreaper       accepted for compatibility (hrun is no subreaper:\n"
	"                           the init reaps the container's orphans)\n"
	"  -h, --help               show this help\n";

enum {
	OPT_PID_FILE = 256,
	OPT_CONSOLE,
	OPT_PRESERVE,
	OPT_NO_PIVOT,
	OPT_NO_KEYRING,
	OPT_KEEP,
	OPT_NO_SUBREAPER,
};

struct make_args {
	const char *bundle;
	struct create_opts opts;
	bool detach, keep;
};

/* Returns 0, 1 after --help, -1 on error. */
static int parse(const struct cli_command *cmd, int argc, char **argv, struct make_args *a,
		 struct hrun_error *err)
{
	static const struct option opts[] = {
		{ "bundle", required_argument, NULL, 'b' },
		{ "pid-file", required_argument, NULL, OPT_PID_FILE },
		{ "console-socket", required_argument, NULL, OPT_CONSOLE },
		{ "preserve-fds", required_argument, NULL, OPT_PRESERVE },
		{ "no-pivot", no_argument, NULL, OPT_NO_PIVOT },
		{ "no-new-keyring", no_argument, NULL, OPT_NO_KEYRING },
		{ "detach", no_argument, NULL, 'd' },
		{ "keep", no_argument, NULL, OPT_KEEP },
		{ "no-subreaper", no_argument, NULL, OPT_NO_SUBREAPER },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	bool is_run = cmd == &cmd_run;
	int o;

	a->bundle = ".";
	while ((o = cli_getopt(cmd, argc, argv, is_run ? "b:dh" : "b:h", opts, err)) != -1) {
		switch (o) {
		case 'h': return 1;
		case '?': return -1;
		case 'b': a->bundle = optarg; break;
		case OPT_PID_FILE: a->opts.pid_file = optarg; break;
		case OPT_CONSOLE: a->opts.console_socket = optarg; break;
		case OPT_NO_PIVOT: a->opts.no_pivot = true; break;
		case OPT_NO_KEYRING: a->opts.no_new_keyring = true; break;
		case OPT_PRESERVE:
			if (cli_preserve_fds(cmd, optarg, &a->opts.preserve_fds, err) < 0)
				return -1;
			break;
		default:
			if (!is_run)
				return hrun_error_set(err, 0, "create: unknown option `%s`",
						      argv[optind - 1]);
			if (o == 'd')
				a->detach = true;
			else if (o == OPT_KEEP)
				a->keep = true;
		}
	}
	a->opts.listen_fds = cli_listen_fds();
	if (cli_check_passed_fds(cmd, a->opts.listen_fds, a->opts.preserve_fds, err) < 0)
		return -1;
	return cli_positional(cmd, argc, argv, 1, "container id", err);
}

static struct container *load_and_create(const struct cli_globals *g, const char *id,
					 struct make_args *a, struct hrun_error *err)
{
	struct container *c = container_load(g->root, id, a->bundle, err);

	a->opts.cgroup_manager = g->cgroup_manager;
	a->opts.sealed_exe = g->sealed_exe;
	if (c && g->no_init)
		plan_init_default(c->plan, PLAN_INIT_NONE);
	/* the init writes its own messages there */
	a->opts.log_fd = g->log_fd;
	a->opts.log_json = strcmp(g->log_format, "json") == 0;
	if (c && container_create(c, &a->opts, err) < 0) {
		container_free(c);
		return NULL;
	}
	return c;
}

static int run_create(int argc, char **argv, const struct cli_globals *g,
		      struct hrun_error *err)
{
	struct make_args a = { 0 };
	struct container *c;
	int r = parse(&cmd_create, argc, argv, &a, err);

	if (r != 0)
		return r > 0 ? 0 : -1;
	c = load_and_create(g, argv[optind], &a, err);
	container_free(c);
	return c ? 0 : -1;
}

static int run_run(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	struct make_args a = { 0 };
	struct container *c;
	int status, r = parse(&cmd_run, argc, argv, &a, err);

	if (r != 0)
		return r > 0 ? 0 : -1;
	a.opts.foreground = !a.detach;
	a.opts.start_now = true;
	/* in the foreground, signals are held from the workload's start on
	 * (container_create) */
	c = load_and_create(g, argv[optind], &a, err);
	if (!c)
		return -1;
	status = container_started(c, err);
	if (status < 0)
		container_abort(c);
	else if (!a.detach) {
		status = container_wait(c, err);
		if (!a.keep)
			container_delete(c);
	}
	container_free(c);
	return status;
}

const struct cli_command cmd_create = { "create", "create a container, ready to start",
					create_usage, run_create };
const struct cli_command cmd_run = { "run", "create and start a container", run_usage,
				     run_run };
