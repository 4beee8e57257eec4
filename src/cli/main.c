/* SPDX-License-Identifier: GPL-2.0-or-later */
/* hrun: parse the global options, then hand over to one verb. */
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yajl/yajl_version.h>

#include "cli/cli.h"
#include "oci/spec.h"
#include "util/proc_title.h"
#include "util/warn.h"

static const struct cli_command *const commands[] = {
	&cmd_create, &cmd_delete, &cmd_events, &cmd_exec, &cmd_features, &cmd_kill,
	&cmd_list, &cmd_pause, &cmd_plan, &cmd_ps, &cmd_resume, &cmd_run, &cmd_spec,
	&cmd_start, &cmd_state, &cmd_update,
};

static const char usage_head[] =
	"Usage: hrun [GLOBAL OPTIONS] COMMAND [OPTIONS] [ARGS]\n"
	"\n"
	"hrun runs OCI containers: each one under a resident init that stays pid 1,\n"
	"reaps every orphan and exits with the workload's status.\n"
	"\n"
	"Commands:\n";

static const char usage_tail[] =
	"\n"
	"Global options:\n"
	"      --root DIR                state directory (default: /run/hrun;\n"
	"                                rootless: $XDG_RUNTIME_DIR/hrun)\n"
	"      --log FILE                write errors and warnings to FILE\n"
	"      --log-format text|json    format of --log (default: text)\n"
	"      --debug                   what the command does, to --log or stderr\n"
	"      --systemd-cgroup          same as --cgroup-manager systemd\n"
	"      --cgroup-manager MANAGER  cgroupfs, systemd or disabled\n"
	"  -v, --version                 print versions and features\n"
	"  -h, --help                    show this help\n"
	"\n"
	"`hrun COMMAND --help` describes each command.\n";

static void print_usage(FILE *out)
{
	fputs(usage_head, out);
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		fprintf(out, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
	fputs(usage_tail, out);
}

static void print_version(void)
{
	const struct scmp_version *seccomp = seccomp_version();
	int yajl = yajl_version();

	printf("hrun version %s\n", PACKAGE_VERSION);
	printf("spec: %s\n", OCI_SPEC_VERSION);
	printf("libseccomp: %u.%u.%u\n", seccomp->major, seccomp->minor, seccomp->micro);
	printf("libcap: %s\n", HRUN_LIBCAP_VERSION);
	printf("yajl: %d.%d.%d\n", yajl / 10000, yajl / 100 % 100, yajl % 100);
	printf("libmnl: %s\n", HRUN_LIBMNL_VERSION);
	printf("+SECCOMP +CAP +YAJL +MNL\n");
}

static const struct cli_command *find_command(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

enum { OPT_ROOT = 256, OPT_LOG, OPT_LOG_FORMAT, OPT_DEBUG, OPT_SYSTEMD, OPT_MANAGER };

/* Returns the index of the verb in argv, 0 when the process should exit
 * with *status (after --help / --version / a usage error). */
static int parse_globals(int argc, char **argv, struct cli_globals *g, int *status)
{
	static const struct option opts[] = {
		{ "root", required_argument, NULL, OPT_ROOT },
		{ "log", required_argument, NULL, OPT_LOG },
		{ "log-format", required_argument, NULL, OPT_LOG_FORMAT },
		{ "debug", no_argument, NULL, OPT_DEBUG },
		{ "systemd-cgroup", no_argument, NULL, OPT_SYSTEMD },
		{ "cgroup-manager", required_argument, NULL, OPT_MANAGER },
		{ "version", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	int o;

	opterr = 0;
	while ((o = getopt_long(argc, argv, "+vh", opts, NULL)) != -1) {
		switch (o) {
		case OPT_ROOT: g->root = optarg; break;
		case OPT_LOG: g->log = optarg; break;
		case OPT_LOG_FORMAT:
			if (strcmp(optarg, "text") && strcmp(optarg, "json")) {
				fprintf(stderr, "hrun: --log-format: `%s` is not text or json\n",
					optarg);
				*status = 1;
				return 0;
			}
			g->log_format = optarg;
			break;
		case OPT_DEBUG: g->debug = true; break;
		case OPT_SYSTEMD: g->cgroup_manager = "systemd"; break;
		case OPT_MANAGER: g->cgroup_manager = optarg; break;
		case 'v': print_version(); *status = 0; return 0;
		case 'h': print_usage(stdout); *status = 0; return 0;
		default:
			fprintf(stderr, "hrun: unknown or incomplete global option `%s`\n",
				argv[optind - 1]);
			*status = 1;
			return 0;
		}
	}
	if (optind >= argc) {
		print_usage(stderr);
		*status = 1;
		return 0;
	}
	return optind;
}

static void print_warning(const char *msg)
{
	fprintf(stderr, "hrun: warning: %s\n", msg);
}

/* --debug: to the --log file, as runc, else to stderr */
static const struct cli_globals *debug_globals;

static void print_debug(const char *msg)
{
	if (debug_globals->log)
		cli_log(debug_globals, "debug", msg);
	else
		fprintf(stderr, "hrun: debug: %s\n", msg);
}

/* The verbs whose clones run in a container (the init, createContainer
 * and startContainer hooks until their exec): they run from a sealed
 * binary (sealed_exe.c).  `exec` is sealed too, once it knows the
 * container's init (cmd_exec.c); the others never clone into one. */
static bool starts_processes(const struct cli_command *cmd)
{
	return cmd == &cmd_create || cmd == &cmd_run;
}

int main(int argc, char **argv)
{
	struct cli_globals g = { .root = cli_default_root(), .log_format = "text",
				 .cgroup_manager = "cgroupfs", .argv = argv, .log_fd = -1,
				 .sealed_exe = -1 };
	struct hrun_error err = { 0 };
	const struct cli_command *cmd;
	int status = 0, verb;

	proc_title_record(argc, argv);
	verb = parse_globals(argc, argv, &g, &status);
	if (verb == 0)
		return status;
	if (cli_log_open(&g, &err) < 0) {
		fprintf(stderr, "hrun: %s\n", err.msg);
		return 1;
	}
	/* a runtime handler (containerd's BinaryName) can name only a binary */
	g.no_init = strcmp(basename(argv[0]), "hrun-noinit") == 0;
	cmd = find_command(argv[verb]);
	if (!cmd) {
		fprintf(stderr, "hrun: unknown command `%s` (see `hrun --help`)\n", argv[verb]);
		return 1;
	}
	if (starts_processes(cmd) && sealed_exe_ensure(argv, &g.sealed_exe, &err) < 0) {
		fprintf(stderr, "hrun: %s\n", err.msg);
		cli_log(&g, "error", err.msg);
		return 1;
	}
	/* 0, not 1: only then does glibc take each verb's own ordering (a
	 * leading '+', or options after the id as runc's reordering allows) */
	optind = 0;
	hrun_warn_set_sink(print_warning);
	if (g.debug) {
		debug_globals = &g;
		hrun_debug_set_sink(print_debug);
	}
	status = cmd->run(argc - verb, argv + verb, &g, &err);
	/* held by the init, or attached by it: no dissolving to wait for */
	if (g.sealed_exe >= 0)
		close(g.sealed_exe);
	if (status < 0) {
		fprintf(stderr, "hrun: %s\n", err.msg);
		cli_log(&g, "error", err.msg);
		return status == CLI_FAILED_255 ? 255 : 1;
	}
	return status;
}
