/* SPDX-License-Identifier: GPL-2.0-or-later */
/* config.json: linux.resources (the cgroup settings). */
#include <string.h>

#include "oci/parse.h"

/* --- devices */

static const struct json_field device_cgroup_fields[] = {
	JSON_REQUIRED(struct oci_device_cgroup, "allow", JSON_BOOL, allow),
	JSON_OPTIONAL(struct oci_device_cgroup, "major", JSON_INT64, major),
	JSON_OPTIONAL(struct oci_device_cgroup, "minor", JSON_INT64, minor),
	JSON_FIELD(struct oci_device_cgroup, "access", JSON_STRING, access),
};

static int read_device_cgroup(yajl_val v, const struct json_path *at, void *out,
			      struct hrun_error *err)
{
	static const char *const types[] = {"a", "c", "b", NULL};
	const struct json_path access = {at, "access", 0};
	struct oci_device_cgroup *d = out;
	int type;
	int r;

	if (JSON_READ_FIELDS(v, at, device_cgroup_fields, d, err) < 0)
		return -1;
	if (d->access && strspn(d->access, "rwm") != strlen(d->access))
		return json_fail(&access, err, "must be a combination of r, w and m");
	r = json_get_enum(v, at, "type", false, types, "device type", &type, err);
	if (r < 0)
		return -1;
	d->type = r > 0 ? types[type][0] : 0;
	return 0;
}

/* --- memory, cpu, pids */

static const struct json_field memory_fields[] = {
	JSON_OPTIONAL(struct oci_memory, "limit", JSON_INT64, limit),
	JSON_OPTIONAL(struct oci_memory, "reservation", JSON_INT64, reservation),
	JSON_OPTIONAL(struct oci_memory, "swap", JSON_INT64, swap),
	JSON_OPTIONAL(struct oci_memory, "kernel", JSON_INT64, kernel),
	JSON_OPTIONAL(struct oci_memory, "kernelTCP", JSON_INT64, kernel_tcp),
	JSON_OPTIONAL(struct oci_memory, "swappiness", JSON_UINT64, swappiness),
	JSON_OPTIONAL(struct oci_memory, "disableOOMKiller", JSON_BOOL, disable_oom_killer),
	JSON_OPTIONAL(struct oci_memory, "useHierarchy", JSON_BOOL, use_hierarchy),
	JSON_OPTIONAL(struct oci_memory, "checkBeforeUpdate", JSON_BOOL, check_before_update),
};

static const struct json_field cpu_fields[] = {
	JSON_OPTIONAL(struct oci_cpu, "shares", JSON_UINT64, shares),
	JSON_OPTIONAL(struct oci_cpu, "quota", JSON_INT64, quota),
	JSON_OPTIONAL(struct oci_cpu, "burst", JSON_UINT64, burst),
	JSON_OPTIONAL(struct oci_cpu, "period", JSON_UINT64, period),
	JSON_OPTIONAL(struct oci_cpu, "realtimeRuntime", JSON_INT64, realtime_runtime),
	JSON_OPTIONAL(struct oci_cpu, "realtimePeriod", JSON_UINT64, realtime_period),
	JSON_FIELD(struct oci_cpu, "cpus", JSON_STRING, cpus),
	JSON_FIELD(struct oci_cpu, "mems", JSON_STRING, mems),
	JSON_OPTIONAL(struct oci_cpu, "idle", JSON_INT64, idle),
};

/* pids is an object of one member: keep it flat in the model. */
static int read_pids(yajl_val v, const struct json_path *at, struct oci_resources *r,
		     struct hrun_error *err)
{
	const struct json_path pids_path = {at, "pids", 0};
	yajl_val pids;
	int found = json_get_object(v, at, "pids", &pids, err);

	if (found <= 0)
		return found;
	found = json_get_int(pids, &pids_path, "limit", false, INT64_MIN, INT64_MAX, &r->pids_limit,
			     err);
	r->has_pids_limit = found > 0;
	return found < 0 ? -1 : 0;
}

/* --- blockIO */

static const struct json_field weight_device_fields[] = {
	JSON_REQUIRED(struct oci_weight_device, "major", JSON_INT64, major),
	JSON_REQUIRED(struct oci_weight_device, "minor", JSON_INT64, minor),
	JSON_OPTIONAL(struct oci_weight_device, "weight", JSON_UINT16, weight),
	JSON_OPTIONAL(struct oci_weight_device, "leafWeight", JSON_UINT16, leaf_weight),
};
JSON_FLAT_READER(read_weight_device, weight_device_fields)

