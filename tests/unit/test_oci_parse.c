/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The parser reads every field of a full config.json into the model
 * (tests/unit/data/oci/full.json touches each one). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "oci/spec.h"
#include "util/error.h"

#define STRV(...) ((const char *const[]){__VA_ARGS__, NULL})

/* v holds exactly `expected`, in order, and is NULL-terminated. */
static void assert_strv(char **v, size_t n, const char *const *expected)
{
	size_t i;

	assert_non_null(v);
	for (i = 0; expected[i]; i++) {
		assert_true(i < n);
		assert_string_equal(v[i], expected[i]);
	}
	assert_int_equal(n, i);
	assert_null(v[n]);
}

static void assert_id_mapping(const struct oci_id_mapping *m, uint32_t container_id,
			      uint32_t host_id, uint32_t size)
{
	assert_int_equal(m->container_id, container_id);
	assert_int_equal(m->host_id, host_id);
	assert_int_equal(m->size, size);
}

static int load_full(void **state)
{
	struct hrun_error err = {0};

	*state = oci_spec_load(TEST_DATA_DIR "/full.json", &err);
	if (!*state)
		print_error("%s\n", err.msg);
	return *state ? 0 : -1;
}

static int free_full(void **state)
{
	oci_spec_free(*state);
	return 0;
}

static void test_top_level_root_and_mounts(void **state)
{
	const struct oci_spec *s = *state;

	assert_string_equal(s->oci_version, "1.3.0");
	assert_string_equal(s->root->path, "rootfs");
	assert_true(s->root->readonly);
	assert_string_equal(s->hostname, "box");
	assert_string_equal(s->domainname, "example.org");
	assert_int_equal(s->n_mounts, 2);
	assert_string_equal(s->mounts[0].destination, "/proc");
	assert_string_equal(s->mounts[0].type, "proc");
	assert_string_equal(s->mounts[0].source, "proc");
	assert_null(s->mounts[0].options);
	assert_null(s->mounts[0].uid_mappings);
	assert_string_equal(s->mounts[1].source, "/srv/data");
	assert_strv(s->mounts[1].options, s->mounts[1].n_options, STRV("rbind", "ro", "idmap"));
	assert_int_equal(s->mounts[1].n_uid_mappings, 1);
	assert_id_mapping(&s->mounts[1].uid_mappings[0], 0, 100000, 65536);
	assert_int_equal(s->mounts[1].n_gid_mappings, 1);
	assert_id_mapping(&s->mounts[1].gid_mappings[0], 1, 200000, 10);
}

static void test_process_user_args_env(void **state)
{
	const struct oci_process *p = ((const struct oci_spec *)*state)->process;

	assert_true(p->terminal);
	assert_int_equal(p->console_size->height, 24);
	assert_int_equal(p->console_size->width, 80);
	assert_int_equal(p->user.uid, 1000);
	assert_int_equal(p->user.gid, 1001);
	assert_true(p->user.has_umask);
	assert_int_equal(p->user.umask, 18);
	assert_int_equal(p->user.n_additional_gids, 2);
	assert_int_equal(p->user.additional_gids[0], 5);
	assert_int_equal(p->user.additional_gids[1], UINT32_MAX);
	assert_string_equal(p->user.username, "ignored");
	assert_strv(p->args, p->n_args, STRV("/bin/sh", "-c", "echo hi"));
	assert_string_equal(p->command_line, "cmd.exe");
	assert_strv(p->env, p->n_env, STRV("PATH=/bin", "TERM=xterm"));
	assert_string_equal(p->cwd, "/work");
}

