/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The plan: config.json text in, `hrun plan` text out, compared exactly;
 * and every configuration error the plan reports, by its message. */
#include <sched.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include <cmocka.h>
#include <yajl/yajl_tree.h>

#include "oci/spec.h"
#include "plan/mount_options.h"
#include "plan/plan.h"
#include "plan/rlimits.h"
#include "util/error.h"

#include "plan_helpers.h"

/* `runc spec` (1.1) as it writes it. */
static const char runc_spec[] =
	"{'ociVersion': '1.0.2-dev',"
	" 'process': {'terminal': true, 'user': {'uid': 0, 'gid': 0}, 'args': ['sh'],"
	"  'env': ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',"
	"   'TERM=xterm'],"
	"  'cwd': '/',"
	"  'capabilities': {"
	"   'bounding': ['CAP_AUDIT_WRITE', 'CAP_KILL', 'CAP_NET_BIND_SERVICE'],"
	"   'effective': ['CAP_AUDIT_WRITE', 'CAP_KILL', 'CAP_NET_BIND_SERVICE'],"
	"   'permitted': ['CAP_AUDIT_WRITE', 'CAP_KILL', 'CAP_NET_BIND_SERVICE'],"
	"   'ambient': ['CAP_AUDIT_WRITE', 'CAP_KILL', 'CAP_NET_BIND_SERVICE']},"
	"  'rlimits': [{'type': 'RLIMIT_NOFILE', 'hard': 1024, 'soft': 1024}],"
	"  'noNewPrivileges': true},"
	" 'root': {'path': 'rootfs', 'readonly': true},"
	" 'hostname': 'runc',"
	" 'mounts': ["
	"  {'destination': '/proc', 'type': 'proc', 'source': 'proc'},"
	"  {'destination': '/dev', 'type': 'tmpfs', 'source': 'tmpfs',"
	"   'options': ['nosuid', 'strictatime', 'mode=755', 'size=65536k']},"
	"  {'destination': '/dev/pts', 'type': 'devpts', 'source': 'devpts',"
	"   'options': ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5']},"
	"  {'destination': '/dev/shm', 'type': 'tmpfs', 'source': 'shm',"
	"   'options': ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k']},"
	"  {'destination': '/dev/mqueue', 'type': 'mqueue', 'source': 'mqueue',"
	"   'options': ['nosuid', 'noexec', 'nodev']},"
	"  {'destination': '/sys', 'type': 'sysfs', 'source': 'sysfs',"
	"   'options': ['nosuid', 'noexec', 'nodev', 'ro']},"
	"  {'destination': '/sys/fs/cgroup', 'type': 'cgroup', 'source': 'cgroup',"
	"   'options': ['nosuid', 'noexec', 'nodev', 'relatime', 'ro']}],"
	" 'linux': {"
	"  'resources': {'devices': [{'allow': false, 'access': 'rwm'}]},"
	"  'namespaces': [{'type': 'pid'}, {'type': 'network'}, {'type': 'ipc'},"
	"   {'type': 'uts'}, {'type': 'mount'}, {'type': 'cgroup'}],"
	"  'maskedPaths': ['/proc/acpi', '/proc/asound', '/proc/kcore', '/proc/keys',"
	"   '/proc/latency_stats', '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug',"
	"   '/sys/firmware', '/proc/scsi'],"
	"  'readonlyPaths': ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys',"
	"   '/proc/sysrq-trigger']}}";

