/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The plan of the fields issue 3 made honoured: the process's kernel
 * attributes, sysctl, time offsets, net devices, the mount label, the
 * recursive mount options and tmpcopyup -- their translation, their lines
 * in `hrun plan`, and the error that names each bad value. */
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <time.h>

#include <cmocka.h>
#include <yajl/yajl_tree.h>

#include "plan/bitmap.h"
#include "plan/sysctl.h"

#include "plan_helpers.h"

/* Every line of `lines` (each ending in \n) is a whole line of the plan. */
static void assert_plan_has(const struct plan *plan, const char *lines)
{
	char *text = print(plan, PLAN_TEXT);

	for (const char *l = lines; *l;) {
		size_t n = strcspn(l, "\n") + 1;
		char want[512];
		int found = 0;

		snprintf(want, sizeof want, "\n%.*s", (int)n, l);
		found = strstr(text, want) != NULL;
		if (!found)
			fail_msg("no line %.*s in:\n%s", (int)n - 1, l, text);
		l += n;
	}
	free(text);
}

#define ATTRS_CONFIG                                                                               \
	CONFIG_PROCESS("'scheduler': {'policy': 'SCHED_DEADLINE', 'runtime': 10000,"               \
		       " 'deadline': 100000, 'period': 1000000,"                                   \
		       " 'flags': ['SCHED_FLAG_RESET_ON_FORK', 'SCHED_FLAG_RECLAIM']},"            \
		       " 'ioPriority': {'class': 'IOPRIO_CLASS_IDLE', 'priority': 7},"             \
		       " 'execCPUAffinity': {'initial': '0-3,7,8-9', 'final': '5'},"               \
		       " 'apparmorProfile': 'hrun-default', 'selinuxLabel': 'u:r:t:s0'",           \
		       "'linux': {'namespaces': [{'type': 'mount'}],"                              \
		       " 'personality': {'domain': 'LINUX32'},"                                    \
		       " 'memoryPolicy': {'mode': 'MPOL_INTERLEAVE', 'nodes': '0-1',"              \
		       "  'flags': ['MPOL_F_STATIC_NODES']}}")

static void test_plan_process_attributes_become_numbers(void **state)
{
	struct plan *plan = must_build(ATTRS_CONFIG);
	const struct plan_attrs *a = &plan->process.attrs;

	assert_true(a->sched.set);
	assert_int_equal(a->sched.policy, 6);
	assert_int_equal(a->sched.flags, 0x3);
	assert_int_equal(a->sched.runtime, 10000);
	assert_int_equal(a->sched.deadline, 100000);
	assert_int_equal(a->sched.period, 1000000);
	assert_true(a->has_ioprio);
	assert_int_equal(a->ioprio_class, 3);
	assert_int_equal(a->ioprio_level, 7);
	assert_true(bitmap_test(&a->cpus_initial, 9));
	assert_false(bitmap_test(&a->cpus_initial, 4));
	assert_true(bitmap_test(&a->cpus_final, 5));
	assert_true(a->has_personality);
	assert_int_equal(a->personality, PER_LINUX32);
	assert_int_equal(a->mempolicy.mode, 3);
	assert_int_equal(a->mempolicy.flags, 1 << 15);
	assert_string_equal(a->apparmor_profile, "hrun-default");
	assert_string_equal(a->selinux_label, "u:r:t:s0");
	assert_plan_has(plan, "personality  LINUX32\n"
			      "scheduler    SCHED_DEADLINE nice=0 priority=0"
			      " flags=SCHED_FLAG_RESET_ON_FORK,SCHED_FLAG_RECLAIM"
			      " runtime=10000 deadline=100000 period=1000000\n"
			      "ioprio       IOPRIO_CLASS_IDLE 7\n"
			      "cpus.initial 0-3,7-9\n"
			      "cpus.final   5\n"
			      "mempolicy    MPOL_INTERLEAVE nodes=0-1 flags=MPOL_F_STATIC_NODES\n"
			      "apparmor     hrun-default\n"
			      "selinux      u:r:t:s0\n");
	plan_free(plan);
}