static void test_process_capabilities_and_limits(void **state)
{
	const struct oci_process *p = ((const struct oci_spec *)*state)->process;
	const struct oci_capabilities *c = p->capabilities;

	assert_strv(c->bounding, c->n_bounding, STRV("CAP_KILL", "CAP_CHOWN"));
	assert_strv(c->effective, c->n_effective, STRV("CAP_KILL"));
	assert_non_null(c->inheritable); /* present but empty */
	assert_int_equal(c->n_inheritable, 0);
	assert_strv(c->permitted, c->n_permitted, STRV("CAP_KILL", "CAP_CHOWN"));
	assert_strv(c->ambient, c->n_ambient, STRV("CAP_CHOWN"));
	assert_int_equal(p->n_rlimits, 2);
	assert_string_equal(p->rlimits[0].type, "RLIMIT_NOFILE");
	assert_int_equal(p->rlimits[0].hard, 1024);
	assert_int_equal(p->rlimits[0].soft, 512);
	assert_string_equal(p->rlimits[1].type, "RLIMIT_CORE");
	assert_true(p->rlimits[1].hard == UINT64_MAX);
	assert_true(p->rlimits[1].soft == UINT64_MAX);
	assert_true(p->no_new_privileges);
	assert_string_equal(p->apparmor_profile, "hrun-default");
	assert_true(p->has_oom_score_adj);
	assert_int_equal(p->oom_score_adj, -500);
	assert_string_equal(p->selinux_label, "system_u:system_r:container_t:s0");
}

static void test_process_scheduling(void **state)
{
	const struct oci_process *p = ((const struct oci_spec *)*state)->process;

	assert_string_equal(p->scheduler->policy, "SCHED_DEADLINE");
	assert_int_equal(p->scheduler->nice, -5);
	assert_int_equal(p->scheduler->priority, 3);
	assert_strv(p->scheduler->flags, p->scheduler->n_flags, STRV("SCHED_FLAG_RESET_ON_FORK"));
	assert_int_equal(p->scheduler->runtime, 10000000);
	assert_int_equal(p->scheduler->deadline, 20000000);
	assert_int_equal(p->scheduler->period, 30000000);
	assert_string_equal(p->io_priority->class_, "IOPRIO_CLASS_BE");
	assert_int_equal(p->io_priority->priority, 4);
	assert_string_equal(p->exec_cpu_affinity->initial, "0-3");
	assert_string_equal(p->exec_cpu_affinity->final, "2");
}

static void test_hooks_all_six_kinds(void **state)
{
	const struct oci_hooks *h = ((const struct oci_spec *)*state)->hooks;

	assert_int_equal(h->n_prestart, 1);
	assert_string_equal(h->prestart[0].path, "/bin/prestart");
	assert_strv(h->prestart[0].args, h->prestart[0].n_args, STRV("prestart", "x"));
	assert_strv(h->prestart[0].env, h->prestart[0].n_env, STRV("A=1"));
	assert_true(h->prestart[0].has_timeout);
	assert_int_equal(h->prestart[0].timeout, 5);
	assert_int_equal(h->n_create_runtime, 2);
	assert_string_equal(h->create_runtime[1].path, "/bin/create-runtime-2");
	assert_null(h->create_runtime[0].args);
	assert_false(h->create_runtime[0].has_timeout);
	assert_int_equal(h->n_create_container, 1);
	assert_string_equal(h->create_container[0].path, "/bin/create-container");
	assert_int_equal(h->n_start_container, 1);
	assert_string_equal(h->start_container[0].path, "/bin/start-container");
	assert_int_equal(h->n_poststart, 1);
	assert_string_equal(h->poststart[0].path, "/bin/poststart");
	assert_int_equal(h->n_poststop, 1);
	assert_int_equal(h->poststop[0].timeout, INT32_MAX);
}

static void test_annotations_and_lookups(void **state)
{
	const struct oci_spec *s = *state;

	assert_int_equal(s->n_annotations, 2);
	assert_string_equal(oci_spec_annotation(s, "org.example.key"), "value");
	assert_string_equal(oci_spec_annotation(s, "other"), "");
	assert_null(oci_spec_annotation(s, "missing"));
	assert_string_equal(oci_spec_namespace(s, OCI_NS_NETWORK)->path, "/var/run/netns/box");
	assert_null(oci_spec_namespace(s, OCI_NS_PID)->path);
	assert_string_equal(oci_ns_type_name(OCI_NS_PID), "pid");
	assert_string_equal(oci_ns_type_name(OCI_NS_NETWORK), "network");
	assert_string_equal(oci_ns_type_name(OCI_NS_TIME), "time");
}