static void test_plan_runc_spec_default(void **state)
{
	assert_plan_text(
		runc_spec,
		"rootfs       /bundle/rootfs\n"
		"args         sh\n"
		"env          PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
		"env          TERM=xterm\n"
		"cwd          /\n"
		"user         uid=0 gid=0 groups=\n"
		"umask        -\n"
		"terminal     yes\n"
		"nnp          yes\n"
		"oom          -\n"
		"bounding     CAP_KILL,CAP_NET_BIND_SERVICE,CAP_AUDIT_WRITE\n"
		"effective    CAP_KILL,CAP_NET_BIND_SERVICE,CAP_AUDIT_WRITE\n"
		"permitted    CAP_KILL,CAP_NET_BIND_SERVICE,CAP_AUDIT_WRITE\n"
		"inheritable  -\n"
		"ambient      CAP_KILL,CAP_NET_BIND_SERVICE,CAP_AUDIT_WRITE\n"
		"rlimit       RLIMIT_NOFILE soft=1024 hard=1024\n"
		"namespaces   pid,network,ipc,uts,mount,cgroup\n"
		"hostname     runc\n"
		"domainname   -\n"
		"loopback     yes\n"
		"propagation  rslave\n"
		"adopt-wait   0ms\n"
		"init         resident\n"
		"ops\n"
		"0  apply        mount proc proc on /proc\n"
		"1  apply        mount tmpfs tmpfs on /dev "
		"(nosuid,strictatime,mode=755,size=65536k)\n"
		"2  apply        mount devpts devpts on /dev/pts"
		" (nosuid,noexec,newinstance,ptmxmode=0666,mode=0620,gid=5)\n"
		"3  apply        mount tmpfs shm on /dev/shm "
		"(nosuid,nodev,noexec,mode=1777,size=65536k)\n"
		"4  apply        mount mqueue mqueue on /dev/mqueue (nosuid,nodev,noexec)\n"
		"5  apply        mount sysfs sysfs on /sys (ro,nosuid,nodev,noexec)\n"
		"6  early,apply  cgroup on /sys/fs/cgroup (ro,nosuid,nodev,noexec,relatime)"
		" in the cgroup namespace\n"
		"7  apply        dev /dev: mknod null zero full random urandom tty;"
		" link fd stdin stdout stderr core ptmx\n"
		"8  apply        mask /proc/acpi /proc/asound /proc/kcore /proc/keys"
		" /proc/latency_stats /proc/timer_list /proc/timer_stats /proc/sched_debug"
		" /sys/firmware /proc/scsi\n"
		"9  apply        readonly /proc/bus /proc/fs /proc/irq /proc/sys "
		"/proc/sysrq-trigger\n"
		"10 apply        remount / (ro)\n");
}

/* `runc spec --rootless`: a user namespace, no network namespace. */
static void test_plan_rootless_binds_devices_and_sys(void **state)
{
	assert_plan_text(
		CONFIG("'hostname': 'h',"
		       " 'mounts': [{'destination': '/sys', 'type': 'none', 'source': '/sys',"
		       "  'options': ['rbind', 'nosuid', 'noexec', 'nodev', 'ro']}],"
		       " 'linux': {'namespaces': [{'type': 'pid'}, {'type': 'ipc'},"
		       "  {'type': 'uts'}, {'type': 'mount'}, {'type': 'user'}],"
		       "  'uidMappings': [{'containerID': 0, 'hostID': 1000, 'size': 1}],"
		       "  'gidMappings': [{'containerID': 0, 'hostID': 100, 'size': 1},"
		       "   {'containerID': 1, 'hostID': 100000, 'size': 65536}]}"),
		"rootfs       /bundle/rootfs\n"
		"args         sh\n"
		"cwd          /\n"
		"user         uid=0 gid=0 groups=\n"
		"umask        -\n"
		"terminal     no\n"
		"nnp          no\n"
		"oom          -\n"
		"bounding     -\n"
		"effective    -\n"
		"permitted    -\n"
		"inheritable  -\n"
		"ambient      -\n"
		"namespaces   pid,ipc,uts,mount,user\n"
		"uid_map      0 1000 1\n"
		"gid_map      0 100 1\n"
		"gid_map      1 100000 65536\n"
		"hostname     h\n"
		"domainname   -\n"
		"loopback     no\n"
		"propagation  rslave\n"
		"adopt-wait   0ms\n"
		"init         resident\n"
		"ops\n"
		"0  early,apply  rbind /sys on /sys (ro,nosuid,nodev,noexec)\n"
		"1  apply        dev /dev: bind from the host null zero full random urandom tty;"
		" link fd stdin stdout stderr core ptmx\n");
}

static void test_plan_process_settings(void **state)
{
	assert_plan_text(
		"{'ociVersion': '1.3.0', 'root': {'path': '/abs/root'},"
		" 'process': {'args': ['/bin/sh', '-c', 'echo \\'hi\\' \\\"there\\\"', ''],"
		"  'env': ['A=1'], 'cwd': '/work',"
		"  'user': {'uid': 1000, 'gid': 100, 'umask': 18, 'additionalGids': [5, 6]},"
		"  'capabilities': {'bounding': ['CAP_SYS_ADMIN', 'CAP_CHOWN'],"
		"   'inheritable': [], 'effective': ['CAP_CHOWN']},"
		"  'rlimits': [{'type': 'RLIMIT_CORE', 'hard': 18446744073709551615, 'soft': 0},"
		"   {'type': 'RLIMIT_NPROC', 'hard': 10, 'soft': 5}],"
		"  'oomScoreAdj': -500},"
		" 'domainname': 'example.org',"
		" 'annotations': {'org.hrun.adopt-wait': '250ms'},"
		" 'linux': {'rootfsPropagation': 'rshared',"
		"  'namespaces': [{'type': 'mount'}, {'type': 'uts'},"
		"   {'type': 'network', 'path': '/proc/7/ns/net'},"
		"   {'type': 'user', 'path': '/proc/7/ns/user'}]}}",
		"rootfs       /abs/root\n"
		"args         /bin/sh -c \"echo \\\"hi\\\" \\\"there\\\"\" \"\"\n"
		"env          A=1\n"
		"cwd          /work\n"
		"user         uid=1000 gid=100 groups=5,6\n"
		"umask        0022\n"
		"terminal     no\n"
		"nnp          no\n"
		"oom          -500\n"
		"bounding     CAP_CHOWN,CAP_SYS_ADMIN\n"
		"effective    CAP_CHOWN\n"
		"permitted    -\n"
		"inheritable  -\n"
		"ambient      -\n"
		"rlimit       RLIMIT_CORE soft=0 hard=unlimited\n"
		"rlimit       RLIMIT_NPROC soft=5 hard=10\n"
		"namespaces   uts,mount\n"
		"join         user /proc/7/ns/user\n"
		"join         network /proc/7/ns/net\n"
		"hostname     -\n"
		"domainname   example.org\n"
		"loopback     no\n"
		"propagation  rshared\n"
		"adopt-wait   250ms\n"
		"init         resident\n"
		"ops\n"
		"0  apply        dev /dev: bind from the host null zero full random urandom tty;"
		" link fd stdin stdout stderr core ptmx\n"
		"1  apply        mkdir /work\n");
}

