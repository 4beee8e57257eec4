/* SPDX-License-Identifier: GPL-2.0-or-later */
/* update: new limits for a container's cgroup, from a LinuxResources JSON
 * document (podman's `--resources=FILE`) and runc's flags, which win. */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "oci/spec.h"
#include "runtime/runtime.h"

static const char update_usage[] =
	"Usage: hrun update [OPTIONS] ID\n"
	"\n"
	"Apply new cgroup limits to a created, running or paused container.\n"
	"\n"
	"Options:\n"
	"  -r, --resources FILE        LinuxResources JSON (runtime-spec linux.resources),\n"
	"                              `-` for stdin; the flags below override it\n"
	"      --memory BYTES          memory limit (-1: none, and no swap limit unless\n"
	"                              --memory-swap; k, m, g, t suffixes)\n"
	"      --memory-swap BYTES     memory plus swap limit (-1: none)\n"
	"      --memory-reservation BYTES  soft memory limit\n"
	"      --kernel-memory BYTES   kernel memory limit (v1)\n"
	"      --kernel-memory-tcp BYTES  kernel TCP buffer limit (v1)\n"
	"      --cpu-shares N          relative CPU weight\n"
	"      --cpu-quota USEC        CPU time per period (-1: none)\n"
	"      --cpu-period USEC       CFS period\n"
	"      --cpu-rt-runtime USEC   realtime runtime per period\n"
	"      --cpu-rt-period USEC    realtime period\n"
	"      --cpuset-cpus LIST      CPUs allowed (0-3,5)\n"
	"      --cpuset-mems LIST      memory nodes allowed\n"
	"      --pids-limit N          maximum number of tasks (-1: none)\n"
	"      --blkio-weight N        block IO weight (10-1000)\n"
	"      --l3-cache-schema LINE  Intel RDT L3 cache schema (L3:0=ff), for linux.intelRdt\n"
	"      --mem-bw-schema LINE    Intel RDT memory bandwidth schema (MB:0=70)\n"
	"  -h, --help                  show this help\n";

enum {
	OPT_MEMORY = 256,
	OPT_MEMORY_SWAP,
	OPT_MEMORY_RESERVATION,
	OPT_KERNEL_MEMORY,
	OPT_KERNEL_MEMORY_TCP,
	OPT_CPU_SHARES,
	OPT_CPU_QUOTA,
	OPT_CPU_PERIOD,
	OPT_CPU_RT_RUNTIME,
	OPT_CPU_RT_PERIOD,
	OPT_CPUSET_CPUS,
	OPT_CPUSET_MEMS,
	OPT_PIDS_LIMIT,
	OPT_BLKIO_WEIGHT,
	OPT_L3_CACHE_SCHEMA,
	OPT_MEM_BW_SCHEMA,
};

static const struct option update_opts[] = {
	{ "resources", required_argument, NULL, 'r' },
	{ "memory", required_argument, NULL, OPT_MEMORY },
	{ "memory-swap", required_argument, NULL, OPT_MEMORY_SWAP },
	{ "memory-reservation", required_argument, NULL, OPT_MEMORY_RESERVATION },
	{ "kernel-memory", required_argument, NULL, OPT_KERNEL_MEMORY },
	{ "kernel-memory-tcp", required_argument, NULL, OPT_KERNEL_MEMORY_TCP },
	{ "cpu-shares", required_argument, NULL, OPT_CPU_SHARES },
	{ "cpu-quota", required_argument, NULL, OPT_CPU_QUOTA },
	{ "cpu-period", required_argument, NULL, OPT_CPU_PERIOD },
	{ "cpu-rt-runtime", required_argument, NULL, OPT_CPU_RT_RUNTIME },
	{ "cpu-rt-period", required_argument, NULL, OPT_CPU_RT_PERIOD },
	{ "cpuset-cpus", required_argument, NULL, OPT_CPUSET_CPUS },
	{ "cpuset-mems", required_argument, NULL, OPT_CPUSET_MEMS },
	{ "pids-limit", required_argument, NULL, OPT_PIDS_LIMIT },
	{ "blkio-weight", required_argument, NULL, OPT_BLKIO_WEIGHT },
	{ "l3-cache-schema", required_argument, NULL, OPT_L3_CACHE_SCHEMA },
	{ "mem-bw-schema", required_argument, NULL, OPT_MEM_BW_SCHEMA },
	{ "help", no_argument, NULL, 'h' },
	{ 0 },
};

