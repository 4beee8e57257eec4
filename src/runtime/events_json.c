/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The lines of `hrun events`, in runc's shape (its events/types.go): a
 * field runc marks omitempty is left out when zero, the others never. */
#include "runtime/events.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

static void gen_freep(yajl_gen *g)
{
	if (*g)
		yajl_gen_free(*g);
}

static void key(yajl_gen g, const char *k)
{
	yajl_gen_string(g, (const unsigned char *)k, strlen(k));
}

/* yajl_gen_integer takes a signed long long: "unlimited" is 2^64-1 */
static void number(yajl_gen g, uint64_t v)
{
	char text[24];
	int n = snprintf(text, sizeof text, "%llu", (unsigned long long)v);

	yajl_gen_number(g, text, (size_t)n);
}

static void u64(yajl_gen g, const char *k, uint64_t v)
{
	key(g, k);
	number(g, v);
}

static void u64_nonzero(yajl_gen g, const char *k, uint64_t v)
{
	if (v)
		u64(g, k, v);
}

static void gen_cpu(yajl_gen g, const struct cgroup_stats *st)
{
	key(g, "cpu");
	yajl_gen_map_open(g);
	key(g, "usage");
	yajl_gen_map_open(g);
	u64_nonzero(g, "total", st->cpu.total);
	if (st->cpu.n_percpu) {
		key(g, "percpu");
		yajl_gen_array_open(g);
		for (size_t i = 0; i < st->cpu.n_percpu; i++)
			number(g, st->cpu.percpu[i]);
		yajl_gen_array_close(g);
	}
	u64(g, "kernel", st->cpu.kernel);
	u64(g, "user", st->cpu.user);
	yajl_gen_map_close(g);
	key(g, "throttling");
	yajl_gen_map_open(g);
	u64_nonzero(g, "periods", st->cpu.periods);
	u64_nonzero(g, "throttledPeriods", st->cpu.throttled_periods);
	u64_nonzero(g, "throttledTime", st->cpu.throttled_time);
	yajl_gen_map_close(g);
	yajl_gen_map_close(g);
}

static void gen_mem_usage(yajl_gen g, const char *k, const struct cgroup_mem_usage *u)
{
	key(g, k);
	yajl_gen_map_open(g);
	u64(g, "limit", u->limit);
	u64_nonzero(g, "usage", u->usage);
	u64_nonzero(g, "max", u->max);
	u64(g, "failcnt", u->failcnt);
	yajl_gen_map_close(g);
}

static void gen_memory(yajl_gen g, const struct cgroup_stats *st)
{
	key(g, "memory");
	yajl_gen_map_open(g);
	u64_nonzero(g, "cache", st->memory.cache);
	gen_mem_usage(g, "usage", &st->memory.usage);
	gen_mem_usage(g, "swap", &st->memory.swap);
	gen_mem_usage(g, "kernel", &st->memory.kernel);
	gen_mem_usage(g, "kernelTCP", &st->memory.kernel_tcp);
	if (st->memory.n_raw) {
		key(g, "raw");
		yajl_gen_map_open(g);
		for (size_t i = 0; i < st->memory.n_raw; i++)
			u64(g, st->memory.raw[i].key, st->memory.raw[i].value);
		yajl_gen_map_close(g);
	}
	yajl_gen_map_close(g);
}

static void gen_pids(yajl_gen g, const struct cgroup_stats *st)
{
	key(g, "pids");
	yajl_gen_map_open(g);
	u64_nonzero(g, "current", st->pids.current);
	u64_nonzero(g, "limit", st->pids.limit);
	yajl_gen_map_close(g);
}

static void gen_blkio_list(yajl_gen g, const char *k, const struct cgroup_blkio_entry *v, size_t n)
{
	if (!n)
		return;
	key(g, k);
	yajl_gen_array_open(g);
	for (size_t i = 0; i < n; i++) {
		yajl_gen_map_open(g);
		u64_nonzero(g, "major", v[i].major);
		u64_nonzero(g, "minor", v[i].minor);
		key(g, "op");
		key(g, v[i].op);
		u64_nonzero(g, "value", v[i].value);
		yajl_gen_map_close(g);
	}
	yajl_gen_array_close(g);
}

static void gen_blkio(yajl_gen g, const struct cgroup_stats *st)
{
	key(g, "blkio");
	yajl_gen_map_open(g);
	gen_blkio_list(g, "ioServiceBytesRecursive", st->blkio.service_bytes,
		       st->blkio.n_service_bytes);
	gen_blkio_list(g, "ioServicedRecursive", st->blkio.serviced, st->blkio.n_serviced);
	yajl_gen_map_close(g);
}

static void gen_hugetlb(yajl_gen g, const struct cgroup_stats *st)
{
	key(g, "hugetlb");
	yajl_gen_map_open(g);
	for (size_t i = 0; i < st->n_hugetlb; i++) {
		key(g, st->hugetlb[i].page_size);
		yajl_gen_map_open(g);
		u64_nonzero(g, "usage", st->hugetlb[i].usage);
		u64_nonzero(g, "max", st->hugetlb[i].max);
		u64(g, "failcnt", st->hugetlb[i].failcnt);
		yajl_gen_map_close(g);
	}
	yajl_gen_map_close(g);
}

/* {"type":type,"id":id[,"data":{...}]}; stats NULL for no data. */
static char *event_line(const char *type, const char *id, const struct cgroup_stats *st,
			struct hrun_error *err)
{
	__attribute__((cleanup(gen_freep))) yajl_gen g = yajl_gen_alloc(NULL);
	const unsigned char *buf;
	size_t len;
	char *out;

	if (!g) {
		hrun_error_set(err, ENOMEM, "events");
		return NULL;
	}
	yajl_gen_map_open(g);
	key(g, "type");
	key(g, type);
	key(g, "id");
	key(g, id);
	if (st) {
		key(g, "data");
		yajl_gen_map_open(g);
		gen_cpu(g, st);
		gen_memory(g, st);
		gen_pids(g, st);
		gen_blkio(g, st);
		gen_hugetlb(g, st);
		yajl_gen_map_close(g);
	}
	yajl_gen_map_close(g);
	if (yajl_gen_get_buf(g, &buf, &len) != yajl_gen_status_ok ||
	    !(out = strndup((const char *)buf, len))) {
		hrun_error_set(err, ENOMEM, "events: cannot generate JSON");
		return NULL;
	}
	return out;
}

char *events_stats_line(const char *id, const struct cgroup_stats *st, struct hrun_error *err)
{
	return event_line("stats", id, st, err);
}

char *events_oom_line(const char *id, struct hrun_error *err)
{
	return event_line("oom", id, NULL, err);
}
