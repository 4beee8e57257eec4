/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.resources as cgroup v1 files.  The OCI fields are v1's own, so
 * this is mostly naming; the order of the writes is what matters:
 *  - memory.limit_in_bytes may not exceed memory.memsw.limit_in_bytes, so
 *    when raising both the applier writes memsw first (CG_W_SWAP_NEXT);
 *  - cpu.cfs_burst_us is checked against the quota: after it;
 *  - cpu.rt_runtime_us is checked against the period: after it. */
#include "cgroup/internal.h"
#include "oci/spec.h"

#include <inttypes.h>

#define DFLT(cond) ((cond) ? CG_W_DEFAULT : 0)

static int memory_v1(const struct oci_memory *m, struct cg_writes *l, struct hrun_error *err)
{
	bool swap = m->has_swap && m->swap != 0;

	if (m->has_limit)
		cg_writes_add(l, CG_MEMORY, DFLT(m->limit == -1) | (swap ? CG_W_SWAP_NEXT : 0),
			      "memory.limit_in_bytes", "%" PRId64, m->limit);
	if (swap)
		cg_writes_add(l, CG_MEMORY, DFLT(m->swap == -1), "memory.memsw.limit_in_bytes",
			      "%" PRId64, m->swap);
	if (m->has_reservation)
		cg_writes_add(l, CG_MEMORY, DFLT(m->reservation == -1),
			      "memory.soft_limit_in_bytes", "%" PRId64, m->reservation);
	if (m->has_kernel)
		cg_writes_add(l, CG_MEMORY, DFLT(m->kernel == -1), "memory.kmem.limit_in_bytes",
			      "%" PRId64, m->kernel);
	if (m->has_kernel_tcp)
		cg_writes_add(l, CG_MEMORY, DFLT(m->kernel_tcp == -1),
			      "memory.kmem.tcp.limit_in_bytes", "%" PRId64, m->kernel_tcp);
	if (m->has_swappiness && m->swappiness > 100)
		return hrun_error_set(err, 0, "memory.swappiness: %" PRIu64 " is not in 0-100",
				      m->swappiness);
	if (m->has_swappiness)
		cg_writes_add(l, CG_MEMORY, 0, "memory.swappiness", "%" PRIu64, m->swappiness);
	if (m->has_disable_oom_killer)
		cg_writes_add(l, CG_MEMORY, DFLT(!m->disable_oom_killer), "memory.oom_control",
			      "%d", m->disable_oom_killer);
	if (m->has_use_hierarchy)
		cg_writes_add(l, CG_MEMORY, DFLT(m->use_hierarchy), "memory.use_hierarchy", "%d",
			      m->use_hierarchy);
	return 0;
}

static void cpu_v1(const struct oci_cpu *c, struct cg_writes *l)
{
	if (c->has_shares)
		cg_writes_add(l, CG_CPU, DFLT(c->shares == 1024), "cpu.shares", "%" PRIu64,
			      c->shares);
	if (c->has_period)
		cg_writes_add(l, CG_CPU, DFLT(c->period == 100000), "cpu.cfs_period_us", "%" PRIu64,
			      c->period);
	if (c->has_quota)
		cg_writes_add(l, CG_CPU, DFLT(c->quota <= 0), "cpu.cfs_quota_us", "%" PRId64,
			      c->quota > 0 ? c->quota : -1);
	if (c->has_burst)
		cg_writes_add(l, CG_CPU, DFLT(c->burst == 0), "cpu.cfs_burst_us", "%" PRIu64,
			      c->burst);
	if (c->has_realtime_period)
		cg_writes_add(l, CG_CPU, DFLT(c->realtime_period == 0) | CG_W_SWAP_NEXT,
			      "cpu.rt_period_us", "%" PRIu64, c->realtime_period);
	if (c->has_realtime_runtime)
		cg_writes_add(l, CG_CPU, DFLT(c->realtime_runtime == 0), "cpu.rt_runtime_us",
			      "%" PRId64, c->realtime_runtime);
	if (c->has_idle)
		cg_writes_add(l, CG_CPU, DFLT(c->idle == 0), "cpu.idle", "%" PRId64, c->idle);
}

/* BFQ shows blkio.bfq.*, the old CFQ blkio.*: write whichever is there. */
static void blkio_weights_v1(const struct oci_block_io *b, struct cg_writes *l)
{
	if (b->has_weight) {
		cg_writes_add(l, CG_BLKIO, 0, "blkio.bfq.weight", "%u", b->weight);
		cg_writes_alt(l, "blkio.weight", "%u", b->weight);
	}
	if (b->has_leaf_weight)
		cg_writes_add(l, CG_BLKIO, 0, "blkio.leaf_weight", "%u", b->leaf_weight);
	for (size_t i = 0; i < b->n_weight_device; i++) {
		const struct oci_weight_device *d = &b->weight_device[i];
		if (d->has_weight) {
			cg_writes_add(l, CG_BLKIO, 0, "blkio.bfq.weight_device",
				      "%" PRId64 ":%" PRId64 " %u", d->major, d->minor, d->weight);
			cg_writes_alt(l, "blkio.weight_device", "%" PRId64 ":%" PRId64 " %u",
				      d->major, d->minor, d->weight);
		}
		if (d->has_leaf_weight)
			cg_writes_add(l, CG_BLKIO, 0, "blkio.leaf_weight_device",
				      "%" PRId64 ":%" PRId64 " %u", d->major, d->minor,
				      d->leaf_weight);
	}
}

static void throttle_v1(const struct oci_throttle_device *t, size_t n, const char *file,
			struct cg_writes *l)
{
	/* rate 0 lifts the limit */
	for (size_t i = 0; i < n; i++)
		cg_writes_add(l, CG_BLKIO, DFLT(t[i].rate == 0), file,
			      "%" PRId64 ":%" PRId64 " %" PRIu64, t[i].major, t[i].minor,
			      t[i].rate);
}

static void blkio_v1(const struct oci_block_io *b, struct cg_writes *l)
{
	blkio_weights_v1(b, l);
	throttle_v1(b->throttle_read_bps, b->n_throttle_read_bps, "blkio.throttle.read_bps_device",
		    l);
	throttle_v1(b->throttle_write_bps, b->n_throttle_write_bps,
		    "blkio.throttle.write_bps_device", l);
	throttle_v1(b->throttle_read_iops, b->n_throttle_read_iops,
		    "blkio.throttle.read_iops_device", l);
	throttle_v1(b->throttle_write_iops, b->n_throttle_write_iops,
		    "blkio.throttle.write_iops_device", l);
}

int cg_resources_v1(const struct oci_resources *res, bool hybrid, struct cg_writes *l,
		    struct hrun_error *err)
{
	if (res->n_unified && !hybrid)
		return hrun_error_set(
			err, 0, "unified: cgroup v2 files cannot be set on this host (cgroup v1)");
	if (res->memory && memory_v1(res->memory, l, err) < 0)
		return -1;
	if (res->cpu)
		cpu_v1(res->cpu, l);
	if (res->block_io)
		blkio_v1(res->block_io, l);
	if (cg_resources_common(res, false, l, err) < 0)
		return -1;
	/* on hybrid the unified map goes to the cgroup2 hierarchy */
	return cg_unified_writes(res, CG_W_V2, l, err);
}