static void test_plan_prints_no_attribute_line_when_none_is_set(void **state)
{
	struct plan *plan = must_build(CONFIG(NS_MOUNT));
	char *text = print(plan, PLAN_TEXT);

	assert_null(strstr(text, "\nscheduler"));
	assert_null(strstr(text, "\ncpus."));
	assert_null(strstr(text, "\ntimeoffset"));
	free(text);
	plan_free(plan);
}

static yajl_val json_path(yajl_val v, const char *a, const char *b)
{
	const char *path[] = {a, b, NULL};

	return yajl_tree_get(v, path, yajl_t_any);
}

static void test_plan_json_has_the_attributes(void **state)
{
	struct plan *plan = must_build(ATTRS_CONFIG);
	char *text = print(plan, PLAN_JSON), errbuf[256];
	yajl_val doc = yajl_tree_parse(text, errbuf, sizeof errbuf);

	if (!doc)
		fail_msg("not JSON: %s\n%s", errbuf, text);
	yajl_val p = json_path(doc, "process", NULL);
	assert_string_equal(YAJL_GET_STRING(json_path(p, "personality", NULL)), "LINUX32");
	assert_string_equal(YAJL_GET_STRING(json_path(p, "scheduler", "policy")), "SCHED_DEADLINE");
	assert_int_equal(YAJL_GET_INTEGER(json_path(p, "scheduler", "runtime")), 10000);
	assert_string_equal(YAJL_GET_STRING(json_path(p, "ioPriority", "class")),
			    "IOPRIO_CLASS_IDLE");
	assert_string_equal(YAJL_GET_STRING(json_path(p, "cpusInitial", NULL)), "0-3,7-9");
	assert_string_equal(YAJL_GET_STRING(json_path(p, "memoryPolicy", "nodes")), "0-1");
	assert_string_equal(YAJL_GET_STRING(json_path(p, "apparmorProfile", NULL)), "hrun-default");
	yajl_tree_free(doc);
	free(text);
	plan_free(plan);
}

static void test_plan_time_namespace_is_the_init_s_to_make(void **state)
{
	struct plan *plan = must_build(
		CONFIG("'linux': {'namespaces': [{'type': 'mount'}, {'type': 'time'}],"
		       " 'timeOffsets': {'monotonic': {'secs': 3600}, 'boottime': {'secs': -5,"
		       "  'nanosecs': 7}}}"));

	assert_false(plan->clone_flags & CLONE_NEWTIME);
	assert_int_equal(plan->unshare_flags, CLONE_NEWTIME);
	assert_int_equal(plan->n_time_offsets, 2);
	assert_int_equal(plan->time_offsets[0].clock, CLOCK_MONOTONIC);
	assert_int_equal(plan->time_offsets[1].clock, CLOCK_BOOTTIME);
	assert_int_equal(plan->time_offsets[1].secs, -5);
	assert_plan_has(plan, "namespaces   mount,time\n"
			      "timeoffset   monotonic 3600s 0ns\n"
			      "timeoffset   boottime -5s 7ns\n");
	plan_free(plan);
}

static void test_plan_net_devices_and_mount_label(void **state)
{
	struct plan *plan = must_build(
		CONFIG("'mounts': [{'destination': '/t', 'type': 'tmpfs', 'options': ['size=1k']},"
		       " {'destination': '/p', 'type': 'proc'}],"
		       " 'linux': {'namespaces': [{'type': 'mount'}, {'type': 'network'}],"
		       " 'mountLabel': 'u:o:t:s0',"
		       " 'netDevices': {'eth1': {'name': 'ceth1'}, 'eth2': {}}}"));

	assert_int_equal(plan->n_net_devices, 2);
	assert_string_equal(plan->net_devices[0].host_name, "eth1");
	assert_string_equal(plan->net_devices[0].name, "ceth1");
	assert_string_equal(plan->net_devices[1].name, "eth2");
	assert_plan_has(plan,
			"netdevice    eth1 as ceth1\n"
			"netdevice    eth2 as eth2\n"
			"mountlabel   u:o:t:s0\n"
			"0  apply        mount tmpfs tmpfs on /t (size=1k,context=\"u:o:t:s0\")\n"
			"1  apply        mount proc proc on /p\n");
	plan_free(plan);
}