/* The range of each numeric flag; bytes take runc's k/m/g/t suffixes. */
static const struct {
	int opt;
	bool bytes;
	int64_t min, max;
} ranges[] = {
	{ OPT_MEMORY, true, -1, INT64_MAX },
	{ OPT_MEMORY_SWAP, true, -1, INT64_MAX },
	{ OPT_MEMORY_RESERVATION, true, -1, INT64_MAX },
	{ OPT_KERNEL_MEMORY, true, -1, INT64_MAX },
	{ OPT_KERNEL_MEMORY_TCP, true, -1, INT64_MAX },
	{ OPT_CPU_SHARES, false, 0, INT64_MAX },
	{ OPT_CPU_QUOTA, false, -1, INT64_MAX },
	{ OPT_CPU_PERIOD, false, 0, INT64_MAX },
	{ OPT_CPU_RT_RUNTIME, false, -1, INT64_MAX },
	{ OPT_CPU_RT_PERIOD, false, 0, INT64_MAX },
	{ OPT_PIDS_LIMIT, false, -1, INT64_MAX },
	{ OPT_BLKIO_WEIGHT, false, 10, 1000 },
};

static const char *opt_name(int opt)
{
	for (const struct option *o = update_opts; o->name; o++)
		if (o->val == opt)
			return o->name;
	return "?";
}

static int64_t unit_of(char c)
{
	switch (c) {
	case 'k': case 'K': return INT64_C(1) << 10;
	case 'm': case 'M': return INT64_C(1) << 20;
	case 'g': case 'G': return INT64_C(1) << 30;
	case 't': case 'T': return INT64_C(1) << 40;
	}
	return 0;
}

static int parse_number(int opt, const char *text, int64_t *out, struct hrun_error *err)
{
	size_t i = 0;
	char *end;

	while (i < sizeof ranges / sizeof ranges[0] && ranges[i].opt != opt)
		i++;
	errno = 0;
	*out = strtoll(text, &end, 10);
	if (ranges[i].bytes && *out > 0 && unit_of(*end)) {
		int64_t unit = unit_of(*end++);

		end += (*end == 'b' || *end == 'B');
		*out = *out > INT64_MAX / unit ? (errno = ERANGE, 0) : *out * unit;
	}
	if (*text == '\0' || *end != '\0' || errno || *out < ranges[i].min || *out > ranges[i].max)
		return hrun_error_set(err, 0,
				      "update: --%s: `%s` is not a number between %" PRId64
				      " and %" PRId64, opt_name(opt), text, ranges[i].min,
				      ranges[i].max);
	return 0;
}

/* Every section a flag may write, so that setting a field never allocates. */
static int add_sections(struct oci_resources *r, struct hrun_error *err)
{
	if ((!r->memory && !(r->memory = calloc(1, sizeof *r->memory))) ||
	    (!r->cpu && !(r->cpu = calloc(1, sizeof *r->cpu))) ||
	    (!r->block_io && !(r->block_io = calloc(1, sizeof *r->block_io))))
		return hrun_error_set(err, ENOMEM, "update");
	return 0;
}

static int set_text(char **field, const char *text, struct hrun_error *err)
{
	free(*field);
	*field = strdup(text);
	return *field ? 0 : hrun_error_set(err, ENOMEM, "update");
}