static void test_plan_binds_ro_rw_and_relative_source(void **state)
{
	assert_plan_ops(
		CONFIG("'mounts': ["
		       " {'destination': '/data', 'type': 'bind', 'source': 'data',"
		       "  'options': ['rbind', 'ro']},"
		       " {'destination': '/etc/hosts', 'source': '/etc/hosts',"
		       "  'options': ['bind', 'rw', 'nosuid']},"
		       " {'destination': '/opt', 'source': '/srv/opt',"
		       "  'options': ['ro', 'bind', 'rw', 'noexec', 'nosymfollow']}], " NS_MOUNT),
		"0  early,apply  rbind /bundle/data on /data (ro)\n"
		"1  early,apply  bind /etc/hosts on /etc/hosts (nosuid)\n"
		"2  early,apply  bind /srv/opt on /opt (noexec,nosymfollow)\n"
		"3  apply        dev /dev: mknod null zero full random urandom tty;"
		" link fd stdin stdout stderr core ptmx\n");
}

/* Mount maps of its own, or (none) the container's user namespace's. */
static void test_plan_idmapped_binds(void **state)
{
	assert_plan_ops(
		CONFIG("'mounts': ["
		       " {'destination': '/a', 'source': '/a', 'options': ['rbind', 'ridmap', "
		       "'ro']},"
		       " {'destination': '/b', 'type': 'bind', 'source': '/b',"
		       "  'uidMappings': [{'containerID': 0, 'hostID': 1000, 'size': 10},"
		       "                  {'containerID': 10, 'hostID': 5000, 'size': 1}],"
		       "  'gidMappings': [{'containerID': 0, 'hostID': 2000, 'size': 10}]}],"
		       " 'linux': {'namespaces': [{'type': 'mount'}, {'type': 'user'}],"
		       "  'uidMappings': [{'containerID': 0, 'hostID': 100000, 'size': 65536}],"
		       "  'gidMappings': [{'containerID': 0, 'hostID': 100000, 'size': 65536}]}"),
		"0  early,apply  rbind /a on /a (ro) ridmap as the user namespace\n"
		"1  early,apply  bind /b on /b idmap uid 0:1000:10,10:5000:1 gid 0:2000:10\n"
		"2  apply        dev /dev: bind from the host null zero full random urandom tty;"
		" link fd stdin stdout stderr core ptmx\n");
}

static void test_plan_propagation_options(void **state)
{
	assert_plan_ops(
		CONFIG("'mounts': ["
		       " {'destination': '/a', 'source': '/a', 'options': ['rbind', 'rshared']},"
		       " {'destination': '/b', 'type': 'tmpfs', 'source': 'tmpfs',"
		       "  'options': ['private', 'size=1m', 'slave']},"
		       " {'destination': '/c', 'source': '/c',"
		       "  'options': ['bind', 'runbindable', 'relatime', 'noatime']}], " NS_MOUNT),
		"0  early,apply  rbind /a on /a (rshared)\n"
		"1  apply        mount tmpfs tmpfs on /b (slave,size=1m)\n"
		"2  early,apply  bind /c on /c (noatime,relatime,runbindable)\n"
		"3  apply        dev /dev: mknod null zero full random urandom tty;"
		" link fd stdin stdout stderr core ptmx\n");
}

/* No mount namespace in the config: the init gets one all the same (to
 * build the root in), the plan says the host's is the container's. */