static void test_linux_namespaces_and_mappings(void **state)
{
	const struct oci_linux *l = ((const struct oci_spec *)*state)->linux_;

	assert_int_equal(l->n_namespaces, 8);
	/* the fixture lists them in the enum's order, pid to time */
	for (size_t i = 0; i < l->n_namespaces; i++)
		assert_int_equal(l->namespaces[i].type, i);
	assert_int_equal(l->n_uid_mappings, 1);
	assert_id_mapping(&l->uid_mappings[0], 0, 1000, 1);
	assert_int_equal(l->n_gid_mappings, 2);
	assert_id_mapping(&l->gid_mappings[1], 1, 100000, 65536);
	assert_int_equal(l->n_time_offsets, 2);
	assert_string_equal(l->time_offsets[0].clock, "monotonic");
	assert_int_equal(l->time_offsets[0].secs, -86400);
	assert_int_equal(l->time_offsets[0].nanosecs, 500);
	assert_string_equal(l->time_offsets[1].clock, "boottime");
	assert_true(l->time_offsets[1].secs == INT64_MAX);
	assert_int_equal(l->time_offsets[1].nanosecs, 0);
}

static void test_linux_devices_paths_and_sysctl(void **state)
{
	const struct oci_linux *l = ((const struct oci_spec *)*state)->linux_;

	assert_int_equal(l->n_devices, 2);
	assert_string_equal(l->devices[0].path, "/dev/fuse");
	assert_int_equal(l->devices[0].type, 'c');
	assert_int_equal(l->devices[0].major, 10);
	assert_int_equal(l->devices[0].minor, 229);
	assert_true(l->devices[0].has_file_mode && l->devices[0].has_uid && l->devices[0].has_gid);
	assert_int_equal(l->devices[0].file_mode, 0666);
	assert_int_equal(l->devices[1].type, 'p');
	assert_false(l->devices[1].has_file_mode || l->devices[1].has_uid || l->devices[1].has_gid);
	assert_int_equal(l->n_net_devices, 2);
	assert_string_equal(l->net_devices[0].host_name, "eth1");
	assert_string_equal(l->net_devices[0].name, "net0");
	assert_string_equal(l->net_devices[1].host_name, "dummy0");
	assert_null(l->net_devices[1].name);
	assert_string_equal(l->cgroups_path, "/hrun/box");
	assert_string_equal(l->rootfs_propagation, "rslave");
	assert_strv(l->masked_paths, l->n_masked_paths, STRV("/proc/kcore", "/sys/firmware"));
	assert_strv(l->readonly_paths, l->n_readonly_paths, STRV("/proc/sys"));
	assert_string_equal(l->mount_label, "system_u:object_r:container_file_t:s0");
	assert_int_equal(l->n_sysctl, 2);
	assert_string_equal(l->sysctl[0].key, "net.ipv4.ip_forward");
	assert_string_equal(l->sysctl[0].value, "1");
	assert_string_equal(l->sysctl[1].key, "kernel.shmmax");
}

static void test_linux_small_objects(void **state)
{
	const struct oci_linux *l = ((const struct oci_spec *)*state)->linux_;

	assert_string_equal(l->personality->domain, "LINUX32");
	assert_strv(l->personality->flags, l->personality->n_flags, STRV("ADDR_NO_RANDOMIZE"));
	assert_string_equal(l->intel_rdt->clos_id, "guaranteed_group");
	assert_string_equal(l->intel_rdt->l3_cache_schema, "L3:0=7f0;1=1f");
	assert_string_equal(l->intel_rdt->mem_bw_schema, "MB:0=20;1=70");
	assert_strv(l->intel_rdt->schemata, l->intel_rdt->n_schemata, STRV("L2:0=ff"));
	assert_true(l->intel_rdt->enable_monitoring);
	assert_string_equal(l->memory_policy->mode, "MPOL_INTERLEAVE");
	assert_string_equal(l->memory_policy->nodes, "0-1");
	assert_strv(l->memory_policy->flags, l->memory_policy->n_flags,
		    STRV("MPOL_F_STATIC_NODES"));
}