static void test_plan_sysctl_runs_before_the_read_only_paths(void **state)
{
	assert_plan_ops(
		CONFIG("'linux': {'namespaces': [{'type': 'mount'}, {'type': 'network'},"
		       " {'type': 'ipc', 'path': '/run/ipc'}, {'type': 'uts'}],"
		       " 'readonlyPaths': ['/proc/sys'],"
		       " 'sysctl': {'net.ipv4.ip_forward': '1', 'kernel.shmmax': '65536',"
		       "  'net/ipv4/conf/eth0.100/forwarding': '1', 'kernel.domainname': 'x',"
		       "  'fs.mqueue.msg_max': '20', 'net.ipv4.ping_group_range': '0 2000'}}"),
		"0  apply        dev /dev: mknod null zero full random urandom tty;"
		" link fd stdin stdout stderr core ptmx\n"
		"1  apply        sysctl net.ipv4.ip_forward=1 kernel.shmmax=65536"
		" net/ipv4/conf/eth0.100/forwarding=1 kernel.domainname=x fs.mqueue.msg_max=20"
		" net.ipv4.ping_group_range=\"0 2000\"\n"
		"2  apply        readonly /proc/sys\n");
}

static void test_plan_recursive_options_and_tmpcopyup(void **state)
{
	assert_plan_ops(
		CONFIG("'mounts': [{'destination': '/etc', 'type': 'tmpfs',"
		       "  'options': ['tmpcopyup', 'ro', 'rnosuid', 'rnodev']},"
		       " {'destination': '/data', 'type': 'bind', 'source': '/srv',"
		       "  'options': ['rbind', 'rro', 'rnoexec', 'rnoatime', 'rexec']},"
		       " {'destination': '/d2', 'type': 'bind', 'source': '/srv',"
		       "  'options': ['bind', 'rstrictatime', 'ratime', 'rrw']}], " NS_MOUNT),
		"0  apply        mount tmpfs tmpfs on /etc (ro,rnosuid,rnodev)"
		" with a copy of what it covers\n"
		"1  early,apply  rbind /srv on /data (rro,rexec,rnoatime)\n"
		"2  early,apply  bind /srv on /d2 (rrw,rrelatime)\n"
		"3  apply        dev /dev: mknod null zero full random urandom tty;"
		" link fd stdin stdout stderr core ptmx\n");
}

static void test_plan_recursive_options_set_and_clear_attributes(void **state)
{
	struct plan *plan = must_build(CONFIG(
		"'mounts': [{'destination': '/a', 'type': 'bind', 'source': '/srv',"
		" 'options': ['rbind', 'rro', 'rnosymfollow', 'rnoatime', 'rdev']}], " NS_MOUNT));

	assert_int_equal(plan->ops[0].attr_set,
			 MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSYMFOLLOW | MOUNT_ATTR_NOATIME);
	assert_int_equal(plan->ops[0].attr_clr, MOUNT_ATTR__ATIME | MOUNT_ATTR_NODEV);
	plan_free(plan);
}

