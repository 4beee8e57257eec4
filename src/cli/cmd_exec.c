/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>

#include "cli/cli.h"
#include "runtime/exec.h"

static const char usage[] =
	"Usage: hrun exec [OPTIONS] ID [COMMAND [ARG...]]\n"
	"\n"
	"Run a new process in a running container: it joins every namespace of\n"
	"the container and takes on its identity, capabilities, rlimits and\n"
	"seccomp filter, changed by the options.\n"
	"\n"
	"Options:\n"
	"  -p, --process FILE        the whole process as JSON (instead of COMMAND)\n"
	"  -d, --detach              return once the process is started\n"
	"      --pid-file FILE       write its pid to FILE\n"
	"  -t, --tty                 give it a terminal\n"
	"      --console-socket S    send the terminal's master fd to unix socket S\n"
	"      --preserve-fds N      pass fds 3 .. 3+N-1 on to it\n"
	"      --cwd DIR             working directory\n"
	"  -e, --env KEY=VALUE       set an environment variable (repeatable)\n"
	"  -u, --user UID[:GID]      run as this user and group\n"
	"  -g, --additional-gids G   supplementary groups, comma separated, added to\n"
	"                            the config's (repeatable)\n"
	"  -c, --cap CAP             add a capability (repeatable)\n"
	"      --no-new-privs        set no_new_privs\n"
	"      --apparmor PROFILE    AppArmor profile\n"
	"      --process-label L     SELinux label\n"
	"      --cgroup [CTRL[,CTRL]:]PATH  sub-cgroup of the container's to join\n"
	"                            (CTRL: a v1 controller; may be repeated; `/`:\n"
	"                            the container's own cgroup)\n"
	"      --ignore-paused       exec in a paused container too (the process\n"
	"                            starts frozen, until `hrun resume`)\n"
	"  -h, --help                show this help\n";

enum { OPT_PID_FILE = 256, OPT_CONSOLE, OPT_PRESERVE, OPT_CWD, OPT_NNP, OPT_APPARMOR,
       OPT_LABEL, OPT_CGROUP, OPT_IGNORE_PAUSED };

static int push(const char ***v, size_t *n, const char *s, struct hrun_error *err)
{
	const char **grown = realloc(*v, (*n + 1) * sizeof *grown);

	if (!grown)
		return hrun_error_errno(err, "exec: allocate");
	grown[(*n)++] = s;
	*v = grown;
	return 0;
}

static int set_option(struct exec_opts *o, int opt, struct hrun_error *err)
{
	switch (opt) {
	case 'p': o->process_file = optarg; return 0;
	case 'd': o->detach = true; return 0;
	case 't': o->tty = true; return 0;
	case 'e': return push(&o->env, &o->n_env, optarg, err);
	case 'u': o->user = optarg; return 0;
	case 'g': return push(&o->additional_gids, &o->n_additional_gids, optarg, err);
	case 'c': return push(&o->caps, &o->n_caps, optarg, err);
	case OPT_PID_FILE: o->pid_file = optarg; return 0;
	case OPT_CONSOLE: o->console_socket = optarg; return 0;
	case OPT_PRESERVE: return cli_preserve_fds(&cmd_exec, optarg, &o->preserve_fds, err);
	case OPT_CWD: o->cwd = optarg; return 0;
	case OPT_NNP: o->no_new_privs = true; return 0;
	case OPT_APPARMOR: o->apparmor = optarg; return 0;
	case OPT_LABEL: o->process_label = optarg; return 0;
	case OPT_CGROUP: return push(&o->cgroups, &o->n_cgroups, optarg, err);
	case OPT_IGNORE_PAUSED: o->ignore_paused = true; return 0;
	}
	return -1;
}

static int seal(int init_exe, void *argv, struct hrun_error *err)
{
	return sealed_exe_ensure_from(init_exe, argv, err);
}

static int run(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	static const struct option opts[] = {
		{ "process", required_argument, NULL, 'p' },
		{ "detach", no_argument, NULL, 'd' },
		{ "pid-file", required_argument, NULL, OPT_PID_FILE },
		{ "tty", no_argument, NULL, 't' },
		{ "console-socket", required_argument, NULL, OPT_CONSOLE },
		{ "preserve-fds", required_argument, NULL, OPT_PRESERVE },
		{ "cwd", required_argument, NULL, OPT_CWD },
		{ "env", required_argument, NULL, 'e' },
		{ "user", required_argument, NULL, 'u' },
		{ "additional-gids", required_argument, NULL, 'g' },
		{ "cap", required_argument, NULL, 'c' },
		{ "no-new-privs", no_argument, NULL, OPT_NNP },
		{ "apparmor", required_argument, NULL, OPT_APPARMOR },
		{ "process-label", required_argument, NULL, OPT_LABEL },
		{ "cgroup", required_argument, NULL, OPT_CGROUP },
		{ "ignore-paused", no_argument, NULL, OPT_IGNORE_PAUSED },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct exec_opts o = { 0 };
	int opt, r = -1;

	while ((opt = cli_getopt(&cmd_exec, argc, argv, "+p:dte:u:g:c:h", opts, err)) != -1) {
		if (opt == 'h' || opt == '?') {
			r = opt == 'h' ? 0 : -1;
			goto out;
		}
		if (set_option(&o, opt, err) < 0)
			goto out;
	}
	if (optind >= argc) {
		hrun_error_set(err, 0, "exec: missing container id (see `hrun exec --help`)");
		goto out;
	}
	if (cli_check_passed_fds(&cmd_exec, 0, o.preserve_fds, err) < 0)
		goto out;
	o.seal = seal;
	o.seal_arg = g->argv;
	o.args = argv + optind + 1;
	o.n_args = (size_t)(argc - optind - 1);
	/* past the usage, a failure of hrun's own is 255 as runc's, apart
	 * from any status of the process */
	r = runtime_exec(g->root, argv[optind], &o, err);
	if (r < 0)
		r = CLI_FAILED_255;
out:
	free(o.additional_gids);
	free(o.env);
	free(o.caps);
	free(o.cgroups);
	return r;
}

const struct cli_command cmd_exec = { "exec", "run a new process in a running container", usage,
				      run };