static const struct json_field throttle_device_fields[] = {
	JSON_REQUIRED(struct oci_throttle_device, "major", JSON_INT64, major),
	JSON_REQUIRED(struct oci_throttle_device, "minor", JSON_INT64, minor),
	JSON_REQUIRED(struct oci_throttle_device, "rate", JSON_UINT64, rate),
};
JSON_FLAT_READER(read_throttle_device, throttle_device_fields)

static const struct json_field block_io_fields[] = {
	JSON_OPTIONAL(struct oci_block_io, "weight", JSON_UINT16, weight),
	JSON_OPTIONAL(struct oci_block_io, "leafWeight", JSON_UINT16, leaf_weight),
};

static int read_block_io(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	struct oci_block_io *b = out;

	if (JSON_READ_FIELDS(v, at, block_io_fields, b, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "weightDevice", read_weight_device, &b->weight_device,
			    &b->n_weight_device, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "throttleReadBpsDevice", read_throttle_device,
			    &b->throttle_read_bps, &b->n_throttle_read_bps, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "throttleWriteBpsDevice", read_throttle_device,
			    &b->throttle_write_bps, &b->n_throttle_write_bps, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "throttleReadIOPSDevice", read_throttle_device,
			    &b->throttle_read_iops, &b->n_throttle_read_iops, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "throttleWriteIOPSDevice", read_throttle_device,
			    &b->throttle_write_iops, &b->n_throttle_write_iops, err) < 0)
		return -1;
	return 0;
}

/* --- hugepages, network, rdma */

static const struct json_field hugepage_limit_fields[] = {
	JSON_REQUIRED(struct oci_hugepage_limit, "pageSize", JSON_STRING, page_size),
	JSON_REQUIRED(struct oci_hugepage_limit, "limit", JSON_UINT64, limit),
};
JSON_FLAT_READER(read_hugepage_limit, hugepage_limit_fields)

static const struct json_field net_priority_fields[] = {
	JSON_REQUIRED(struct oci_net_priority, "name", JSON_STRING, name),
	JSON_REQUIRED(struct oci_net_priority, "priority", JSON_UINT32, priority),
};
JSON_FLAT_READER(read_net_priority, net_priority_fields)

static const struct json_field network_fields[] = {
	JSON_OPTIONAL(struct oci_network_resources, "classID", JSON_UINT32, class_id),
};

static int read_network(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	struct oci_network_resources *n = out;

	if (JSON_READ_FIELDS(v, at, network_fields, n, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "priorities", read_net_priority, &n->priorities,
			    &n->n_priorities, err) < 0)
		return -1;
	return 0;
}

static const struct json_field rdma_fields[] = {
	JSON_OPTIONAL(struct oci_rdma, "hcaHandles", JSON_UINT32, hca_handles),
	JSON_OPTIONAL(struct oci_rdma, "hcaObjects", JSON_UINT32, hca_objects),
};
JSON_FLAT_READER(read_rdma, rdma_fields)

/* --- resources */

int oci_read_resources(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	struct oci_resources *res = out;

	if (JSON_READ_ARRAY(v, at, "devices", read_device_cgroup, &res->devices, &res->n_devices,
			    err) < 0 ||
	    JSON_READ_FLAT_OBJECT(v, at, "memory", memory_fields, &res->memory, err) < 0 ||
	    JSON_READ_FLAT_OBJECT(v, at, "cpu", cpu_fields, &res->cpu, err) < 0 ||
	    read_pids(v, at, res, err) < 0 ||
	    JSON_READ_OBJECT(v, at, "blockIO", read_block_io, &res->block_io, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "hugepageLimits", read_hugepage_limit, &res->hugepage_limits,
			    &res->n_hugepage_limits, err) < 0 ||
	    JSON_READ_OBJECT(v, at, "network", read_network, &res->network, err) < 0 ||
	    JSON_READ_MAP(v, at, "rdma", device, read_rdma, &res->rdma, &res->n_rdma, err) < 0 ||
	    JSON_READ_MAP(v, at, "unified", key, oci_read_string_entry, &res->unified,
			  &res->n_unified, err) < 0)
		return -1;
	return 0;
}
