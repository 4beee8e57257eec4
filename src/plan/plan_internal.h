/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Shared between the files of src/plan: each builds one part of the plan. */
#ifndef HRUN_PLAN_INTERNAL_H
#define HRUN_PLAN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "plan/plan.h"

struct oci_spec;
struct oci_linux;
struct hrun_error;

/* plan_ns.c: clone_flags, joins, id maps, hostname, domainname. */
int plan_build_namespaces(struct plan *plan, const struct oci_spec *spec, struct hrun_error *err);
/* The namespace types in printing order: CLONE_NEW* and the config name. */
struct plan_ns_name {
	int flag;
	const char *name;
};
extern const struct plan_ns_name plan_ns_names[];
extern const size_t plan_n_ns_names;
/* Whether the container has a namespace of that type of its own: new,
 * or joined by path. */
bool plan_has_ns(const struct plan *plan, int flag);
/* The n mappings of config.json as the plan keeps them, in *out. */
struct oci_id_mapping;
int plan_copy_map(struct plan_id_map **out, size_t *n_out, const struct oci_id_mapping *in,
		  size_t n, struct hrun_error *err);

/* plan_linux.c: timeOffsets, netDevices, mountLabel, intelRdt;
 * linux.sysctl's op. */
int plan_build_linux(struct plan *plan, const struct oci_spec *spec, struct hrun_error *err);
void plan_rdt_free(struct plan_rdt *rdt);
int plan_add_sysctl(struct plan *plan, const struct oci_linux *lx, struct hrun_error *err);

/* plan_attrs.c: the workload's kernel attributes, and their name tables. */
int plan_build_attrs(struct plan_attrs *a, const struct oci_spec *spec, struct hrun_error *err);
void plan_attrs_free(struct plan_attrs *a);
struct name_table;
extern const struct name_table plan_sched_policies, plan_sched_flags, plan_ioprio_classes,
	plan_personalities, plan_mempolicy_modes, plan_mempolicy_flags, plan_clocks;

/* plan_process.c */
int plan_build_process(struct plan_process *proc, const struct oci_spec *spec,
		       struct hrun_error *err);
void plan_process_free(struct plan_process *proc);

/* plan_ops.c: mounts, devices, masked and read-only paths, read-only root. */
int plan_build_ops(struct plan *plan, const struct oci_spec *spec, const char *bundle,
		   struct hrun_error *err);
/* Append an op of `type` on `target` (may be NULL); NULL when out of memory. */
struct op *plan_add_op(struct plan *plan, const struct op_type *type, const char *target,
		       struct hrun_error *err);

/* plan_idmap.c: mounts[i]'s id mapping, when it asks for one, on its
 * bind op (checked: a bind, both maps or a user namespace to take). */
struct mount_opts;
struct oci_mount;
int plan_add_idmap(const struct plan *plan, struct op *op, const struct oci_mount *m, size_t i,
		   const struct mount_opts *o, struct hrun_error *err);
bool plan_wants_idmap(const struct oci_mount *m, const struct mount_opts *o);

/* Memory helpers: on failure they fill *err with ENOMEM. */
void *plan_alloc(size_t n, size_t size, struct hrun_error *err);
char *plan_strdup(const char *s, struct hrun_error *err);
/* Copy n strings into a NULL-terminated vector. */
char **plan_strv_dup(char *const *v, size_t n, struct hrun_error *err);
void plan_strv_free(char **v);
/* dir + "/" + path, without doubling the slash. */
char *plan_path_join(const char *dir, const char *path, struct hrun_error *err);

#endif