static void test_plan_without_mount_namespace_carries_the_root(void **state)
{
	struct hrun_error err = {0};
	struct plan *p = build(CONFIG("'linux': {'namespaces': [{'type': 'pid'}]}"), &err);
	char *text;

	assert_non_null(p);
	assert_true(p->host_mount_ns);
	assert_true(p->clone_flags & CLONE_NEWNS);
	assert_int_equal(plan_new_namespaces(p), CLONE_NEWPID);
	text = print(p, PLAN_TEXT);
	assert_non_null(strstr(
		text, "namespaces   pid\nmount_ns     host's (the root is carried into it)\n"));
	free(text);
	text = print(p, PLAN_JSON);
	yajl_val json = yajl_tree_parse(text, NULL, 0);
	const char *key[] = {"hostMountNamespace", NULL};

	assert_true(YAJL_IS_TRUE(yajl_tree_get(json, key, yajl_t_any)));
	yajl_tree_free(json);
	free(text);
	plan_free(p);
}

static void test_plan_sysfs_without_netns_is_an_rbind_of_sys(void **state)
{
	assert_plan_ops(CONFIG("'mounts': [{'destination': '/sys', 'type': 'sysfs',"
			       " 'source': 'sysfs', 'options': ['nosuid', 'ro']}], " NS_MOUNT),
			"0  early,apply  rbind /sys on /sys (ro,nosuid)\n"
			"1  apply        dev /dev: mknod null zero full random urandom tty;"
			" link fd stdin stdout stderr core ptmx\n");
	assert_plan_ops(
		CONFIG("'mounts': [{'destination': '/sys', 'type': 'sysfs',"
		       " 'source': 'sysfs', 'options': ['nosuid', 'ro']}],"
		       " 'linux': {'namespaces': [{'type': 'mount'}, {'type': 'network'}]}"),
		"0  apply        mount sysfs sysfs on /sys (ro,nosuid)\n"
		"1  apply        dev /dev: mknod null zero full random urandom tty;"
		" link fd stdin stdout stderr core ptmx\n");
	/* a joined one (rootless podman's slirp4netns namespace) is the
	 * container's too */
	assert_plan_ops(CONFIG("'mounts': [{'destination': '/sys', 'type': 'sysfs',"
			       " 'source': 'sysfs', 'options': ['nosuid', 'ro']}],"
			       " 'linux': {'namespaces': [{'type': 'mount'},"
			       " {'type': 'network', 'path': '/proc/7/ns/net'}]}"),
			"0  apply        mount sysfs sysfs on /sys (ro,nosuid)\n"
			"1  apply        dev /dev: mknod null zero full random urandom tty;"
			" link fd stdin stdout stderr core ptmx\n");
}

static void test_plan_readonly_root_remounts_last(void **state)
{
	assert_plan_ops("{'ociVersion': '1.3.0', 'root': {'path': 'rootfs', 'readonly': true},"
			" 'process': {'args': ['sh'], 'cwd': '/'},"
			" 'mounts': [{'destination': '/tmp', 'type': 'tmpfs', 'source': 'tmpfs'}],"
			" 'linux': {'namespaces': [{'type': 'mount'}],"
			"  'readonlyPaths': ['/proc/sys']}}",
			"0  apply        mount tmpfs tmpfs on /tmp\n"
			"1  apply        dev /dev: mknod null zero full random urandom tty;"
			" link fd stdin stdout stderr core ptmx\n"
			"2  apply        readonly /proc/sys\n"
			"3  apply        remount / (ro)\n");
}

/* runc: a read-only /dev is mounted writable, filled, then remounted
 * read-only after the masked and read-only paths, before the root. */
static void test_plan_readonly_dev_is_made_then_remounted(void **state)
{
	assert_plan_ops("{'ociVersion': '1.3.0', 'root': {'path': 'rootfs', 'readonly': true},"
			" 'process': {'args': ['sh'], 'cwd': '/'},"
			" 'mounts': [{'destination': '/dev', 'type': 'tmpfs', 'source': 'tmpfs',"
			"  'options': ['nosuid', 'ro', 'mode=755']}],"
			" 'linux': {'namespaces': [{'type': 'mount'}],"
			"  'readonlyPaths': ['/proc/sys']}}",
			"0  apply        mount tmpfs tmpfs on /dev (nosuid,mode=755)\n"
			"1  apply        dev /dev: mknod null zero full random urandom tty;"
			" link fd stdin stdout stderr core ptmx\n"
			"2  apply        readonly /proc/sys\n"
			"3  apply        remount /dev (ro)\n"
			"4  apply        remount / (ro)\n");
}

static void test_plan_masked_and_readonly_paths(void **state)
{
	assert_plan_ops(CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
			       " 'maskedPaths': ['/proc/kcore', '/proc/acpi'],"
			       " 'readonlyPaths': ['/proc/bus', '/proc/sys']}"),
			"0  apply        dev /dev: mknod null zero full random urandom tty;"
			" link fd stdin stdout stderr core ptmx\n"
			"1  apply        mask /proc/kcore /proc/acpi\n"
			"2  apply        readonly /proc/bus /proc/sys\n");
}

