/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Statistics for events --stats, in runc's shape and units (bytes,
 * nanoseconds).  A file the host lacks leaves its value 0, and a
 * controller it lacks leaves its has_ flag false: stats never fail for
 * what the kernel does not offer. */
#include "cgroup/internal.h"
#include "util/cleanup.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static uint64_t get_u64(const char *dir, const char *file)
{
	struct hrun_error ignored;
	uint64_t v = 0;

	return dir && cg_read_u64(dir, file, &v, &ignored) == 0 ? v : 0;
}

static char *get_text(const char *dir, const char *file)
{
	struct hrun_error ignored;

	return dir ? cg_read(dir, file, &ignored) : NULL;
}

static uint64_t get_key(const char *dir, const char *file, const char *key)
{
	_cleanup_free_ char *text = get_text(dir, file);
	uint64_t v = 0;

	return text && cg_keyed_u64(text, key, &v) ? v : 0;
}

/* --- cpu */

static void cpu_v1(const struct cgroup *cg, struct cgroup_stats *st)
{
	const char *acct = cg_v1_dir(cg, CG_CPUACCT), *cpu = cg_v1_dir(cg, CG_CPU);
	_cleanup_free_ char *percpu = get_text(acct, "cpuacct.usage_percpu");
	uint64_t ns_per_tick = 1000000000ull / (uint64_t)sysconf(_SC_CLK_TCK);

	st->has_cpu = acct || cpu;
	st->cpu.total = get_u64(acct, "cpuacct.usage");
	st->cpu.user = get_key(acct, "cpuacct.stat", "user") * ns_per_tick;
	st->cpu.kernel = get_key(acct, "cpuacct.stat", "system") * ns_per_tick;
	for (char *s = percpu, *end; s && *s; s = end) {
		uint64_t v = strtoull(s, &end, 10), *p;
		if (end == s || !(p = realloc(st->cpu.percpu, (st->cpu.n_percpu + 1) * sizeof *p)))
			break;
		st->cpu.percpu = p;
		p[st->cpu.n_percpu++] = v;
	}
	st->cpu.periods = get_key(cpu, "cpu.stat", "nr_periods");
	st->cpu.throttled_periods = get_key(cpu, "cpu.stat", "nr_throttled");
	st->cpu.throttled_time = get_key(cpu, "cpu.stat", "throttled_time");
}

static void cpu_v2(const char *dir, struct cgroup_stats *st)
{
	_cleanup_free_ char *text = get_text(dir, "cpu.stat");
	uint64_t v;

	if (!text)
		return;
	st->has_cpu = true;
	st->cpu.total = cg_keyed_u64(text, "usage_usec", &v) ? v * 1000 : 0;
	st->cpu.user = cg_keyed_u64(text, "user_usec", &v) ? v * 1000 : 0;
	st->cpu.kernel = cg_keyed_u64(text, "system_usec", &v) ? v * 1000 : 0;
	st->cpu.periods = cg_keyed_u64(text, "nr_periods", &v) ? v : 0;
	st->cpu.throttled_periods = cg_keyed_u64(text, "nr_throttled", &v) ? v : 0;
	st->cpu.throttled_time = cg_keyed_u64(text, "throttled_usec", &v) ? v * 1000 : 0;
}

/* --- memory */

static void raw_stat(const char *dir, struct cgroup_stats *st)
{
	_cleanup_free_ char *text = get_text(dir, "memory.stat");

	for (char *line = text, *next; line && *line; line = next) {
		char *sp = strchr(line, ' ');
		struct cgroup_kv *kv;
		next = line + strcspn(line, "\n");
		if (*next)
			*next++ = '\0';
		if (!sp || !(kv = realloc(st->memory.raw, (st->memory.n_raw + 1) * sizeof *kv)))
			continue;
		st->memory.raw = kv;
		kv += st->memory.n_raw;
		*sp = '\0';
		if (!(kv->key = strdup(line)))
			continue;
		kv->value = strtoull(sp + 1, NULL, 10);
		st->memory.n_raw++;
	}
}

static void mem_usage_v1(const char *dir, const char *prefix, struct cgroup_mem_usage *u)
{
	char file[64];

	snprintf(file, sizeof file, "%s.usage_in_bytes", prefix);
	u->usage = get_u64(dir, file);
	snprintf(file, sizeof file, "%s.max_usage_in_bytes", prefix);
	u->max = get_u64(dir, file);
	snprintf(file, sizeof file, "%s.failcnt", prefix);
	u->failcnt = get_u64(dir, file);
	snprintf(file, sizeof file, "%s.limit_in_bytes", prefix);
	u->limit = get_u64(dir, file);
}