/* A bad value of each field, and the error that names it. */
static const struct {
	const char *config, *error;
} bad_values[] = {
	{CONFIG_PROCESS("'env': ['PATH=/bin', 'BAD']", NS_MOUNT),
	 "process.env[1]: invalid environment variable \"BAD\": missing '='"},
	{CONFIG_PROCESS("'env': ['=x']", NS_MOUNT),
	 "process.env[0]: invalid environment variable \"=x\": the name is empty"},
	{CONFIG_PROCESS("'scheduler': {'policy': 'SCHED_FOO'}", NS_MOUNT),
	 "process.scheduler.policy: unknown value \"SCHED_FOO\""},
	{CONFIG_PROCESS("'scheduler': {'policy': 'SCHED_ISO'}", NS_MOUNT),
	 "process.scheduler.policy: SCHED_ISO is not implemented by Linux"},
	{CONFIG_PROCESS("'scheduler': {'policy': 'SCHED_FIFO'}", NS_MOUNT),
	 "process.scheduler.priority: must be between 1 and 99 for SCHED_FIFO"},
	{CONFIG_PROCESS("'scheduler': {'policy': 'SCHED_OTHER', 'priority': 3}", NS_MOUNT),
	 "process.scheduler.priority: must be 0 for SCHED_OTHER"},
	{CONFIG_PROCESS("'scheduler': {'policy': 'SCHED_BATCH', 'nice': 20}", NS_MOUNT),
	 "process.scheduler.nice: must be between -20 and 19"},
	{CONFIG_PROCESS("'scheduler': {'policy': 'SCHED_RR', 'priority': 1,"
			" 'flags': ['SCHED_FLAG_FOO']}",
			NS_MOUNT),
	 "process.scheduler.flags[0]: unknown flag \"SCHED_FLAG_FOO\""},
	{CONFIG_PROCESS("'scheduler': {'policy': 'SCHED_DEADLINE', 'runtime': 5,"
			" 'deadline': 4}",
			NS_MOUNT),
	 "process.scheduler: SCHED_DEADLINE needs 0 < runtime <= deadline <= period"},
	{CONFIG_PROCESS("'scheduler': {'policy': 'SCHED_OTHER', 'period': 4}", NS_MOUNT),
	 "process.scheduler: runtime, deadline and period are for SCHED_DEADLINE only"},
	{CONFIG_PROCESS("'ioPriority': {'class': 'IOPRIO_CLASS_NONE'}", NS_MOUNT),
	 "process.ioPriority.class: unknown value \"IOPRIO_CLASS_NONE\""},
	{CONFIG_PROCESS("'ioPriority': {'class': 'IOPRIO_CLASS_BE', 'priority': 8}", NS_MOUNT),
	 "process.ioPriority.priority: must be between 0 and 7"},
	{CONFIG_PROCESS("'execCPUAffinity': {'initial': '3-1'}", NS_MOUNT),
	 "process.execCPUAffinity.initial: invalid list \"3-1\" (want e.g. 0-3,7; at most "
	 "8191)"},
	{CONFIG_PROCESS("'execCPUAffinity': {'final': '0,,1'}", NS_MOUNT),
	 "process.execCPUAffinity.final: invalid list \"0,,1\" (want e.g. 0-3,7; at most "
	 "8191)"},
	{CONFIG_PROCESS("'apparmorProfile': 'a\\nb'", NS_MOUNT),
	 "process.apparmorProfile: must be one line"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
		" 'personality': {'domain': 'LINUX64'}}"),
	 "linux.personality.domain: unknown value \"LINUX64\""},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
		" 'personality': {'domain': 'LINUX', 'flags': ['ADDR_NO_RANDOMIZE']}}"),
	 "linux.personality.flags[0]: unknown flag \"ADDR_NO_RANDOMIZE\" (the spec defines "
	 "none)"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
		" 'memoryPolicy': {'mode': 'MPOL_BIND'}}"),
	 "linux.memoryPolicy.nodes: required for MPOL_BIND"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
		" 'memoryPolicy': {'mode': 'MPOL_LOCAL', 'nodes': '0'}}"),
	 "linux.memoryPolicy.nodes: must be empty for MPOL_LOCAL"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
		" 'memoryPolicy': {'mode': 'MPOL_BIND', 'nodes': '0',"
		"  'flags': ['MPOL_F_STATIC_NODES', 'MPOL_F_RELATIVE_NODES']}}"),
	 "linux.memoryPolicy.flags: MPOL_F_STATIC_NODES and MPOL_F_RELATIVE_NODES exclude "
	 "each other"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
		" 'memoryPolicy': {'mode': 'MPOL_BIND', 'nodes': '2048'}}"),
	 "linux.memoryPolicy.nodes: invalid list \"2048\" (want e.g. 0-3,7; at most 1023)"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
		" 'sysctl': {'vm.swappiness': '10'}}"),
	 "linux.sysctl[\"vm.swappiness\"]: not a namespaced key: it would change the host"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
		" 'sysctl': {'net.ipv4.ip_forward': '1'}}"),
	 "linux.sysctl[\"net.ipv4.ip_forward\"]: needs the container's own network "
	 "namespace"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}, {'type': 'network'}],"
		" 'sysctl': {'kernel.msgmax': '1'}}"),
	 "linux.sysctl[\"kernel.msgmax\"]: needs the container's own ipc namespace"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}, {'type': 'network'}],"
		" 'sysctl': {'net/ipv4/../../kernel/x': '1'}}"),
	 "linux.sysctl[\"net/ipv4/../../kernel/x\"]: invalid key"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
		" 'timeOffsets': {'monotonic': {'secs': 1}}}"),
	 "linux.timeOffsets: requires a new time namespace"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'},"
		" {'type': 'time', 'path': '/proc/1/ns/time'}],"
		" 'timeOffsets': {'monotonic': {'secs': 1}}}"),
	 "linux.timeOffsets: requires a new time namespace"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}, {'type': 'time'}],"
		" 'timeOffsets': {'realtime': {'secs': 1}}}"),
	 "linux.timeOffsets[\"realtime\"]: unknown clock (want monotonic or boottime)"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}, {'type': 'time'}],"
		" 'timeOffsets': {'boottime': {'secs': 1, 'nanosecs': 1000000000}}}"),
	 "linux.timeOffsets[\"boottime\"].nanosecs: must be below 1000000000"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}], 'netDevices': {'eth0': {}}}"),
	 "linux.netDevices: needs the container's own network namespace"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}, {'type': 'network'}],"
		" 'netDevices': {'eth0': {'name': 'a/b'}}}"),
	 "linux.netDevices[\"eth0\"].name: invalid interface name"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}, {'type': 'network'}],"
		" 'netDevices': {'a-name-far-too-long': {}}}"),
	 "linux.netDevices[\"a-name-far-too-long\"]: invalid interface name"},
	{CONFIG("'linux': {'namespaces': [{'type': 'mount'}, {'type': 'network'}],"
		" 'netDevices': {'eth0': {'name': 'c0'}, 'eth1': {'name': 'c0'}}}"),
	 "linux.netDevices[\"eth1\"].name: `c0` is taken already"},
	{CONFIG("'mounts': [{'destination': '/a', 'type': 'bind', 'source': '/b',"
		" 'options': ['rbind', 'nosiud']}], " NS_MOUNT),
	 "mounts[0].options: unknown option for a bind mount (`nosiud`)"},
	{CONFIG("'mounts': [{'destination': '/a', 'type': 'bind', 'source': '/b',"
		" 'options': ['rbind', 'tmpcopyup']}], " NS_MOUNT),
	 "mounts[0].options: tmpcopyup is for tmpfs only"},
	{CONFIG("'mounts': [{'destination': '/a', 'type': 'bind', 'source': '/b',"
		" 'options': ['rbind', 'ridmap']}], " NS_MOUNT),
	 "mounts[0].options: an id-mapped mount needs uidMappings and gidMappings,"
	 " or a user namespace to take them from"},
	{CONFIG("'mounts': [{'destination': '/a', 'type': 'bind', 'source': '/b',"
		" 'options': ['rbind'],"
		" 'uidMappings': [{'containerID': 0, 'hostID': 1, 'size': 1}]}], " NS_MOUNT),
	 "mounts[0].gidMappings: required with uidMappings"},
	{CONFIG("'mounts': [{'destination': '/a', 'type': 'bind', 'source': '/b',"
		" 'gidMappings': [{'containerID': 0, 'hostID': 1, 'size': 1}]}], " NS_MOUNT),
	 "mounts[0].uidMappings: required with gidMappings"},
	{CONFIG("'mounts': [{'destination': '/a', 'type': 'tmpfs', 'source': 'tmpfs',"
		" 'options': ['idmap']}], " NS_MOUNT),
	 "mounts[0].options: only a bind mount can be id-mapped"},
	{CONFIG("'mounts': [{'destination': '/a', 'type': 'bind', 'source': '/b',"
		" 'options': ['rbind', 'idmap=uids=0-1-1;gids=0-1-1']}], " NS_MOUNT),
	 "mounts[0].options: `idmap=uids=0-1-1;gids=0-1-1`: the mappings go in uidMappings"
	 " and gidMappings"},
	{CONFIG("'mounts': [{'destination': '/a', 'type': 'bind', 'source': '/b',"
		" 'options': ['bind', 'remount', 'ro', 'idmap'],"
		" 'uidMappings': [{'containerID': 0, 'hostID': 1, 'size': 1}],"
		" 'gidMappings': [{'containerID': 0, 'hostID': 1, 'size': 1}]}], " NS_MOUNT),
	 "mounts[0].options: an id-mapped mount is a new bind, not a remount"},
	{CONFIG("'mounts': [{'destination': '/a', 'type': 'bind', 'source': '/b',"
		" 'options': ['bind', 'idmap'],"
		" 'uidMappings': [{'containerID': 0, 'hostID': 1, 'size': 1}],"
		" 'gidMappings': [{'containerID': 0, 'hostID': 1, 'size': 1}]}],"
		" 'linux': {'namespaces': [{'type': 'mount', 'path': '/proc/1/ns/mnt'}]}"),
	 "mounts[0].options: an id-mapped mount cannot take its source from a mount"
	 " namespace joined by path"},
	{CONFIG("'mounts': [{'destination': '/a', 'type': 'bind', 'source': '/b',"
		" 'options': ['rbind', 'rslave']}], 'linux': {'namespaces': [{'type': 'pid'}]}"),
	 "mounts[0].options: `rslave` needs a mount namespace"},
};