static void test_plan_host_dev_bind_replaces_default_devices(void **state)
{
	assert_plan_ops(CONFIG("'mounts': [{'destination': '/dev/', 'source': '/dev',"
			       " 'options': ['rbind']}], " NS_MOUNT),
			"0  early,apply  rbind /dev on /dev/\n");
}

static void test_plan_devices_come_before_the_defaults(void **state)
{
	static const char devices[] =
		"'devices': [{'path': '/dev/fuse', 'type': 'c', 'major': 10, 'minor': 229,"
		"  'fileMode': 438, 'uid': 0, 'gid': 0},"
		" {'path': '/dev/net/tun', 'type': 'c', 'major': 10, 'minor': 200},"
		" {'path': '/dev/sda', 'type': 'b', 'major': 8, 'minor': 0, 'fileMode': 432,"
		"  'uid': 1, 'gid': 6},"
		" {'path': '/dev/fifo', 'type': 'p'}]";
	char config[1024];

	snprintf(config, sizeof config, CONFIG("'linux': {'namespaces': [{'type': 'mount'}], %s}"),
		 devices);
	assert_plan_ops(config, "0  apply        device /dev/fuse (c 10:229 0666 0:0)\n"
				"1  apply        device /dev/net/tun (c 10:200 0666 0:0)\n"
				"2  apply        device /dev/sda (b 8:0 0660 1:6)\n"
				"3  apply        device /dev/fifo (p 0:0 0666 0:0)\n"
				"4  apply        dev /dev: mknod null zero full random urandom tty;"
				" link fd stdin stdout stderr core ptmx\n");
	snprintf(config, sizeof config,
		 CONFIG("'linux': {'namespaces': [{'type': 'mount'},"
			" {'type': 'user', 'path': '/proc/1/ns/user'}], %s}"),
		 devices);
	assert_plan_ops(config, "0  apply        device /dev/fuse (bind from the host)\n"
				"1  apply        device /dev/net/tun (bind from the host)\n"
				"2  apply        device /dev/sda (bind from the host)\n"
				"3  apply        device /dev/fifo (bind from the host)\n"
				"4  apply        dev /dev: bind from the host null zero full random"
				" urandom tty; link fd stdin stdout stderr core ptmx\n");
}

static void test_plan_cgroup_without_cgroupns(void **state)
{
	assert_plan_ops(CONFIG("'mounts': [{'destination': '/sys/fs/cgroup', 'type': 'cgroup',"
			       " 'options': ['ro', 'rprivate']},"
			       " {'destination': '/c2', 'type': 'cgroup2',"
			       "  'source': 'cgroup2'}], " NS_MOUNT),
			"0  early,apply  cgroup on /sys/fs/cgroup (ro,rprivate)\n"
			"1  apply        mount cgroup2 cgroup2 on /c2\n"
			"2  apply        dev /dev: mknod null zero full random urandom tty;"
			" link fd stdin stdout stderr core ptmx\n");
}

static int adopt_wait(const char *value)
{
	char config[512];
	struct hrun_error err = {0};
	struct plan *plan;
	int ms;

	snprintf(config, sizeof config,
		 CONFIG("'annotations': {'org.hrun.adopt-wait': '%s'}, " NS_MOUNT), value);
	plan = build(config, &err);
	if (!plan)
		fail_msg("adopt-wait %s: %s", value, err.msg);
	ms = plan->adopt_wait_ms;
	plan_free(plan);
	return ms;
}

static void test_plan_adopt_wait_durations(void **state)
{
	assert_int_equal(adopt_wait("250ms"), 250);
	assert_int_equal(adopt_wait("5s"), 5000);
	assert_int_equal(adopt_wait("7"), 7000);
	assert_int_equal(adopt_wait("2m"), 120000);
	assert_int_equal(adopt_wait("0"), 0);
}

/* The last of duplicate annotation keys wins, as for any JSON member and
 * for every other annotation hrun reads (oci_spec_annotation). */
static void test_plan_adopt_wait_last_duplicate_wins(void **state)
{
	struct plan *plan = must_build(CONFIG("'annotations': {'org.hrun.adopt-wait': '1s',"
					      " 'org.hrun.adopt-wait': '3s'}, " NS_MOUNT));

	assert_int_equal(plan->adopt_wait_ms, 3000);
	plan_free(plan);
}