static void test_resources_devices_memory_cpu_pids(void **state)
{
	const struct oci_resources *r = ((const struct oci_spec *)*state)->linux_->resources;
	const struct oci_memory *m = r->memory;
	const struct oci_cpu *c = r->cpu;

	assert_int_equal(r->n_devices, 3);
	assert_false(r->devices[0].allow);
	assert_int_equal(r->devices[0].type, 0);
	assert_false(r->devices[0].has_major || r->devices[0].has_minor);
	assert_string_equal(r->devices[0].access, "rwm");
	assert_true(r->devices[1].allow);
	assert_int_equal(r->devices[1].type, 'c');
	assert_true(r->devices[1].has_major && r->devices[1].has_minor);
	assert_int_equal(r->devices[1].minor, 229);
	assert_int_equal(r->devices[2].type, 'b');
	assert_int_equal(r->devices[2].major, -1);
	assert_null(r->devices[2].access);
	assert_true(m->has_limit && m->has_reservation && m->has_swap && m->has_kernel &&
		    m->has_kernel_tcp && m->has_swappiness && m->has_disable_oom_killer &&
		    m->has_use_hierarchy && m->has_check_before_update);
	assert_int_equal(m->limit, 536870912);
	assert_int_equal(m->reservation, 268435456);
	assert_int_equal(m->swap, -1);
	assert_int_equal(m->kernel, 0);
	assert_int_equal(m->kernel_tcp, 1024);
	assert_int_equal(m->swappiness, 60);
	assert_true(m->disable_oom_killer && !m->use_hierarchy && m->check_before_update);
	assert_true(c->has_shares && c->has_quota && c->has_burst && c->has_period &&
		    c->has_realtime_runtime && c->has_realtime_period && c->has_idle);
	assert_int_equal(c->shares, 1024);
	assert_int_equal(c->quota, -1);
	assert_int_equal(c->burst, 1000);
	assert_int_equal(c->period, 100000);
	assert_int_equal(c->realtime_runtime, 950000);
	assert_int_equal(c->realtime_period, 1000000);
	assert_string_equal(c->cpus, "0-3");
	assert_string_equal(c->mems, "0");
	assert_int_equal(c->idle, 1);
	assert_true(r->has_pids_limit);
	assert_int_equal(r->pids_limit, 32768);
}

static void test_resources_block_io(void **state)
{
	const struct oci_block_io *b =
		((const struct oci_spec *)*state)->linux_->resources->block_io;

	assert_true(b->has_weight && b->has_leaf_weight);
	assert_int_equal(b->weight, 500);
	assert_int_equal(b->leaf_weight, 300);
	assert_int_equal(b->n_weight_device, 2);
	assert_int_equal(b->weight_device[0].major, 8);
	assert_true(b->weight_device[0].has_weight && !b->weight_device[0].has_leaf_weight);
	assert_int_equal(b->weight_device[0].weight, 600);
	assert_int_equal(b->weight_device[1].minor, 16);
	assert_int_equal(b->weight_device[1].leaf_weight, UINT16_MAX);
	assert_int_equal(b->n_throttle_read_bps, 1);
	assert_int_equal(b->throttle_read_bps[0].rate, 104857600);
	assert_int_equal(b->n_throttle_write_bps, 1);
	assert_int_equal(b->throttle_write_bps[0].rate, 52428800);
	assert_int_equal(b->n_throttle_read_iops, 1);
	assert_int_equal(b->throttle_read_iops[0].rate, 1000);
	assert_int_equal(b->n_throttle_write_iops, 2);
	assert_true(b->throttle_write_iops[1].rate == UINT64_MAX);
}