static void test_plan_refuses_bad_values_naming_the_field(void **state)
{
	for (size_t i = 0; i < sizeof bad_values / sizeof bad_values[0]; i++)
		assert_plan_error(bad_values[i].config, bad_values[i].error);
}

/* A relative mount destination is relative to / (runtime-spec 1.1): the
 * parser makes it absolute, and the op targets that path. */
static void test_plan_relative_destination_is_under_the_root(void **state)
{
	struct plan *plan = must_build(
		CONFIG("'mounts': [{'destination': 'rel/dir', 'type': 'tmpfs', 'source': 'tmpfs'}], " NS_MOUNT));
	bool found = false;

	for (size_t i = 0; i < plan->n_ops; i++)
		found |= plan->ops[i].target && strcmp(plan->ops[i].target, "/rel/dir") == 0;
	assert_true(found);
	plan_free(plan);
}

/* A name given twice keeps its last value, where that stands (runc, crun). */
static void test_plan_env_keeps_the_last_value_of_a_name(void **state)
{
	struct plan *plan =
		must_build(CONFIG_PROCESS("'env': ['PATH=/bin', 'A=1', 'B=x', 'A=2', 'AB=3']", NS_MOUNT));
	char **env = plan->process.env;

	assert_string_equal(env[0], "PATH=/bin");
	assert_string_equal(env[1], "B=x");
	assert_string_equal(env[2], "A=2");
	assert_string_equal(env[3], "AB=3");
	assert_null(env[4]);
	plan_free(plan);
}

