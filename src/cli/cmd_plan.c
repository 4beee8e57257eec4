/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "plan/plan.h"
#include "runtime/runtime.h"

static const char usage[] =
	"Usage: hrun plan [--bundle DIR] [--format text|json]\n"
	"\n"
	"Print what the bundle's config.json translates into, without creating\n"
	"anything: the workload's process settings, the namespaces, and the op\n"
	"list in execution order with the phases each op runs in.\n"
	"\n"
	"Options:\n"
	"  -b, --bundle DIR       bundle directory holding config.json (default: .)\n"
	"  -f, --format FORMAT    text (default) or json\n"
	"  -h, --help             show this help\n";

static int run(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	static const struct option opts[] = {
		{ "bundle", required_argument, NULL, 'b' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *bundle = ".";
	enum plan_format format = PLAN_TEXT;
	struct container *c;
	int o, r;

	while ((o = cli_getopt(&cmd_plan, argc, argv, "b:f:h", opts, err)) != -1) {
		if (o == 'h')
			return 0;
		if (o == '?')
			return -1;
		if (o == 'b')
			bundle = optarg;
		else if (strcmp(optarg, "text") == 0)
			format = PLAN_TEXT;
		else if (strcmp(optarg, "json") == 0)
			format = PLAN_JSON;
		else
			return hrun_error_set(err, 0, "plan: unknown format `%s` (text or json)",
					      optarg);
	}
	if (cli_positional(&cmd_plan, argc, argv, 0, "", err) < 0)
		return -1;
	c = container_load(NULL, NULL, bundle, err);
	if (!c)
		return -1;
	if (g->no_init)
		plan_init_default(c->plan, PLAN_INIT_NONE);
	r = plan_print(c->plan, format, stdout, err);
	container_free(c);
	return r;
}

const struct cli_command cmd_plan = {
	.name = "plan",
	.summary = "show what a bundle translates into, without running it",
	.usage = usage,
	.run = run,
};
