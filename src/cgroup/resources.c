/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The limits v1 and v2 write alike, the unified map, and cg_apply(): the
 * one entry point that turns linux.resources into cgroup writes. */
#include "cgroup/internal.h"
#include "oci/spec.h"
#include "util/cleanup.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#define DFLT(cond) ((cond) ? CG_W_DEFAULT : 0)

/* "2MB", "1GB", "64KB": digits and a unit, nothing that could leave the
 * directory once pasted into a file name. */
static int check_page_size(const char *size, struct hrun_error *err)
{
	size_t digits = strspn(size ? size : "", "0123456789");

	if (!size || digits == 0 || size[0] == '0' ||
	    (strcmp(size + digits, "KB") && strcmp(size + digits, "MB") &&
	     strcmp(size + digits, "GB")))
		return hrun_error_set(err, 0, "hugepageLimits: page size `%s` is not like `2MB`",
				      size ? size : "");
	return 0;
}

static int hugetlb_writes(const struct oci_resources *res, bool v2, struct cg_writes *l,
			  struct hrun_error *err)
{
	for (size_t i = 0; i < res->n_hugepage_limits; i++) {
		const struct oci_hugepage_limit *h = &res->hugepage_limits[i];
		char file[64];

		if (check_page_size(h->page_size, err) < 0)
			return -1;
		snprintf(file, sizeof file, "hugetlb.%s.%s", h->page_size,
			 v2 ? "max" : "limit_in_bytes");
		if (h->limit == UINT64_MAX)
			cg_writes_add(l, CG_HUGETLB, CG_W_DEFAULT | (v2 ? 0 : CG_W_V2_ALT), file,
				      "%s", v2 ? "max" : "-1");
		else
			cg_writes_add(l, CG_HUGETLB, v2 ? 0 : CG_W_V2_ALT, file, "%" PRIu64,
				      h->limit);
		if (v2)
			continue;
		snprintf(file, sizeof file, "hugetlb.%s.max", h->page_size);
		if (h->limit == UINT64_MAX)
			cg_writes_alt(l, file, "max");
		else
			cg_writes_alt(l, file, "%" PRIu64, h->limit);
	}
	return 0;
}

static void network_writes(const struct oci_network_resources *n, struct cg_writes *l)
{
	if (n->has_class_id)
		cg_writes_add(l, CG_NET_CLS, DFLT(n->class_id == 0), "net_cls.classid", "%" PRIu32,
			      n->class_id);
	for (size_t i = 0; i < n->n_priorities; i++)
		cg_writes_add(l, CG_NET_PRIO, 0, "net_prio.ifpriomap", "%s %" PRIu32,
			      n->priorities[i].name, n->priorities[i].priority);
}

static void rdma_writes(const struct oci_resources *res, struct cg_writes *l)
{
	for (size_t i = 0; i < res->n_rdma; i++) {
		const struct oci_rdma *r = &res->rdma[i];
		char handles[32] = "", objects[32] = "";

		if (!r->has_hca_handles && !r->has_hca_objects)
			continue;
		if (r->has_hca_handles)
			snprintf(handles, sizeof handles, " hca_handle=%" PRIu32, r->hca_handles);
		if (r->has_hca_objects)
			snprintf(objects, sizeof objects, " hca_object=%" PRIu32, r->hca_objects);
		cg_writes_add(l, CG_RDMA, 0, "rdma.max", "%s%s%s", r->device, handles, objects);
	}
}

int cg_resources_common(const struct oci_resources *res, bool v2, struct cg_writes *l,
			struct hrun_error *err)
{
	/* pids.limit: 0 is a real limit (no new task); negative is none */
	if (res->has_pids_limit && res->pids_limit < 0)
		cg_writes_add(l, CG_PIDS, CG_W_DEFAULT, "pids.max", "max");
	else if (res->has_pids_limit)
		cg_writes_add(l, CG_PIDS, 0, "pids.max", "%" PRId64, res->pids_limit);
	if (res->cpu && res->cpu->cpus && *res->cpu->cpus)
		cg_writes_add(l, CG_CPUSET, 0, "cpuset.cpus", "%s", res->cpu->cpus);
	if (res->cpu && res->cpu->mems && *res->cpu->mems)
		cg_writes_add(l, CG_CPUSET, 0, "cpuset.mems", "%s", res->cpu->mems);
	if (hugetlb_writes(res, v2, l, err) < 0)
		return -1;
	if (res->network)
		network_writes(res->network, l);
	rdma_writes(res, l);
	return 0;
}

/* A unified key names a file of the container's own directory:
 * "<controller>.<knob>", never a path. */
static int unified_ctrl(const char *key, struct hrun_error *err)
{
	const char *dot = strchr(key, '.');

	if (!dot || dot == key || strchr(key, '/') || strcmp(key, "..") == 0)
		return hrun_error_set(err, 0, "unified: `%s` is not a cgroup v2 file name", key);
	if ((size_t)(dot - key) == 6 && strncmp(key, "cgroup", 6) == 0)
		return CG_CORE;
	int c = cg_ctrl_parse(key, (size_t)(dot - key));
	/* a controller hrun does not know (newer than hrun): the kernel has
	 * the last word, as the file is there or not */
	return c < 0 ? CG_CORE : c;
}

int cg_unified_writes(const struct oci_resources *res, unsigned flags, struct cg_writes *l,
		      struct hrun_error *err)
{
	for (size_t i = 0; i < res->n_unified; i++) {
		int c = unified_ctrl(res->unified[i].key, err);

		if (c < 0)
			return -1;
		cg_writes_add(l, (enum cg_ctrl)c, flags, res->unified[i].key, "%s",
			      res->unified[i].value);
	}
	return 0;
}

unsigned cg_unified_ctrls(const struct oci_resources *res)
{
	struct hrun_error ignored;
	unsigned bits = 0;

	for (size_t i = 0; res && i < res->n_unified; i++) {
		int c = unified_ctrl(res->unified[i].key, &ignored);
		if (c >= 0 && c != CG_CORE)
			bits |= CG_BIT(c);
	}
	return bits;
}

int cg_apply(const struct cgroup *cg, const struct oci_resources *res, struct hrun_error *err)
{
	struct cg_writes l = {0};
	enum cgroup_mode mode = cg->layout.mode;
	int ret;

	if (!res)
		return 0;
	if (mode == CGROUP_MODE_V2)
		ret = cg_resources_v2(res, &l, err);
	else
		ret = cg_resources_v1(res, mode == CGROUP_MODE_HYBRID, &l, err);
	if (ret == 0)
		ret = cg_writes_apply(cg, &l, err);
	cg_writes_free(&l);
	if (ret == 0)
		ret = cg_devices_apply(cg, res, err);
	return ret;
}