static int set_flag(struct oci_resources *r, int opt, const char *text, struct hrun_error *err)
{
	struct oci_memory *m = r->memory;
	struct oci_cpu *c = r->cpu;
	int64_t n;

	if (opt == OPT_CPUSET_CPUS || opt == OPT_CPUSET_MEMS)
		return set_text(opt == OPT_CPUSET_CPUS ? &c->cpus : &c->mems, text, err);
	if (parse_number(opt, text, &n, err) < 0)
		return -1;
	switch (opt) {
	case OPT_MEMORY: m->limit = n; m->has_limit = true; break;
	case OPT_MEMORY_SWAP: m->swap = n; m->has_swap = true; break;
	case OPT_MEMORY_RESERVATION: m->reservation = n; m->has_reservation = true; break;
	case OPT_KERNEL_MEMORY: m->kernel = n; m->has_kernel = true; break;
	case OPT_KERNEL_MEMORY_TCP: m->kernel_tcp = n; m->has_kernel_tcp = true; break;
	case OPT_CPU_SHARES: c->shares = (uint64_t)n; c->has_shares = true; break;
	case OPT_CPU_QUOTA: c->quota = n; c->has_quota = true; break;
	case OPT_CPU_PERIOD: c->period = (uint64_t)n; c->has_period = true; break;
	case OPT_CPU_RT_RUNTIME: c->realtime_runtime = n; c->has_realtime_runtime = true; break;
	case OPT_CPU_RT_PERIOD: c->realtime_period = (uint64_t)n; c->has_realtime_period = true; break;
	case OPT_PIDS_LIMIT: r->pids_limit = n; r->has_pids_limit = true; break;
	case OPT_BLKIO_WEIGHT: r->block_io->weight = (uint16_t)n; r->block_io->has_weight = true; break;
	}
	return 0;
}

struct flag {
	int opt;
	const char *value;
};

/* The schema line of an RDT flag: "L3..." or "MB...", as resctrl names
 * the resource. */
static int check_rdt_line(int opt, const char *line, struct hrun_error *err)
{
	const char *want = opt == OPT_L3_CACHE_SCHEMA ? "L3" : "MB";

	if (strncmp(line, want, 2) != 0 || !strchr(line, ':') || strchr(line, '\n'))
		return hrun_error_set(err, 0, "update: --%s: `%s` is not a %s schema line",
				      opt_name(opt), line, want);
	return 0;
}

/* The flags in the order given; the RDT ones apart, in rdt; *file the
 * --resources argument.  Returns 0, 1 after --help, -1 on error. */
static int parse(int argc, char **argv, struct flag *flags, size_t *n, char **rdt,
		 size_t *n_rdt, const char **file, struct hrun_error *err)
{
	int o;

	while ((o = cli_getopt(&cmd_update, argc, argv, "r:h", update_opts, err)) != -1) {
		if (o == 'h')
			return 1;
		if (o == '?')
			return -1;
		if (o == 'r')
			*file = optarg;
		else if (o == OPT_L3_CACHE_SCHEMA || o == OPT_MEM_BW_SCHEMA) {
			if (check_rdt_line(o, optarg, err) < 0)
				return -1;
			rdt[(*n_rdt)++] = optarg;
		} else
			flags[(*n)++] = (struct flag){ o, optarg };
	}
	return cli_positional(&cmd_update, argc, argv, 1, "container id", err);
}

/* As runc: no memory limit and no swap limit given lifts the swap limit
 * too, which would otherwise stay below the memory limit (v1 refuses). */
static void unlimit_swap(struct oci_memory *m)
{
	if (m && m->has_limit && m->limit == -1 && !m->has_swap) {
		m->swap = -1;
		m->has_swap = true;
	}
}

static void resources_freep(struct oci_resources **r)
{
	oci_resources_free(*r);
}

static int run_update(int argc, char **argv, const struct cli_globals *g, struct hrun_error *err)
{
	__attribute__((cleanup(resources_freep))) struct oci_resources *res = NULL;
	struct flag flags[argc > 0 ? argc : 1];
	char *rdt[argc > 0 ? argc : 1];
	const char *file = NULL;
	size_t n = 0, n_rdt = 0;
	int r = parse(argc, argv, flags, &n, rdt, &n_rdt, &file, err);

	if (r != 0)
		return r > 0 ? 0 : -1;
	/* schemata lines alone: no cgroup to update */
	if (!file && n == 0 && n_rdt > 0)
		return runtime_update(g->root, argv[optind], NULL, rdt, n_rdt, err);
	res = file ? oci_resources_load(file, err) : calloc(1, sizeof *res);
	if (!res)
		return file ? hrun_error_prefix(err, "update") : hrun_error_set(err, ENOMEM, "update");
	if (n > 0 && add_sections(res, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (set_flag(res, flags[i].opt, flags[i].value, err) < 0)
			return -1;
	unlimit_swap(res->memory);
	return runtime_update(g->root, argv[optind], res, rdt, n_rdt, err);
}

const struct cli_command cmd_update = { "update", "change a container's cgroup limits",
					update_usage, run_update };