static void test_plan_errors_name_the_field(void **state)
{
	static const struct {
		const char *config, *error;
	} cases[] = {
		{CONFIG_PROCESS("'capabilities': {'bounding': ['CAP_FOO']}", NS_MOUNT),
		 "process.capabilities.bounding: unknown capability \"CAP_FOO\""},
		{CONFIG_PROCESS("'capabilities': {'ambient': ['cap_kill']}", NS_MOUNT),
		 "process.capabilities.ambient: unknown capability \"cap_kill\""},
		{CONFIG_PROCESS("'rlimits': [{'type': 'RLIMIT_FOO', 'hard': 1, 'soft': 1}]",
				NS_MOUNT),
		 "process.rlimits[0].type: unknown rlimit \"RLIMIT_FOO\""},
		{CONFIG_PROCESS("'rlimits': [{'type': 'RLIMIT_CORE', 'hard': 1, 'soft': 1},"
				" {'type': 'RLIMIT_CORE', 'hard': 1, 'soft': 1}]",
				NS_MOUNT),
		 "process.rlimits[1].type: duplicate \"RLIMIT_CORE\""},
		{CONFIG_PROCESS("'rlimits': [{'type': 'RLIMIT_CORE', 'hard': 1, 'soft': 2}]",
				NS_MOUNT),
		 "process.rlimits[0]: soft limit above the hard limit"},
		{CONFIG("'mounts': [{'destination': '/a', 'options': ['bind']}], " NS_MOUNT),
		 "mounts[0].source: required for a bind mount"},
		{CONFIG("'mounts': [{'destination': '/a', 'source': 'x'}], " NS_MOUNT),
		 "mounts[0].type: required unless the mount is a bind"},
		{CONFIG("'hostname': 'h', " NS_MOUNT), "hostname: requires a new uts namespace"},
		{CONFIG("'domainname': 'd', " NS_MOUNT),
		 "domainname: requires a new uts namespace"},
		{CONFIG("'linux': {'namespaces': [{'type': 'mount'}, {'type': 'user'}]}"),
		 "linux.uidMappings: a new user namespace needs mappings"},
		{CONFIG("'linux': {'namespaces': [{'type': 'mount'}, {'type': 'user'}],"
			" 'uidMappings': [{'containerID': 0, 'hostID': 1, 'size': 1}]}"),
		 "linux.gidMappings: a new user namespace needs mappings"},
		{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
			" 'uidMappings': [{'containerID': 0, 'hostID': 1, 'size': 1}]}"),
		 "linux.uidMappings: requires a user namespace"},
		{CONFIG("'linux': {'namespaces': [{'type': 'pid'}, {'type': 'user'}],"
			" 'uidMappings': [{'containerID': 0, 'hostID': 1, 'size': 1}],"
			" 'gidMappings': [{'containerID': 0, 'hostID': 1, 'size': 1}]}"),
		 "linux.namespaces: a user namespace needs a mount namespace"},
		{CONFIG("'linux': {'namespaces': [{'type': 'pid'}], 'rootfsPropagation': "
			"'shared'}"),
		 "linux.rootfsPropagation: needs a mount namespace"},
		{CONFIG("'annotations': {'org.hrun.adopt-wait': '5x'}, " NS_MOUNT),
		 "annotations[\"org.hrun.adopt-wait\"]: invalid duration \"5x\""
		 " (want e.g. 5s, 250ms or 5)"},
		{CONFIG("'annotations': {'org.hrun.init': 'never'}, " NS_MOUNT),
		 "annotations[\"org.hrun.init\"]: \"never\" is not resident or none"},
		{CONFIG("'annotations': {'org.hrun.adopt-wait': '-1s'}, " NS_MOUNT),
		 "annotations[\"org.hrun.adopt-wait\"]: invalid duration \"-1s\""
		 " (want e.g. 5s, 250ms or 5)"},
		{CONFIG("'annotations': {'org.hrun.adopt-wait': '99999999999ms'}, " NS_MOUNT),
		 "annotations[\"org.hrun.adopt-wait\"]: invalid duration \"99999999999ms\""
		 " (want e.g. 5s, 250ms or 5)"},
		{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
			" 'rootfsPropagation': 'rprivat'}"),
		 "linux.rootfsPropagation: unknown propagation \"rprivat\""},
		{CONFIG("'linux': {'namespaces': [{'type': 'mount'}], 'maskedPaths': ['/a', 'b']}"),
		 "linux.maskedPaths[1]: must be an absolute path"},
		{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
			" 'devices': [{'path': 'dev/x', 'type': 'c', 'major': 1, 'minor': 1}]}"),
		 "linux.devices[0].path: must be an absolute file path"},
		{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
			" 'devices': [{'path': '/dev/', 'type': 'c', 'major': 1, 'minor': 1}]}"),
		 "linux.devices[0].path: must be an absolute file path"},
		{CONFIG("'linux': {'namespaces': [{'type': 'mount'}],"
			" 'devices': [{'path': '/dev/x', 'type': 'b', 'major': -1, 'minor': 1}]}"),
		 "linux.devices[0]: major or minor out of range"},
		{CONFIG("'linux': {'namespaces': [{'type': 'mount'}], 'readonlyPaths': ['b']}"),
		 "linux.readonlyPaths[0]: must be an absolute path"},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_plan_error(cases[i].config, cases[i].error);
}