static void memory_v1(const char *dir, struct cgroup_stats *st)
{
	st->has_memory = true;
	mem_usage_v1(dir, "memory", &st->memory.usage);
	mem_usage_v1(dir, "memory.memsw", &st->memory.swap);
	mem_usage_v1(dir, "memory.kmem", &st->memory.kernel);
	mem_usage_v1(dir, "memory.kmem.tcp", &st->memory.kernel_tcp);
	st->memory.oom_kill = get_key(dir, "memory.oom_control", "oom_kill");
	raw_stat(dir, st);
	for (size_t i = 0; i < st->memory.n_raw; i++)
		if (strcmp(st->memory.raw[i].key, "cache") == 0)
			st->memory.cache = st->memory.raw[i].value;
}

static void memory_v2(const char *dir, struct cgroup_stats *st)
{
	struct cgroup_mem_usage *u = &st->memory.usage, *s = &st->memory.swap;

	st->has_memory = true;
	u->usage = get_u64(dir, "memory.current");
	u->max = get_u64(dir, "memory.peak");
	u->limit = get_u64(dir, "memory.max");
	u->failcnt = get_key(dir, "memory.events", "max");
	st->memory.oom_kill = get_key(dir, "memory.events", "oom_kill");
	/* v1's swap figures are memory+swap: report them so, as runc does */
	s->usage = get_u64(dir, "memory.swap.current") + u->usage;
	s->limit = get_u64(dir, "memory.swap.max");
	s->limit =
		s->limit == UINT64_MAX || u->limit == UINT64_MAX ? UINT64_MAX : s->limit + u->limit;
	raw_stat(dir, st);
	for (size_t i = 0; i < st->memory.n_raw; i++)
		if (strcmp(st->memory.raw[i].key, "file") == 0)
			st->memory.cache = st->memory.raw[i].value;
}

/* --- blkio */

static void add_io(struct cgroup_blkio_entry **v, size_t *n, uint32_t major, uint32_t minor,
		   const char *op, uint64_t value)
{
	struct cgroup_blkio_entry *p = realloc(*v, (*n + 1) * sizeof *p);

	if (!p)
		return;
	*v = p;
	p[(*n)++] = (struct cgroup_blkio_entry){major, minor, op, value};
}

static const char *v1_op(const char *s)
{
	static const char *const ops[] = {"Read", "Write", "Sync", "Async", "Discard", "Total"};

	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (strcmp(s, ops[i]) == 0)
			return ops[i];
	return NULL;
}

/* "8:0 Read 4096" lines. */
static void blkio_v1_file(const char *dir, const char *file, struct cgroup_blkio_entry **v,
			  size_t *n)
{
	_cleanup_free_ char *text = get_text(dir, file);

	for (char *line = text, *next; line && *line; line = next) {
		unsigned major, minor;
		char op[16];
		unsigned long long value;
		next = line + strcspn(line, "\n");
		next += *next == '\n';
		if (sscanf(line, "%u:%u %15s %llu", &major, &minor, op, &value) == 4 && v1_op(op))
			add_io(v, n, major, minor, v1_op(op), value);
	}
}

static void blkio_v1(const char *dir, struct cgroup_stats *st)
{
	st->has_blkio = true;
	blkio_v1_file(dir, "blkio.throttle.io_service_bytes_recursive", &st->blkio.service_bytes,
		      &st->blkio.n_service_bytes);
	blkio_v1_file(dir, "blkio.throttle.io_serviced_recursive", &st->blkio.serviced,
		      &st->blkio.n_serviced);
}

/* "8:0 rbytes=1 wbytes=2 rios=3 wios=4 dbytes=0 dios=0" lines. */
static void io_v2(const char *dir, struct cgroup_stats *st)
{
	_cleanup_free_ char *text = get_text(dir, "io.stat");

	st->has_blkio = text != NULL;
	for (char *line = text, *next; line && *line; line = next) {
		unsigned major, minor;
		unsigned long long rb = 0, wb = 0, rio = 0, wio = 0;
		next = line + strcspn(line, "\n");
		next += *next == '\n';
		if (sscanf(line, "%u:%u rbytes=%llu wbytes=%llu rios=%llu wios=%llu", &major,
			   &minor, &rb, &wb, &rio, &wio) < 2)
			continue;
		add_io(&st->blkio.service_bytes, &st->blkio.n_service_bytes, major, minor, "Read",
		       rb);
		add_io(&st->blkio.service_bytes, &st->blkio.n_service_bytes, major, minor, "Write",
		       wb);
		add_io(&st->blkio.serviced, &st->blkio.n_serviced, major, minor, "Read", rio);
		add_io(&st->blkio.serviced, &st->blkio.n_serviced, major, minor, "Write", wio);
	}
}