/* `update --resources`: podman's document, and an error naming its path. */
static void test_resources_alone(void **state)
{
	static const char podman[] = "{\"memory\":{\"limit\":100663296,\"swap\":201326592}}";
	static const char bad[] = "{\"pids\":{\"limit\":\"many\"}}";
	struct hrun_error err = {0};
	struct oci_resources *r = oci_resources_parse(podman, strlen(podman), "res.json", &err);

	assert_non_null(r);
	assert_true(r->memory->has_limit && r->memory->has_swap);
	assert_int_equal(r->memory->limit, 100663296);
	assert_int_equal(r->memory->swap, 201326592);
	assert_null(r->cpu);
	assert_false(r->has_pids_limit);
	oci_resources_free(r);
	assert_null(oci_resources_parse(bad, strlen(bad), "res.json", &err));
	assert_non_null(strstr(err.msg, "res.json: pids.limit"));
}

/* exec's --process document: a process object on its own; an error, even
 * after some members were read, names the file and frees what was read. */
static void test_process_alone(void **state)
{
	static const char exec[] = "{\"args\":[\"ls\",\"-l\"],\"cwd\":\"/tmp\","
				   "\"env\":[\"A=1\"],\"user\":{\"uid\":5}}";
	static const char bad[] = "{\"args\":[\"ls\"],\"cwd\":\"/\",\"user\":{\"uid\":-1}}";
	struct hrun_error err = {0};
	struct oci_process *p = oci_process_parse(exec, strlen(exec), "process.json", &err);

	assert_non_null(p);
	assert_strv(p->args, p->n_args, STRV("ls", "-l"));
	assert_string_equal(p->cwd, "/tmp");
	assert_strv(p->env, p->n_env, STRV("A=1"));
	assert_int_equal(p->user.uid, 5);
	oci_process_free(p);
	assert_null(oci_process_parse(bad, strlen(bad), "process.json", &err));
	assert_string_equal(err.msg, "process.json: user.uid: must be an integer between 0 and "
				     "4294967295");
	assert_null(oci_process_parse("{", 1, "process.json", &err));
	assert_non_null(strstr(err.msg, "process.json: invalid JSON: "));
}

static void test_resources_hugepages_network_rdma_unified(void **state)
{
	const struct oci_resources *r = ((const struct oci_spec *)*state)->linux_->resources;

	assert_int_equal(r->n_hugepage_limits, 1);
	assert_string_equal(r->hugepage_limits[0].page_size, "2MB");
	assert_int_equal(r->hugepage_limits[0].limit, 209715200);
	assert_true(r->network->has_class_id);
	assert_int_equal(r->network->class_id, 1048577);
	assert_int_equal(r->network->n_priorities, 1);
	assert_string_equal(r->network->priorities[0].name, "eth0");
	assert_int_equal(r->network->priorities[0].priority, 500);
	assert_int_equal(r->n_rdma, 2);
	assert_string_equal(r->rdma[0].device, "mlx5_1");
	assert_true(r->rdma[0].has_hca_handles && r->rdma[0].has_hca_objects);
	assert_int_equal(r->rdma[0].hca_handles, 3);
	assert_int_equal(r->rdma[0].hca_objects, 10000);
	assert_string_equal(r->rdma[1].device, "mlx4_0");
	assert_false(r->rdma[1].has_hca_handles);
	assert_int_equal(r->n_unified, 2);
	assert_string_equal(r->unified[0].key, "memory.high");
	assert_string_equal(r->unified[0].value, "max");
	assert_string_equal(r->unified[1].value, "default 100");
}

