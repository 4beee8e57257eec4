/* SPDX-License-Identifier: GPL-2.0-or-later */
/* config.json: linux (namespaces, id mappings, devices, paths, sysctl and
 * the smaller Linux-only objects); resources and seccomp have files of
 * their own. */
#include "oci/parse.h"

#include <stdlib.h>

/* --- namespaces */

static const struct json_field namespace_fields[] = {
	JSON_FIELD(struct oci_namespace, "path", JSON_STRING, path),
};

static int read_namespace(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	struct oci_namespace *ns = out;
	int type;

	if (JSON_READ_FIELDS(v, at, namespace_fields, ns, err) < 0 ||
	    json_get_enum(v, at, "type", true, oci_ns_names, "namespace type", &type, err) < 0)
		return -1;
	ns->type = (enum oci_ns_type)type;
	/* "path": "" means no path, as runc reads it: a new namespace */
	if (ns->path && !ns->path[0]) {
		free(ns->path);
		ns->path = NULL;
	}
	return 0;
}

/* Each namespace type may appear once: the second one is the error. */
static int check_unique_namespaces(const struct oci_linux *l, const struct json_path *at,
				   struct hrun_error *err)
{
	const struct json_path array = {at, "namespaces", 0};

	for (size_t i = 0; i < l->n_namespaces; i++) {
		for (size_t j = 0; j < i; j++) {
			const struct json_path elem = {&array, NULL, i};
			const struct json_path type = {&elem, "type", 0};

			if (l->namespaces[j].type == l->namespaces[i].type)
				return json_fail(&type, err, "duplicate namespace type \"%s\"",
						 oci_ns_type_name(l->namespaces[i].type));
		}
	}
	return 0;
}

/* --- devices */

static const struct json_field device_fields[] = {
	JSON_REQUIRED(struct oci_device, "path", JSON_STRING, path),
	JSON_FIELD(struct oci_device, "major", JSON_INT64, major),
	JSON_FIELD(struct oci_device, "minor", JSON_INT64, minor),
	JSON_OPTIONAL(struct oci_device, "fileMode", JSON_UINT32, file_mode),
	JSON_OPTIONAL(struct oci_device, "uid", JSON_UINT32, uid),
	JSON_OPTIONAL(struct oci_device, "gid", JSON_UINT32, gid),
};

static int read_device(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	static const char *const types[] = {"c", "u", "b", "p", NULL};
	struct oci_device *d = out;
	int type;

	if (JSON_READ_FIELDS(v, at, device_fields, d, err) < 0 ||
	    json_get_enum(v, at, "type", true, types, "device type", &type, err) < 0)
		return -1;
	d->type = types[type][0];
	return 0;
}

/* --- the smaller objects */

static const struct json_field time_offset_fields[] = {
	JSON_FIELD(struct oci_time_offset, "secs", JSON_INT64, secs),
	JSON_FIELD(struct oci_time_offset, "nanosecs", JSON_UINT32, nanosecs),
};
JSON_FLAT_READER(read_time_offset, time_offset_fields)

static const struct json_field personality_fields[] = {
	JSON_REQUIRED(struct oci_personality, "domain", JSON_STRING, domain),
	JSON_STRV_FIELD(struct oci_personality, "flags", flags),
};

static const struct json_field intel_rdt_fields[] = {
	JSON_FIELD(struct oci_intel_rdt, "closID", JSON_STRING, clos_id),
	JSON_FIELD(struct oci_intel_rdt, "l3CacheSchema", JSON_STRING, l3_cache_schema),
	JSON_FIELD(struct oci_intel_rdt, "memBwSchema", JSON_STRING, mem_bw_schema),
	JSON_STRV_FIELD(struct oci_intel_rdt, "schemata", schemata),
	JSON_FIELD(struct oci_intel_rdt, "enableMonitoring", JSON_BOOL, enable_monitoring),
};

static const struct json_field memory_policy_fields[] = {
	JSON_REQUIRED(struct oci_memory_policy, "mode", JSON_STRING, mode),
	JSON_FIELD(struct oci_memory_policy, "nodes", JSON_STRING, nodes),
	JSON_STRV_FIELD(struct oci_memory_policy, "flags", flags),
};

static const struct json_field net_device_fields[] = {
	JSON_FIELD(struct oci_net_device, "name", JSON_STRING, name),
};
JSON_FLAT_READER(read_net_device, net_device_fields)

/* --- linux */

static const struct json_field linux_fields[] = {
	JSON_FIELD(struct oci_linux, "cgroupsPath", JSON_STRING, cgroups_path),
	JSON_FIELD(struct oci_linux, "rootfsPropagation", JSON_STRING, rootfs_propagation),
	JSON_STRV_FIELD(struct oci_linux, "maskedPaths", masked_paths),
	JSON_STRV_FIELD(struct oci_linux, "readonlyPaths", readonly_paths),
	JSON_FIELD(struct oci_linux, "mountLabel", JSON_STRING, mount_label),
};

static int read_arrays(yajl_val v, const struct json_path *at, struct oci_linux *l,
		       struct hrun_error *err)
{
	if (JSON_READ_ARRAY(v, at, "namespaces", read_namespace, &l->namespaces, &l->n_namespaces,
			    err) < 0 ||
	    check_unique_namespaces(l, at, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "uidMappings", oci_read_id_mapping, &l->uid_mappings,
			    &l->n_uid_mappings, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "gidMappings", oci_read_id_mapping, &l->gid_mappings,
			    &l->n_gid_mappings, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "devices", read_device, &l->devices, &l->n_devices, err) < 0)
		return -1;
	return 0;
}

static int read_maps(yajl_val v, const struct json_path *at, struct oci_linux *l,
		     struct hrun_error *err)
{
	if (JSON_READ_MAP(v, at, "timeOffsets", clock, read_time_offset, &l->time_offsets,
			  &l->n_time_offsets, err) < 0 ||
	    JSON_READ_MAP(v, at, "sysctl", key, oci_read_string_entry, &l->sysctl, &l->n_sysctl,
			  err) < 0 ||
	    JSON_READ_MAP(v, at, "netDevices", host_name, read_net_device, &l->net_devices,
			  &l->n_net_devices, err) < 0)
		return -1;
	return 0;
}

static int read_objects(yajl_val obj, const struct json_path *at, struct oci_linux *l,
			struct hrun_error *err)
{
	if (JSON_READ_OBJECT(obj, at, "resources", oci_read_resources, &l->resources, err) < 0 ||
	    JSON_READ_OBJECT(obj, at, "seccomp", oci_read_seccomp, &l->seccomp, err) < 0 ||
	    JSON_READ_FLAT_OBJECT(obj, at, "personality", personality_fields, &l->personality,
				  err) < 0 ||
	    JSON_READ_FLAT_OBJECT(obj, at, "intelRdt", intel_rdt_fields, &l->intel_rdt, err) < 0 ||
	    JSON_READ_FLAT_OBJECT(obj, at, "memoryPolicy", memory_policy_fields, &l->memory_policy,
				  err) < 0)
		return -1;
	return 0;
}

int oci_read_linux(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	struct oci_linux *l = out;

	if (JSON_READ_FIELDS(v, at, linux_fields, l, err) < 0 || read_arrays(v, at, l, err) < 0 ||
	    read_maps(v, at, l, err) < 0 || read_objects(v, at, l, err) < 0)
		return -1;
	return 0;
}
