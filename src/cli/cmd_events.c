/* SPDX-License-Identifier: GPL-2.0-or-later */
/* events: runc's JSON event stream for a container, one object a line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "runtime/runtime.h"

static const char events_usage[] =
	"Usage: hrun events [--stats] [--interval D] ID\n"
	"\n"
	"Print the container's events as JSON, one a line, until it stops:\n"
	"{\"type\":\"stats\",\"id\":ID,\"data\":{cpu,memory,pids,blkio,hugetlb}} every\n"
	"interval, and {\"type\":\"oom\",\"id\":ID} when the kernel kills one of its\n"
	"processes for lack of memory.\n"
	"\n"
	"Options:\n"
	"      --stats          print the statistics once and exit\n"
	"      --interval D     time between statistics (default 5s; ms, s, m, h)\n"
	"  -h, --help           show this help\n";

enum { OPT_STATS = 256, OPT_INTERVAL };

/* A duration as runc's Go flag reads it ("5s", "1m30s", "250ms"); a bare
 * number is seconds.  Milliseconds, more than zero. */
static int parse_interval(const char *text, unsigned *ms, struct hrun_error *err)
{
	static const struct {
		const char *unit;
		double ms;
	} units[] = { { "ns", 1e-6 }, { "us", 1e-3 }, { "ms", 1 },
		      { "s", 1000 },  { "m", 60000 }, { "h", 3600000 } };
	double total = 0;
	const char *p = text;

	while (*p) {
		char *end;
		double v = strtod(p, &end);
		size_t i = 0, len = strspn(end, "nsumh");

		while (i < sizeof units / sizeof units[0] &&
		       (strlen(units[i].unit) != len || strncmp(end, units[i].unit, len) != 0))
			i++;
		if (end == p || v < 0 || (len && i == sizeof units / sizeof units[0]) ||
		    (!len && (p != text || *end)))
			return hrun_error_set(err, 0, "events: --interval: `%s` is not a duration",
					      text);
		total += v * (len ? units[i].ms : 1000);
		p = end + len;
	}
	if (total < 1 || total > 86400000.0 * 365)
		return hrun_error_set(err, 0, "events: --interval: `%s` is not a duration", text);
	*ms = (unsigned)total;
	return 0;
}

static int print_line(const char *line, void *data, struct hrun_error *err)
{
	if (printf("%s\n", line) < 0 || fflush(stdout) == EOF)
		return hrun_error_errno(err, "events: write");
	return 0;
}

static int run_events(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	static const struct option opts[] = {
		{ "stats", no_argument, NULL, OPT_STATS },
		{ "interval", required_argument, NULL, OPT_INTERVAL },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	struct events_opts o = { .interval_ms = 5000, .emit = print_line };
	int c;

	while ((c = cli_getopt(&cmd_events, argc, argv, "h", opts, err)) != -1) {
		if (c == 'h')
			return 0;
		if (c == '?')
			return -1;
		if (c == OPT_STATS)
			o.stats_once = true;
		else if (parse_interval(optarg, &o.interval_ms, err) < 0)
			return -1;
	}
	if (cli_positional(&cmd_events, argc, argv, 1, "container id", err) < 0)
		return -1;
	return runtime_events(g->root, argv[optind], &o, err);
}

const struct cli_command cmd_events = { "events", "print a container's stats and OOM events",
					events_usage, run_events };