/* The parser refuses these already; the plan must too when handed a model
 * built some other way. */
static void test_plan_errors_on_a_model_built_in_c(void **state)
{
	char *args[] = {"sh", NULL};
	struct oci_root root = {.path = "rootfs"};
	struct oci_process process = {.args = args, .n_args = 1, .cwd = "relative"};
	struct oci_namespace ns = {.type = OCI_NS_MOUNT};
	struct oci_linux lx = {.namespaces = &ns, .n_namespaces = 1};
	struct oci_spec spec = {.root = &root, .process = &process, .linux_ = &lx};
	struct hrun_error err = {0};

	assert_null(plan_build(&spec, BUNDLE, &err));
	assert_string_equal(err.msg, "process.cwd: must be an absolute path");
	spec.process = NULL;
	assert_null(plan_build(&spec, BUNDLE, &err));
	assert_string_equal(err.msg, "process: required");
	spec.process = &process;
	process.cwd = NULL;
	process.n_args = 0;
	assert_null(plan_build(&spec, BUNDLE, &err));
	assert_string_equal(err.msg, "process.args: required");
	process.n_args = 1;
	spec.root = NULL;
	assert_null(plan_build(&spec, BUNDLE, &err));
	assert_string_equal(err.msg, "root.path: required");
	spec.root = &root;

	struct plan *plan = plan_build(&spec, BUNDLE, &err);
	assert_non_null(plan);
	assert_string_equal(plan->process.cwd, "/");
	assert_non_null(plan->process.env);
	assert_null(plan->process.env[0]);
	assert_int_equal(plan->rootfs_propagation, MS_SLAVE | MS_REC);
	plan_free(plan);

	struct oci_namespace twice[] = {
		{.type = OCI_NS_MOUNT}, {.type = OCI_NS_PID}, {.type = OCI_NS_PID}};
	lx.namespaces = twice;
	lx.n_namespaces = 3;
	assert_null(plan_build(&spec, BUNDLE, &err));
	assert_string_equal(err.msg, "linux.namespaces[2]: duplicate pid namespace");
}

static yajl_val json_get(yajl_val v, const char *a, const char *b)
{
	const char *path[] = {a, b, NULL};

	return yajl_tree_get(v, path, yajl_t_any);
}

static void test_plan_json_has_the_text_content(void **state)
{
	struct hrun_error err = {0};
	struct plan *plan = build(runc_spec, &err);
	char errbuf[256];

	assert_non_null(plan);
	char *text = print(plan, PLAN_JSON);
	yajl_val doc = yajl_tree_parse(text, errbuf, sizeof errbuf);
	if (!doc)
		fail_msg("not JSON: %s\n%s", errbuf, text);
	assert_string_equal(YAJL_GET_STRING(json_get(doc, "rootfs", NULL)), "/bundle/rootfs");
	assert_string_equal(YAJL_GET_STRING(json_get(doc, "rootfsPropagation", NULL)), "rslave");
	assert_int_equal(YAJL_GET_INTEGER(json_get(doc, "adoptWaitMs", NULL)), 0);
	yajl_val caps = json_get(json_get(doc, "process", "capabilities"), "bounding", NULL);
	assert_int_equal(YAJL_GET_ARRAY(caps)->len, 3);
	assert_string_equal(YAJL_GET_STRING(YAJL_GET_ARRAY(caps)->values[0]), "CAP_KILL");
	yajl_val ops = json_get(doc, "ops", NULL);
	assert_int_equal(YAJL_GET_ARRAY(ops)->len, plan->n_ops);
	yajl_val cg = YAJL_GET_ARRAY(ops)->values[6];
	assert_string_equal(YAJL_GET_STRING(json_get(cg, "type", NULL)), "cgroup");
	yajl_val phases = json_get(cg, "phases", NULL);
	assert_int_equal(YAJL_GET_ARRAY(phases)->len, 2);
	assert_string_equal(YAJL_GET_STRING(YAJL_GET_ARRAY(phases)->values[0]), "early");
	assert_string_equal(YAJL_GET_STRING(json_get(cg, "describe", NULL)),
			    "cgroup on /sys/fs/cgroup (ro,nosuid,nodev,noexec,relatime)"
			    " in the cgroup namespace");
	yajl_val mask = YAJL_GET_ARRAY(ops)->values[8];
	assert_int_equal(YAJL_GET_ARRAY(json_get(mask, "paths", NULL))->len, 10);
	yajl_tree_free(doc);
	free(text);
	plan_free(plan);
}

