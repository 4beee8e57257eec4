/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.resources (v1 semantics) as cgroup v2 files, with the usual
 * conversions (runc, crun, the kubelet):
 *  - cpu.shares [2, 262144] -> cpu.weight [1, 10000]:
 *      weight = 1 + ((shares - 2) * 9999) / 262142
 *  - quota and period -> cpu.max "quota period" ("max" for no quota);
 *  - memory.swap is memory+swap on v1, swap alone on v2:
 *      memory.swap.max = swap - limit
 *  - blkio weight [10, 1000] -> io.bfq.weight as is where BFQ runs, else
 *      io.weight = 1 + (weight - 10) * 9999 / 990  (crun's table);
 *  - throttles -> io.max "major:minor rbps=N" (0, no limit, is "max").
 * What v2 cannot express is an error when asked for (disableOOMKiller,
 * useHierarchy false, realtime, leaf weights, net_cls/net_prio); the
 * deprecated kernel memory knobs and swappiness are ignored, as runc and
 * crun do: v2 has no such file and their absence changes no limit. */
#include "cgroup/internal.h"
#include "oci/spec.h"

#include <inttypes.h>
#include <stdio.h>

#define DFLT(cond) ((cond) ? CG_W_DEFAULT : 0)

uint64_t cg_shares_to_weight(uint64_t shares)
{
	if (shares < 2)
		shares = 2;
	if (shares > 262144)
		shares = 262144;
	return 1 + ((shares - 2) * 9999) / 262142;
}

uint64_t cg_blkio_to_io_weight(uint64_t weight)
{
	if (weight < 10)
		weight = 10;
	if (weight > 1000)
		weight = 1000;
	return 1 + (weight - 10) * 9999 / 990;
}

static int swap_v2(const struct oci_memory *m, struct cg_writes *l, struct hrun_error *err)
{
	/* limit -1 with no swap set: both unlimited, as on v1 */
	if (m->has_limit && m->limit == -1 && (!m->has_swap || m->swap == 0)) {
		cg_writes_add(l, CG_MEMORY, CG_W_DEFAULT, "memory.swap.max", "max");
		return 0;
	}
	if (!m->has_swap || m->swap == 0)
		return 0;
	if (m->swap == -1) {
		cg_writes_add(l, CG_MEMORY, CG_W_DEFAULT, "memory.swap.max", "max");
		return 0;
	}
	if (m->swap < 0)
		return hrun_error_set(err, 0, "memory.swap: %" PRId64 " is not a limit", m->swap);
	if (!m->has_limit || m->limit <= 0)
		return hrun_error_set(err, 0, "memory.swap needs memory.limit on cgroup v2");
	if (m->swap < m->limit)
		return hrun_error_set(
			err, 0, "memory.swap (%" PRId64 ") is below memory.limit (%" PRId64 ")",
			m->swap, m->limit);
	cg_writes_add(l, CG_MEMORY, 0, "memory.swap.max", "%" PRId64, m->swap - m->limit);
	return 0;
}

static int memory_v2(const struct oci_memory *m, struct cg_writes *l, struct hrun_error *err)
{
	if (m->has_disable_oom_killer && m->disable_oom_killer)
		return hrun_error_set(err, 0,
				      "memory.disableOOMKiller is not supported on cgroup v2");
	if (m->has_use_hierarchy && !m->use_hierarchy)
		return hrun_error_set(err, 0,
				      "memory.useHierarchy false is not supported on cgroup v2");
	if (m->has_limit && m->limit < 0)
		cg_writes_add(l, CG_MEMORY, CG_W_DEFAULT, "memory.max", "max");
	else if (m->has_limit)
		cg_writes_add(l, CG_MEMORY, 0, "memory.max", "%" PRId64, m->limit);
	/* v1's soft limit -1 means none: on v2 that is no protection, 0 */
	if (m->has_reservation)
		cg_writes_add(l, CG_MEMORY, DFLT(m->reservation <= 0), "memory.low", "%" PRId64,
			      m->reservation > 0 ? m->reservation : 0);
	return swap_v2(m, l, err);
}

static int cpu_v2(const struct oci_cpu *c, struct cg_writes *l, struct hrun_error *err)
{
	if ((c->has_realtime_runtime && c->realtime_runtime) ||
	    (c->has_realtime_period && c->realtime_period))
		return hrun_error_set(
			err, 0,
			"cpu.realtimeRuntime and realtimePeriod are not supported on cgroup v2");
	if (c->has_shares && c->shares)
		cg_writes_add(l, CG_CPU, DFLT(c->shares == 1024), "cpu.weight", "%" PRIu64,
			      cg_shares_to_weight(c->shares));
	if ((c->has_quota && c->quota > 0) || (c->has_period && c->period)) {
		bool dflt =
			(!c->has_quota || c->quota <= 0) && (!c->has_period || c->period == 100000);
		char quota[32] = "max";
		if (c->has_quota && c->quota > 0)
			snprintf(quota, sizeof quota, "%" PRId64, c->quota);
		if (c->has_period && c->period)
			cg_writes_add(l, CG_CPU, DFLT(dflt), "cpu.max", "%s %" PRIu64, quota,
				      c->period);
		else
			cg_writes_add(l, CG_CPU, DFLT(dflt), "cpu.max", "%s", quota);
	} else if (c->has_quota) {
		cg_writes_add(l, CG_CPU, CG_W_DEFAULT, "cpu.max", "max");
	}
	if (c->has_burst)
		cg_writes_add(l, CG_CPU, DFLT(c->burst == 0), "cpu.max.burst", "%" PRIu64,
			      c->burst);
	if (c->has_idle)
		cg_writes_add(l, CG_CPU, DFLT(c->idle == 0), "cpu.idle", "%" PRId64, c->idle);
	return 0;
}

static int io_weights_v2(const struct oci_block_io *b, struct cg_writes *l, struct hrun_error *err)
{
	if (b->has_leaf_weight && b->leaf_weight)
		return hrun_error_set(err, 0, "blockIO.leafWeight is not supported on cgroup v2");
	if (b->has_weight && b->weight) {
		cg_writes_add(l, CG_BLKIO, 0, "io.bfq.weight", "%u", b->weight);
		cg_writes_alt(l, "io.weight", "default %" PRIu64, cg_blkio_to_io_weight(b->weight));
	}
	for (size_t i = 0; i < b->n_weight_device; i++) {
		const struct oci_weight_device *d = &b->weight_device[i];
		if (d->has_leaf_weight && d->leaf_weight)
			return hrun_error_set(err, 0,
					      "blockIO.weightDevice[%zu].leafWeight is not "
					      "supported on cgroup v2",
					      i);
		if (!d->has_weight)
			continue;
		cg_writes_add(l, CG_BLKIO, 0, "io.bfq.weight", "%" PRId64 ":%" PRId64 " %u",
			      d->major, d->minor, d->weight);
		cg_writes_alt(l, "io.weight", "%" PRId64 ":%" PRId64 " %" PRIu64, d->major,
			      d->minor, cg_blkio_to_io_weight(d->weight));
	}
	return 0;
}

static void io_max_v2(const struct oci_throttle_device *t, size_t n, const char *key,
		      struct cg_writes *l)
{
	for (size_t i = 0; i < n; i++) {
		if (t[i].rate == 0)
			cg_writes_add(l, CG_BLKIO, CG_W_DEFAULT, "io.max",
				      "%" PRId64 ":%" PRId64 " %s=max", t[i].major, t[i].minor,
				      key);
		else
			cg_writes_add(l, CG_BLKIO, 0, "io.max",
				      "%" PRId64 ":%" PRId64 " %s=%" PRIu64, t[i].major, t[i].minor,
				      key, t[i].rate);
	}
}

static int io_v2(const struct oci_block_io *b, struct cg_writes *l, struct hrun_error *err)
{
	if (io_weights_v2(b, l, err) < 0)
		return -1;
	io_max_v2(b->throttle_read_bps, b->n_throttle_read_bps, "rbps", l);
	io_max_v2(b->throttle_write_bps, b->n_throttle_write_bps, "wbps", l);
	io_max_v2(b->throttle_read_iops, b->n_throttle_read_iops, "riops", l);
	io_max_v2(b->throttle_write_iops, b->n_throttle_write_iops, "wiops", l);
	return 0;
}

int cg_resources_v2(const struct oci_resources *res, struct cg_writes *l, struct hrun_error *err)
{
	if (res->memory && memory_v2(res->memory, l, err) < 0)
		return -1;
	if (res->cpu && cpu_v2(res->cpu, l, err) < 0)
		return -1;
	if (res->block_io && io_v2(res->block_io, l, err) < 0)
		return -1;
	if (cg_resources_common(res, true, l, err) < 0)
		return -1;
	return cg_unified_writes(res, 0, l, err);
}