static void test_seccomp(void **state)
{
	const struct oci_seccomp *s = ((const struct oci_spec *)*state)->linux_->seccomp;
	const struct oci_seccomp_syscall *sc = s->syscalls;

	assert_string_equal(s->default_action, "SCMP_ACT_ERRNO");
	assert_true(s->has_default_errno_ret);
	assert_int_equal(s->default_errno_ret, 38);
	assert_strv(s->architectures, s->n_architectures,
		    STRV("SCMP_ARCH_X86_64", "SCMP_ARCH_X86"));
	assert_strv(s->flags, s->n_flags, STRV("SECCOMP_FILTER_FLAG_LOG"));
	assert_string_equal(s->listener_path, "/run/seccomp.sock");
	assert_string_equal(s->listener_metadata, "meta");
	assert_int_equal(s->n_syscalls, 3);
	assert_strv(sc[0].names, sc[0].n_names, STRV("read", "write"));
	assert_string_equal(sc[0].action, "SCMP_ACT_ALLOW");
	assert_false(sc[0].has_errno_ret);
	assert_int_equal(sc[0].n_args, 0);
	assert_string_equal(sc[1].action, "SCMP_ACT_ERRNO");
	assert_true(sc[1].has_errno_ret);
	assert_int_equal(sc[1].errno_ret, 1);
	assert_int_equal(sc[1].n_args, 2);
	assert_int_equal(sc[1].args[0].index, 0);
	assert_int_equal(sc[1].args[0].value, UINT32_MAX);
	assert_int_equal(sc[1].args[0].op, OCI_SECCOMP_OP_NE);
	assert_int_equal(sc[1].args[1].index, 5);
	assert_true(sc[1].args[1].value == UINT64_MAX);
	assert_int_equal(sc[1].args[1].value_two, 3);
	assert_int_equal(sc[1].args[1].op, OCI_SECCOMP_OP_MASKED_EQ);
	assert_string_equal(sc[2].action, "SCMP_ACT_NOTIFY");
}

/* A minimal config leaves every optional part absent. */
static void test_minimal_config_leaves_optional_parts_null(void **state)
{
	static const char text[] = "{\"ociVersion\": \"1.0.0\"}";
	struct hrun_error err = {0};
	struct oci_spec *s = oci_spec_parse(text, strlen(text), "config.json", &err);

	assert_non_null(s);
	assert_null(s->root);
	assert_null(s->process);
	assert_null(s->mounts);
	assert_int_equal(s->n_mounts, 0);
	assert_null(s->hooks);
	assert_null(s->linux_);
	assert_null(s->hostname);
	assert_null(oci_spec_namespace(s, OCI_NS_PID));
	oci_spec_free(s);
}

/* JSON null reads as absent, as in runc; of duplicate members the last
 * one counts, as in Go. */
static void test_null_is_absent_and_last_duplicate_wins(void **state)
{
	static const char text[] =
		"{\"ociVersion\": \"1.0.0\", \"hostname\": null, "
		"\"domainname\": \"a\", \"domainname\": \"b\", "
		"\"process\": {\"args\": [\"x\"], \"cwd\": \"/\", \"env\": null}}";
	struct hrun_error err = {0};
	struct oci_spec *s = oci_spec_parse(text, strlen(text), "config.json", &err);

	assert_non_null(s);
	assert_null(s->hostname);
	assert_string_equal(s->domainname, "b");
	assert_null(s->process->env);
	assert_false(s->process->has_oom_score_adj);
	assert_false(s->process->user.has_umask);
	oci_spec_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_top_level_root_and_mounts),
		cmocka_unit_test(test_process_user_args_env),
		cmocka_unit_test(test_process_capabilities_and_limits),
		cmocka_unit_test(test_process_scheduling),
		cmocka_unit_test(test_hooks_all_six_kinds),
		cmocka_unit_test(test_annotations_and_lookups),
		cmocka_unit_test(test_linux_namespaces_and_mappings),
		cmocka_unit_test(test_linux_devices_paths_and_sysctl),
		cmocka_unit_test(test_linux_small_objects),
		cmocka_unit_test(test_resources_devices_memory_cpu_pids),
		cmocka_unit_test(test_resources_block_io),
		cmocka_unit_test(test_resources_alone),
		cmocka_unit_test(test_process_alone),
		cmocka_unit_test(test_resources_hugepages_network_rdma_unified),
		cmocka_unit_test(test_seccomp),
		cmocka_unit_test(test_minimal_config_leaves_optional_parts_null),
		cmocka_unit_test(test_null_is_absent_and_last_duplicate_wins),
	};

	return cmocka_run_group_tests(tests, load_full, free_full);
}
