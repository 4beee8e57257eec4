/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Release a model, including one the parser left half-filled: every count
 * matches the elements allocated, and unfilled ones are zero. */
#include <stdlib.h>

#include "oci/spec.h"

static void free_strv(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void oci_annotations_free(struct oci_annotation *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(e[i].key);
		free(e[i].value);
	}
	free(e);
}

static void free_mounts(struct oci_mount *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].destination);
		free(m[i].type);
		free(m[i].source);
		free_strv(m[i].options, m[i].n_options);
		free(m[i].uid_mappings);
		free(m[i].gid_mappings);
	}
	free(m);
}

static void free_capabilities(struct oci_capabilities *c)
{
	if (!c)
		return;
	free_strv(c->bounding, c->n_bounding);
	free_strv(c->effective, c->n_effective);
	free_strv(c->inheritable, c->n_inheritable);
	free_strv(c->permitted, c->n_permitted);
	free_strv(c->ambient, c->n_ambient);
	free(c);
}

void oci_process_free(struct oci_process *p)
{
	if (!p)
		return;
	free(p->console_size);
	free(p->user.additional_gids);
	free(p->user.username);
	free_strv(p->args, p->n_args);
	free(p->command_line);
	free_strv(p->env, p->n_env);
	free(p->cwd);
	free_capabilities(p->capabilities);
	for (size_t i = 0; i < p->n_rlimits; i++)
		free(p->rlimits[i].type);
	free(p->rlimits);
	free(p->apparmor_profile);
	free(p->selinux_label);
	if (p->scheduler) {
		free(p->scheduler->policy);
		free_strv(p->scheduler->flags, p->scheduler->n_flags);
		free(p->scheduler);
	}
	if (p->io_priority)
		free(p->io_priority->class_);
	free(p->io_priority);
	if (p->exec_cpu_affinity) {
		free(p->exec_cpu_affinity->initial);
		free(p->exec_cpu_affinity->final);
	}
	free(p->exec_cpu_affinity);
	free(p);
}

static void free_hook_list(struct oci_hook *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(h[i].path);
		free_strv(h[i].args, h[i].n_args);
		free_strv(h[i].env, h[i].n_env);
	}
	free(h);
}

static void free_hooks(struct oci_hooks *h)
{
	if (!h)
		return;
	free_hook_list(h->prestart, h->n_prestart);
	free_hook_list(h->create_runtime, h->n_create_runtime);
	free_hook_list(h->create_container, h->n_create_container);
	free_hook_list(h->start_container, h->n_start_container);
	free_hook_list(h->poststart, h->n_poststart);
	free_hook_list(h->poststop, h->n_poststop);
	free(h);
}

static void free_block_io(struct oci_block_io *b)
{
	if (!b)
		return;
	free(b->weight_device);
	free(b->throttle_read_bps);
	free(b->throttle_write_bps);
	free(b->throttle_read_iops);
	free(b->throttle_write_iops);
	free(b);
}

void oci_resources_free(struct oci_resources *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n_devices; i++)
		free(r->devices[i].access);
	free(r->devices);
	free(r->memory);
	if (r->cpu) {
		free(r->cpu->cpus);
		free(r->cpu->mems);
	}
	free(r->cpu);
	free_block_io(r->block_io);
	for (size_t i = 0; i < r->n_hugepage_limits; i++)
		free(r->hugepage_limits[i].page_size);
	free(r->hugepage_limits);
	if (r->network) {
		for (size_t i = 0; i < r->network->n_priorities; i++)
			free(r->network->priorities[i].name);
		free(r->network->priorities);
	}
	free(r->network);
	for (size_t i = 0; i < r->n_rdma; i++)
		free(r->rdma[i].device);
	free(r->rdma);
	oci_annotations_free(r->unified, r->n_unified);
	free(r);
}

static void free_seccomp(struct oci_seccomp *s)
{
	if (!s)
		return;
	free(s->default_action);
	free_strv(s->architectures, s->n_architectures);
	free_strv(s->flags, s->n_flags);
	free(s->listener_path);
	free(s->listener_metadata);
	for (size_t i = 0; i < s->n_syscalls; i++) {
		free_strv(s->syscalls[i].names, s->syscalls[i].n_names);
		free(s->syscalls[i].action);
		free(s->syscalls[i].args);
	}
	free(s->syscalls);
	free(s);
}

/* personality, intelRdt and memoryPolicy */
static void free_small_objects(struct oci_linux *l)
{
	if (l->personality) {
		free(l->personality->domain);
		free_strv(l->personality->flags, l->personality->n_flags);
	}
	free(l->personality);
	if (l->intel_rdt) {
		free(l->intel_rdt->clos_id);
		free(l->intel_rdt->l3_cache_schema);
		free(l->intel_rdt->mem_bw_schema);
		free_strv(l->intel_rdt->schemata, l->intel_rdt->n_schemata);
	}
	free(l->intel_rdt);
	if (l->memory_policy) {
		free(l->memory_policy->mode);
		free(l->memory_policy->nodes);
		free_strv(l->memory_policy->flags, l->memory_policy->n_flags);
	}
	free(l->memory_policy);
}

static void free_linux(struct oci_linux *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->n_namespaces; i++)
		free(l->namespaces[i].path);
	free(l->namespaces);
	free(l->uid_mappings);
	free(l->gid_mappings);
	for (size_t i = 0; i < l->n_time_offsets; i++)
		free(l->time_offsets[i].clock);
	free(l->time_offsets);
	for (size_t i = 0; i < l->n_devices; i++)
		free(l->devices[i].path);
	free(l->devices);
	free(l->cgroups_path);
	oci_resources_free(l->resources);
	free(l->rootfs_propagation);
	free_strv(l->masked_paths, l->n_masked_paths);
	free_strv(l->readonly_paths, l->n_readonly_paths);
	free(l->mount_label);
	oci_annotations_free(l->sysctl, l->n_sysctl);
	free_seccomp(l->seccomp);
	free_small_objects(l);
	for (size_t i = 0; i < l->n_net_devices; i++) {
		free(l->net_devices[i].host_name);
		free(l->net_devices[i].name);
	}
	free(l->net_devices);
	free(l);
}

void oci_spec_free(struct oci_spec *spec)
{
	if (!spec)
		return;
	free(spec->oci_version);
	if (spec->root)
		free(spec->root->path);
	free(spec->root);
	free_mounts(spec->mounts, spec->n_mounts);
	oci_process_free(spec->process);
	free(spec->hostname);
	free(spec->domainname);
	free_hooks(spec->hooks);
	oci_annotations_free(spec->annotations, spec->n_annotations);
	free_linux(spec->linux_);
	free(spec);
}