/* --- hugetlb: one entry per page size the directory shows */

static void hugetlb_one(const char *dir, bool v2, const char *size, struct cgroup_stats *st)
{
	struct cgroup_hugetlb_stats *h = realloc(st->hugetlb, (st->n_hugetlb + 1) * sizeof *h);
	char file[64];

	if (!h)
		return;
	st->hugetlb = h;
	h += st->n_hugetlb++;
	*h = (struct cgroup_hugetlb_stats){0};
	snprintf(h->page_size, sizeof h->page_size, "%s", size);
	snprintf(file, sizeof file, v2 ? "hugetlb.%s.current" : "hugetlb.%s.usage_in_bytes", size);
	h->usage = get_u64(dir, file);
	snprintf(file, sizeof file, v2 ? "hugetlb.%s.events" : "hugetlb.%s.failcnt", size);
	h->failcnt = v2 ? get_key(dir, file, "max") : get_u64(dir, file);
	if (!v2) {
		snprintf(file, sizeof file, "hugetlb.%s.max_usage_in_bytes", size);
		h->max = get_u64(dir, file);
	}
}

static void hugetlb(const char *dir, bool v2, struct cgroup_stats *st)
{
	_cleanup_closedir_ DIR *d = dir ? opendir(dir) : NULL;
	const char *suffix = v2 ? ".max" : ".limit_in_bytes";
	struct dirent *e;

	while (d && (e = readdir(d))) {
		char size[16];
		size_t n = strlen(e->d_name), s = strlen(suffix);
		/* hugetlb.2MB.max, not hugetlb.2MB.rsvd.max */
		if (strncmp(e->d_name, "hugetlb.", 8) || n <= 8 + s ||
		    strcmp(e->d_name + n - s, suffix) || n - 8 - s >= sizeof size ||
		    memchr(e->d_name + 8, '.', n - 8 - s))
			continue;
		snprintf(size, sizeof size, "%.*s", (int)(n - 8 - s), e->d_name + 8);
		hugetlb_one(dir, v2, size, st);
	}
}

static void pids(const char *dir, struct cgroup_stats *st)
{
	st->has_pids = true;
	st->pids.current = get_u64(dir, "pids.current");
	st->pids.limit = get_u64(dir, "pids.max");
	if (st->pids.limit == UINT64_MAX)
		st->pids.limit = 0;
}

int cgroup_stats(const struct cgroup *cg, struct cgroup_stats *st, struct hrun_error *err)
{
	const char *dir;

	*st = (struct cgroup_stats){0};
	if (cg->manager == CGROUP_MANAGER_DISABLED)
		return cg_no_cgroup(err);
	if (cg->layout.mode == CGROUP_MODE_V2) {
		unsigned avail = cg_v2_available(cg);
		dir = cg_v2_dir(cg);
		cpu_v2(dir, st);
		if (avail & CG_BIT(CG_MEMORY))
			memory_v2(dir, st);
		if (avail & CG_BIT(CG_PIDS))
			pids(dir, st);
		if (avail & CG_BIT(CG_BLKIO))
			io_v2(dir, st);
		hugetlb((avail & CG_BIT(CG_HUGETLB)) ? dir : NULL, true, st);
		return 0;
	}
	cpu_v1(cg, st);
	if ((dir = cg_v1_dir(cg, CG_MEMORY)))
		memory_v1(dir, st);
	if ((dir = cg_v1_dir(cg, CG_PIDS)))
		pids(dir, st);
	if ((dir = cg_v1_dir(cg, CG_BLKIO)))
		blkio_v1(dir, st);
	if ((dir = cg_v1_dir(cg, CG_HUGETLB)))
		hugetlb(dir, false, st);
	else if (cg->layout.mode == CGROUP_MODE_HYBRID &&
		 (cg_v2_available(cg) & CG_BIT(CG_HUGETLB)))
		hugetlb(cg_v2_dir(cg), true, st); /* a hybrid host may keep it on cgroup2 */
	return 0;
}

void cgroup_stats_free(struct cgroup_stats *st)
{
	free(st->cpu.percpu);
	for (size_t i = 0; i < st->memory.n_raw; i++)
		free(st->memory.raw[i].key);
	free(st->memory.raw);
	free(st->blkio.service_bytes);
	free(st->blkio.serviced);
	free(st->hugetlb);
	*st = (struct cgroup_stats){0};
}