static void test_mount_options_table(void **state)
{
	char *opts[] = {"ro",	 "uid=5",     "rw",	"nosuid", "",
			"rbind", "mode=0755", "rslave", "noexec", "exec"};
	struct mount_opts o;
	struct hrun_error err = {0};
	const char *names[8];
	unsigned long prop;

	assert_int_equal(mount_options_parse(opts, sizeof opts / sizeof opts[0], &o, &err), 0);
	assert_int_equal(o.flags, MS_NOSUID);
	assert_int_equal(o.clear, MS_RDONLY | MS_NOEXEC);
	assert_int_equal(o.propagation, MS_SLAVE | MS_REC);
	assert_true(o.bind);
	assert_true(o.recursive);
	assert_string_equal(o.data, "uid=5,mode=0755");
	free(o.data);

	assert_int_equal(mount_options_names(MS_RDONLY | MS_LAZYTIME | MS_NODEV, names, 8), 3);
	assert_string_equal(names[0], "ro");
	assert_string_equal(names[1], "nodev");
	assert_string_equal(names[2], "lazytime");
	assert_int_equal(mount_propagation_parse("runbindable", &prop), 0);
	assert_int_equal(prop, MS_UNBINDABLE | MS_REC);
	assert_int_equal(mount_propagation_parse("ro", &prop), -1);
	assert_string_equal(mount_propagation_name(MS_SHARED), "shared");
	assert_null(mount_propagation_name(MS_RDONLY));
}

static void test_rlimit_table(void **state)
{
	assert_int_equal(rlimit_from_name("RLIMIT_NOFILE"), RLIMIT_NOFILE);
	assert_int_equal(rlimit_from_name("RLIMIT_RTTIME"), RLIMIT_RTTIME);
	assert_int_equal(rlimit_from_name("NOFILE"), -1);
	assert_string_equal(rlimit_name(RLIMIT_MSGQUEUE), "RLIMIT_MSGQUEUE");
}

/* The flags a bind remount would add, as mount_setattr attributes. */
static void test_mount_options_attrs(void **state)
{
	uint64_t set, clr;

	(void)state;
	assert_int_equal(
		mount_options_attrs(MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, &set, &clr), 0);
	assert_int_equal(set, MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV |
				      MOUNT_ATTR_NOEXEC);
	assert_int_equal(clr, 0);
	assert_int_equal(mount_options_attrs(MS_NOSUID | MS_NOATIME, &set, &clr), 0);
	assert_int_equal(set, MOUNT_ATTR_NOSUID | MOUNT_ATTR_NOATIME);
	assert_int_equal(clr, MOUNT_ATTR__ATIME);
	assert_int_equal(mount_options_attrs(MS_RELATIME, &set, &clr), 0);
	assert_int_equal(set, MOUNT_ATTR_RELATIME);
	assert_int_equal(clr, MOUNT_ATTR__ATIME);
	/* no mount_setattr form: two atime modes, a superblock flag */
	assert_int_equal(mount_options_attrs(MS_NOATIME | MS_STRICTATIME, &set, &clr), -1);
	assert_int_equal(mount_options_attrs(MS_RDONLY | MS_SYNCHRONOUS, &set, &clr), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_runc_spec_default),
		cmocka_unit_test(test_plan_rootless_binds_devices_and_sys),
		cmocka_unit_test(test_plan_process_settings),
		cmocka_unit_test(test_plan_binds_ro_rw_and_relative_source),
		cmocka_unit_test(test_plan_idmapped_binds),
		cmocka_unit_test(test_plan_propagation_options),
		cmocka_unit_test(test_plan_without_mount_namespace_carries_the_root),
		cmocka_unit_test(test_plan_sysfs_without_netns_is_an_rbind_of_sys),
		cmocka_unit_test(test_plan_readonly_root_remounts_last),
		cmocka_unit_test(test_plan_readonly_dev_is_made_then_remounted),
		cmocka_unit_test(test_plan_masked_and_readonly_paths),
		cmocka_unit_test(test_plan_host_dev_bind_replaces_default_devices),
		cmocka_unit_test(test_plan_devices_come_before_the_defaults),
		cmocka_unit_test(test_plan_cgroup_without_cgroupns),
		cmocka_unit_test(test_plan_adopt_wait_durations),
		cmocka_unit_test(test_plan_adopt_wait_last_duplicate_wins),
		cmocka_unit_test(test_plan_errors_name_the_field),
		cmocka_unit_test(test_plan_errors_on_a_model_built_in_c),
		cmocka_unit_test(test_plan_json_has_the_text_content),
		cmocka_unit_test(test_mount_options_table),
		cmocka_unit_test(test_mount_options_attrs),
		cmocka_unit_test(test_rlimit_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