static void test_bitmap_lists_round_trip(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{"0", "0"},	    {"0-3,7", "0-3,7"}, {"5,1,2,3", "1-3,5"},
		{"63-64", "63-64"}, {"100", "100"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct plan_bitmap b;
		char *text = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&text, &len);

		assert_int_equal(bitmap_parse(cases[i].in, 8191, &b), 0);
		bitmap_print(&b, f);
		fclose(f);
		assert_string_equal(text, cases[i].out);
		free(text);
		bitmap_free(&b);
	}
	for (const char *const *bad = (const char *const[]){"", "-1", "1-", "a", "1,", "9", NULL};
	     *bad; bad++) {
		struct plan_bitmap b;

		assert_int_equal(bitmap_parse(*bad, 8, &b), -1);
		assert_null(b.bits);
	}
}

static void test_sysctl_keys_namespaces_and_files(void **state)
{
	char path[64];

	assert_int_equal(sysctl_namespace("net.core.somaxconn"), CLONE_NEWNET);
	assert_int_equal(sysctl_namespace("net/core/somaxconn"), CLONE_NEWNET);
	assert_int_equal(sysctl_namespace("kernel.shm_rmid_forced"), CLONE_NEWIPC);
	assert_int_equal(sysctl_namespace("kernel.msgmnb"), CLONE_NEWIPC);
	assert_int_equal(sysctl_namespace("kernel.sem"), CLONE_NEWIPC);
	assert_int_equal(sysctl_namespace("kernel.sem_next_id"), CLONE_NEWIPC);
	assert_int_equal(sysctl_namespace("fs.mqueue.queues_max"), CLONE_NEWIPC);
	assert_int_equal(sysctl_namespace("kernel.hostname"), CLONE_NEWUTS);
	assert_int_equal(sysctl_namespace("kernel.semx"), 0);
	assert_int_equal(sysctl_namespace("kernel.pid_max"), 0);
	assert_int_equal(sysctl_namespace("fs.file-max"), 0);
	assert_int_equal(sysctl_path("net.ipv4.ip_forward", path, sizeof path), 0);
	assert_string_equal(path, "net/ipv4/ip_forward");
	assert_int_equal(sysctl_path("net/ipv4/conf/eth0.100/forwarding", path, sizeof path), 0);
	assert_string_equal(path, "net/ipv4/conf/eth0.100/forwarding");
	assert_int_equal(sysctl_path("net..x", path, sizeof path), -1);
	assert_int_equal(sysctl_path("/net/x", path, sizeof path), -1);
	assert_int_equal(sysctl_path("net/x/", path, sizeof path), -1);
	assert_int_equal(sysctl_path("net/./x", path, sizeof path), -1);
	assert_int_equal(sysctl_path("net.a=b", path, sizeof path), -1);
	assert_int_equal(sysctl_path("", path, sizeof path), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_process_attributes_become_numbers),
		cmocka_unit_test(test_plan_prints_no_attribute_line_when_none_is_set),
		cmocka_unit_test(test_plan_json_has_the_attributes),
		cmocka_unit_test(test_plan_time_namespace_is_the_init_s_to_make),
		cmocka_unit_test(test_plan_net_devices_and_mount_label),
		cmocka_unit_test(test_plan_sysctl_runs_before_the_read_only_paths),
		cmocka_unit_test(test_plan_recursive_options_and_tmpcopyup),
		cmocka_unit_test(test_plan_recursive_options_set_and_clear_attributes),
		cmocka_unit_test(test_plan_refuses_bad_values_naming_the_field),
		cmocka_unit_test(test_plan_env_keeps_the_last_value_of_a_name),
		cmocka_unit_test(test_plan_relative_destination_is_under_the_root),
		cmocka_unit_test(test_bitmap_lists_round_trip),
		cmocka_unit_test(test_sysctl_keys_namespaces_and_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
