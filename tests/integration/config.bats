#!/usr/bin/env bats
# Every field of config.json is honoured -- seen from inside the container
# -- or refused with an error that names it.  attrs_probe
# (tests/integration/attrs_probe.c, static) prints what /proc does not show:
# "mempolicy MODE NODES" and "sched POLICY NICE PRIO RUNTIME DEADLINE PERIOD".

load helpers

BUILDDIR=${HRUN_TOP_BUILDDIR:-$(dirname "$HRUN")}

setup() {
	setup_bundle
	install -m 0755 "$BUILDDIR/tests/integration/attrs_probe" "$ROOTFS/bin/attrs_probe"
}

teardown() {
	ip link del hrun-t0 2>/dev/null || true
	[ -z "${HOLDER:-}" ] || kill "$HOLDER" 2>/dev/null || true
	assert_nothing_left
}

# add_namespace TYPE: a new namespace of that type.
add_namespace() {
	update_config --arg t "$1" '.linux.namespaces += [{"type": $t}]'
}

# --- process

@test "process.rlimits: every RLIMIT_* name reaches the workload" {
	update_config '.process.rlimits = [
		{"type": "RLIMIT_NOFILE", "soft": 512, "hard": 1000},
		{"type": "RLIMIT_CORE", "soft": 0, "hard": 4096},
		{"type": "RLIMIT_AS", "soft": 1073741824, "hard": 1073741824},
		{"type": "RLIMIT_CPU", "soft": 100, "hard": 200},
		{"type": "RLIMIT_DATA", "soft": 1073741824, "hard": 1073741824},
		{"type": "RLIMIT_FSIZE", "soft": 1048576, "hard": 1048576},
		{"type": "RLIMIT_LOCKS", "soft": 50, "hard": 60},
		{"type": "RLIMIT_MEMLOCK", "soft": 65536, "hard": 65536},
		{"type": "RLIMIT_MSGQUEUE", "soft": 8192, "hard": 8192},
		{"type": "RLIMIT_NICE", "soft": 0, "hard": 0},
		{"type": "RLIMIT_NPROC", "soft": 100, "hard": 100},
		{"type": "RLIMIT_RSS", "soft": 1048576, "hard": 1048576},
		{"type": "RLIMIT_RTPRIO", "soft": 0, "hard": 0},
		{"type": "RLIMIT_RTTIME", "soft": 1000, "hard": 2000},
		{"type": "RLIMIT_SIGPENDING", "soft": 70, "hard": 70},
		{"type": "RLIMIT_STACK", "soft": 8388608, "hard": 8388608}]'
	set_args sh -c 'ulimit -n; ulimit -Hn; cat /proc/self/limits'
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 512 ]
	[ "${lines[1]}" = 1000 ]
	[[ "$output" =~ "Max core file size        0                    4096" ]]
	[[ "$output" =~ "Max cpu time              100                  200" ]]
	[[ "$output" =~ "Max file locks            50                   60" ]]
	[[ "$output" =~ "Max msgqueue size         8192                 8192" ]]
	[[ "$output" =~ "Max realtime timeout      1000                 2000" ]]
	[[ "$output" =~ "Max pending signals       70                   70" ]]
}

@test "a relative mount destination is relative to / (runtime-spec 1.1), its kernel dir checked" {
	update_config '.root.readonly = false | .mounts += [{"destination": "rel/dir", "type": "tmpfs", "source": "tmpfs"}]'
	set_args sh -c 'grep -c " /rel/dir tmpfs" /proc/self/mounts'
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = 1 ]
}

@test "process.oomScoreAdj, umask and noNewPrivileges reach the workload" {
	update_config '.process.oomScoreAdj = 345 | .process.user.umask = 63
		| .process.noNewPrivileges = false'
	set_args sh -c 'cat /proc/self/oom_score_adj; umask; grep NoNewPrivs /proc/self/status'
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 345 ]
	[ "${lines[1]}" = 0077 ]
	[[ "${lines[2]}" =~ NoNewPrivs:[[:space:]]+0 ]]
	update_config '.process.noNewPrivileges = true'
	set_args grep NoNewPrivs /proc/self/status
	hrun_run
	[[ "$output" =~ NoNewPrivs:[[:space:]]+1 ]]
}

@test "process.scheduler: a nice SCHED_BATCH" {
	update_config '.process.scheduler = {"policy": "SCHED_BATCH", "nice": 7}'
	set_args sh -c 'attrs_probe; grep -E "^(policy|prio) " /proc/self/sched'
	hrun_run
	[ "$status" -eq 0 ]
	# (a fair policy's runtime is its slice: not checked)
	[[ "${lines[1]}" == "sched 3 7 0 "* ]]
	[[ "${lines[3]}" =~ ^prio[[:space:]]+:[[:space:]]+127$ ]]
}

@test "process.scheduler: SCHED_FIFO without CAP_SYS_NICE in the workload" {
	# a cgroup v1 cpu controller gives a new group no real-time budget
	if [ -e /sys/fs/cgroup/cpu/cpu.rt_runtime_us ]; then
		update_config '.linux.resources.cpu = {"realtimeRuntime": 10000, "realtimePeriod": 1000000}'
	fi
	update_config '.process.scheduler = {"policy": "SCHED_FIFO", "priority": 10}'
	set_args sh -c 'attrs_probe; grep CapEff /proc/self/status'
	hrun_run
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == "sched 1 0 10 "* ]]
	# CAP_SYS_NICE (23) was kept for the set-up only
	[ "$(( 0x${lines[2]##*[[:space:]]} >> 23 & 1 ))" -eq 0 ]
}

@test "process.scheduler: SCHED_DEADLINE parameters" {
	update_config '.process.scheduler = {"policy": "SCHED_DEADLINE",
		"runtime": 42000, "deadline": 1000000, "period": 1000000}'
	set_args attrs_probe
	hrun_run
	if [ "$status" -ne 0 ] && [[ "$stderr" =~ "sched_setattr: Device or resource busy" ]]; then
		skip "no deadline bandwidth on this host"
	fi
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "sched 6 0 0 42000 1000000 1000000" ]
}

@test "process.ioPriority: class and level" {
	update_config '.process.ioPriority = {"class": "IOPRIO_CLASS_BE", "priority": 5}'
	set_args sh -c 'ionice -p $$'
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = "best-effort: prio 5" ] || [ "$output" = "Best-effort: prio 5" ]
}

@test "process.execCPUAffinity: the workload execs with the final set" {
	[ "$(nproc)" -ge 2 ] || skip "one cpu"
	update_config '.process.execCPUAffinity = {"initial": "0-1", "final": "1"}'
	set_args grep Cpus_allowed_list /proc/self/status
	hrun_run
	[ "$status" -eq 0 ]
	[[ "$output" =~ Cpus_allowed_list:[[:space:]]+1$ ]]
	update_config '.process.execCPUAffinity = {"initial": "0"}'
	hrun_run
	[[ "$output" =~ Cpus_allowed_list:[[:space:]]+0$ ]]
}

@test "linux.personality LINUX32: uname -m is 32-bit" {
	[ "$(uname -m)" = x86_64 ] || skip "x86_64 only"
	update_config '.linux.personality = {"domain": "LINUX32"}'
	set_args uname -m
	hrun_run
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^i[3-6]86$ ]]
}

@test "process.apparmorProfile and selinuxLabel: the LSM must be there" {
	if grep -q Y /sys/module/apparmor/parameters/enabled 2>/dev/null; then
		skip "AppArmor is enabled here"
	fi
	update_config '.process.apparmorProfile = "hrun-test"'
	set_args true
	hrun_run
	assert_one_line_error '^hrun: process.apparmorProfile: AppArmor is not enabled on this host$'
	if [ ! -e /sys/fs/selinux/enforce ]; then
		update_config 'del(.process.apparmorProfile) | .process.selinuxLabel = "u:r:t:s0"'
		hrun_run
		assert_one_line_error '^hrun: process.selinuxLabel: SELinux is not enabled on this host$'
		update_config 'del(.process.selinuxLabel) | .linux.mountLabel = "u:o:t:s0"'
		hrun_run
		assert_one_line_error '^hrun: linux.mountLabel: SELinux is not enabled on this host$'
	fi
}

# --- linux

@test "linux.sysctl: the container's own network, ipc and uts keys" {
	update_config '.linux.sysctl = {"net.ipv4.ip_forward": "1", "kernel.shmmax": "1000000",
		"fs.mqueue.msg_max": "20", "net.ipv4.ping_group_range": "0 2000",
		"kernel.domainname": "sysctl.example"}'
	set_args sh -c 'cd /proc/sys && cat net/ipv4/ip_forward kernel/shmmax fs/mqueue/msg_max net/ipv4/ping_group_range kernel/domainname'
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 1 ]
	[ "${lines[1]}" = 1000000 ]
	[ "${lines[2]}" = 20 ]
	[[ "${lines[3]}" =~ ^0[[:space:]]+2000$ ]]
	[ "${lines[4]}" = sysctl.example ]
	# the host's are untouched
	[ "$(cat /proc/sys/fs/mqueue/msg_max)" != 20 ] || [ "$(cat /proc/sys/kernel/shmmax)" != 1000000 ]
}

@test "linux.sysctl: a key of the host, or of a namespace not the container's, is refused" {
	update_config '.linux.sysctl = {"vm.swappiness": "10"}'
	set_args true
	hrun_run
	assert_one_line_error '^hrun: linux.sysctl\["vm.swappiness"\]: not a namespaced key: it would change the host$'
	update_config '.linux.sysctl = {"net.ipv4.ip_forward": "1"}
		| .linux.namespaces |= map(select(.type != "network"))'
	hrun_run
	assert_one_line_error "^hrun: linux.sysctl\[\"net.ipv4.ip_forward\"\]: needs the container's own network namespace$"
	update_config '.linux.namespaces += [{"type": "network", "path": "/proc/self/ns/net"}]'
	hrun_run
	assert_one_line_error '^hrun: linux.sysctl\["net.ipv4.ip_forward"\]: the network namespace `/proc/self/ns/net` is the host.s$'
}

@test "linux.sysctl: a value the kernel refuses names the key" {
	update_config '.linux.sysctl = {"net.ipv4.ip_forward": "abc"}'
	set_args true
	hrun_run
	assert_one_line_error '^hrun: apply op [0-9]+ \(sysctl\): linux.sysctl\["net.ipv4.ip_forward"\]: cannot write `abc`: Invalid argument$'
}

@test "linux.timeOffsets: the container's clocks, for the workload and exec" {
	add_namespace time
	update_config '.linux.timeOffsets = {"boottime": {"secs": 864000, "nanosecs": 0},
		"monotonic": {"secs": 3600, "nanosecs": 5}}'
	set_args sh -c 'cat /proc/uptime /proc/self/timens_offsets'
	hrun_run
	[ "$status" -eq 0 ]
	uptime=${lines[0]%%.*}
	[ "$uptime" -ge 864000 ]
	[[ "$output" =~ monotonic[[:space:]]+3600[[:space:]]+5 ]]
	[[ "$output" =~ boottime[[:space:]]+864000[[:space:]]+0 ]]
}

@test "linux.timeOffsets in a user namespace" {
	add_namespace time
	update_config '.linux.namespaces += [{"type": "user"}]
		| .linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .linux.timeOffsets = {"boottime": {"secs": 864000}}'
	set_args cat /proc/uptime
	hrun_run
	[ "$status" -eq 0 ]
	[ "${output%%.*}" -ge 864000 ]
}

@test "linux.timeOffsets the kernel refuses: one line naming the clock, nothing left" {
	add_namespace time
	update_config '.linux.timeOffsets = {"monotonic": {"secs": 10}, "boottime": {"secs": -1000000000}}'
	set_args true
	hrun_run
	assert_one_line_error '^hrun: linux.timeOffsets.boottime: cannot write `-1000000000 0` to `/proc/self/timens_offsets` \(the clock would read below 0 or above 146 years\): Numerical result out of range$'
}

@test "linux.timeOffsets without a new time namespace is refused" {
	update_config '.linux.timeOffsets = {"boottime": {"secs": 1}}'
	set_args true
	hrun_run
	assert_one_line_error '^hrun: linux.timeOffsets: requires a new time namespace$'
}

@test "domainname and hostname: set in the new uts namespace, refused without one" {
	update_config '.hostname = "box" | .domainname = "example.org"'
	set_args sh -c 'hostname; cat /proc/sys/kernel/domainname'
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = box ]
	[ "${lines[1]}" = example.org ]
	update_config '.linux.namespaces |= map(select(.type != "uts")) | del(.hostname)'
	hrun_run
	assert_one_line_error '^hrun: domainname: requires a new uts namespace$'
}

@test "linux.memoryPolicy: the workload's NUMA policy" {
	update_config '.linux.memoryPolicy = {"mode": "MPOL_BIND", "nodes": "0"}'
	set_args attrs_probe
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "mempolicy 2 1" ]
	update_config '.linux.memoryPolicy = {"mode": "MPOL_PREFERRED", "nodes": "0",
		"flags": ["MPOL_F_STATIC_NODES"]}'
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "mempolicy $((1 | 1 << 15)) 1" ]
}

@test "linux.netDevices: a host interface moved in and renamed" {
	# names of this run's own: another copy of the suite may be at this test
	local dev=hr$$a peer=hr$$b
	ip link add "$dev" type veth peer name "$peer" || skip "no veth"
	update_config --arg d "$dev" '.linux.netDevices = {($d): {"name": "ceth0"}}'
	set_args sh -c 'ip -o link show ceth0'
	hrun_run
	ip link del "$dev" 2>/dev/null || true
	[ "$status" -eq 0 ]
	[[ "$output" =~ ceth0 ]]
	! ip link show "$dev" 2>/dev/null
}

@test "linux.netDevices: a missing interface is named" {
	update_config '.linux.netDevices = {"hrun-none0": {}}'
	set_args true
	hrun_run
	assert_one_line_error '^hrun: linux.netDevices\["hrun-none0"\]: no such interface: No such device$'
}

@test "linux.intelRdt: refused without resctrl, leaving nothing" {
	grep -q ' - resctrl ' /proc/self/mountinfo && skip "resctrl is mounted here"
	local H=("$HRUN" --root "$BATS_TEST_TMPDIR/state")
	update_config '.linux.intelRdt = {"closID": "hrun"}'
	set_args true
	hrun_run
	assert_one_line_error '^hrun: linux.intelRdt: resctrl is not mounted$'
	update_config '.linux.intelRdt = {"schemata": ["L3:0=f"], "enableMonitoring": true}'
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	assert_one_line_error '^hrun: linux.intelRdt: resctrl is not mounted$'
	# no state directory; teardown checks for mounts, processes, cgroups
	[ -z "$(ls -A "$BATS_TEST_TMPDIR/state" 2>/dev/null)" ]
}

@test "linux.intelRdt: a closID resctrl keeps for itself is refused" {
	update_config '.linux.intelRdt = {"closID": "mon_groups"}'
	set_args true
	hrun_run
	assert_one_line_error '^hrun: linux.intelRdt.closID: `mon_groups` cannot name a resctrl group$'
	update_config '.linux.intelRdt = {"memBwSchema": "L3:0=f"}'
	hrun_run
	assert_one_line_error '^hrun: linux.intelRdt.memBwSchema: must be one line starting with `MB:`$'
}

# --- namespaces

@test "linux.namespaces[].path that is no namespace of that type" {
	touch "$BATS_TEST_TMPDIR/x"
	update_config --arg p "$BATS_TEST_TMPDIR/x" '.linux.namespaces |= map(select(.type != "network"))
		| .linux.namespaces += [{"type": "network", "path": $p}]'
	set_args true
	hrun_run
	assert_one_line_error "^hrun: linux.namespaces\[[0-9]+\].path: \`$BATS_TEST_TMPDIR/x\` is not a network namespace$"
	update_config '.linux.namespaces |= map(if .type == "network" then .path = "/proc/self/ns/ipc" else . end)'
	hrun_run
	assert_one_line_error '^hrun: linux.namespaces\[[0-9]+\].path: `/proc/self/ns/ipc` is not a network namespace$'
}

@test "linux.namespaces[].path \"\" means a new namespace, as in runc" {
	update_config '.linux.namespaces |= map(if .type == "ipc" then .path = "" else . end)'
	set_args readlink /proc/self/ns/ipc
	hrun_run
	[ "$status" -eq 0 ]
	[[ "$output" == ipc:* ]]
	[ "$output" != "$(readlink /proc/self/ns/ipc)" ]
}

@test "linux.namespaces: a user namespace by path owns the new namespaces" {
	unshare -U sleep 60 &
	HOLDER=$!
	sleep 0.2
	echo "0 100000 65536" >"/proc/$HOLDER/uid_map"
	echo "0 100000 65536" >"/proc/$HOLDER/gid_map"
	update_config --arg p "/proc/$HOLDER/ns/user" '.linux.namespaces += [{"type": "user", "path": $p}]'
	set_args sh -c 'id -u; cat /proc/self/uid_map; ip -o link show lo'
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 0 ]
	[[ "${lines[1]}" =~ ^[[:space:]]+0[[:space:]]+100000[[:space:]]+65536$ ]]
	[[ "${lines[2]}" =~ LOOPBACK,UP ]]
}

@test "linux.namespaces without mount: the host's, entered with the container's root" {
	update_config '.linux.namespaces |= map(select(.type != "mount"))'
	echo marker >"$ROOTFS/etc/marker"
	touch "$BATS_TEST_TMPDIR/host-only"
	set_args sh -c "readlink /proc/self/ns/mnt; cat /etc/marker; ls /proc/self/status; test -e $BATS_TEST_TMPDIR/host-only || echo no-host"
	hrun_run
	rm "$ROOTFS/etc/marker"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(readlink /proc/self/ns/mnt)" ]
	[ "${lines[1]}" = marker ]
	[ "${lines[2]}" = /proc/self/status ]
	[ "${lines[3]}" = no-host ]
}

@test "linux.namespaces without mount: the created init and exec are in the root too" {
	local H=("$HRUN" --root "$BATS_TEST_TMPDIR/state")
	update_config '.linux.namespaces |= map(select(.type != "mount"))'
	set_args sleep 30
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >/dev/null 2>&1 </dev/null
	local pid
	pid=$("${H[@]}" state "$ID" | jq .pid)
	[ "$(readlink /proc/$pid/ns/mnt)" = "$(readlink /proc/self/ns/mnt)" ]
	echo marker >"$ROOTFS/etc/marker"
	run "${H[@]}" exec "$ID" sh -c 'readlink /proc/self/ns/mnt; cat /etc/marker'
	rm "$ROOTFS/etc/marker"
	"${H[@]}" delete --force "$ID"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(readlink /proc/self/ns/mnt)" ]
	[ "${lines[1]}" = marker ]
}

@test "linux.namespaces without mount: a user namespace or a root propagation is refused" {
	update_config '.linux.namespaces |= map(select(.type != "mount"))'
	add_namespace user
	update_config '.linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]'
	set_args true
	hrun_run
	assert_one_line_error '^hrun: linux.namespaces: a user namespace needs a mount namespace$'
	update_config '.linux.namespaces |= map(select(.type != "user")) | del(.linux.uidMappings)
		| del(.linux.gidMappings) | .linux.rootfsPropagation = "shared"'
	hrun_run
	assert_one_line_error '^hrun: linux.rootfsPropagation: needs a mount namespace$'
	update_config 'del(.linux.rootfsPropagation) | .mounts += [{"destination": "/m",
		"type": "bind", "source": "/tmp", "options": ["rbind", "runbindable"]}]'
	hrun_run
	assert_one_line_error '^hrun: mounts\[[0-9]+\].options: `runbindable` needs a mount namespace$'
}

# --- mounts

# The runtime-spec's "in the listed order", as /proc/self/mountinfo shows
# it (the conformance suite reads it there): binds, whose sources are
# opened before the container's root is made, come where the config puts
# them, between a tmpfs before and one after (since Linux 6.8 the file
# lists mounts in the order they were made).
@test "mounts: binds and rbinds in mountinfo in the config's order" {
	mkdir -p "$BATS_TEST_TMPDIR/src/sub"
	update_config --arg s "$BATS_TEST_TMPDIR/src" '.mounts += [
		{"destination": "/m1", "type": "tmpfs", "source": "tmpfs"},
		{"destination": "/m2", "type": "bind", "source": $s, "options": ["bind"]},
		{"destination": "/m3", "type": "bind", "source": $s, "options": ["rbind", "rslave"]},
		{"destination": "/m4", "type": "tmpfs", "source": "tmpfs"}]'
	set_args sh -c 'cut -d" " -f5 /proc/self/mountinfo | grep -E "^/(|proc|m[1-4])$" | tr "\n" " "'
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = "/ /proc /m1 /m2 /m3 /m4 " ] || { echo "$output"; return 1; }
}

@test "mounts: recursive options reach submounts, tmpcopyup keeps the contents" {
	mkdir -p "$BATS_TEST_TMPDIR/src/sub"
	update_config --arg s "$BATS_TEST_TMPDIR/src" '.root.readonly = false
		| .mounts += [{"destination": "/data", "type": "bind", "source": $s,
			"options": ["rbind", "rro", "rnosuid"]},
		{"destination": "/data/sub", "type": "tmpfs", "source": "tmpfs"},
		{"destination": "/etc", "type": "tmpfs", "source": "tmpfs",
			"options": ["tmpcopyup", "mode=755"]}]'
	set_args sh -c 'grep -E " /data(/sub)? " /proc/self/mountinfo | cut -d" " -f5,6; head -1 /etc/passwd; touch /etc/new && echo etc-writable'
	hrun_run
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^/data\ ro,nosuid ]]
	# the tmpfs came after the recursive options: its own stay
	[[ "${lines[1]}" =~ ^/data/sub\ rw ]]
	[ "${lines[2]}" = "root:x:0:0:root:/root:/bin/sh" ]
	[ "${lines[3]}" = etc-writable ]
	[ ! -e "$ROOTFS/etc/new" ]
}

@test "mounts: rro over a tree with a submount" {
	mkdir -p "$BATS_TEST_TMPDIR/tree"
	mount -t tmpfs hrun-sub "$BATS_TEST_TMPDIR/tree"
	mkdir "$BATS_TEST_TMPDIR/tree/in"
	mount -t tmpfs hrun-sub2 "$BATS_TEST_TMPDIR/tree/in"
	update_config --arg s "$BATS_TEST_TMPDIR/tree" '.mounts += [{"destination": "/tree",
		"type": "bind", "source": $s, "options": ["rbind", "rro"]}]'
	set_args sh -c 'touch /tree/in/x 2>&1 || echo refused'
	hrun_run
	umount "$BATS_TEST_TMPDIR/tree/in" "$BATS_TEST_TMPDIR/tree"
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = refused ]
}

@test "mounts: a tmpfs over a directory keeps its mode unless mode= is given" {
	mkdir -p "$BATS_TEST_TMPDIR/m/private" "$BATS_TEST_TMPDIR/m/given"
	chmod 0710 "$BATS_TEST_TMPDIR/m/private" "$BATS_TEST_TMPDIR/m/given"
	update_config --arg s "$BATS_TEST_TMPDIR/m" '.mounts += [
		{"destination": "/m", "type": "bind", "source": $s, "options": ["rbind"]},
		{"destination": "/m/private", "type": "tmpfs", "source": "tmpfs"},
		{"destination": "/m/given", "type": "tmpfs", "source": "tmpfs", "options": ["mode=750"]},
		{"destination": "/m/new", "type": "tmpfs", "source": "tmpfs"}]'
	set_args stat -c '%n %a' /m/private /m/given /m/new
	hrun_run
	[ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
	[ "${lines[0]}" = "/m/private 710" ]
	[ "${lines[1]}" = "/m/given 750" ]
	# a directory hrun made: tmpfs's own default, as runc
	[ "${lines[2]}" = "/m/new 1777" ]
}

@test "mounts: a read-only /dev gets its devices, devpts and links, then is read-only" {
	update_config '(.mounts[] | select(.destination == "/dev") | .options) += ["ro"]'
	set_args sh -c 'ls /dev/null /dev/pts/ptmx /dev/fd >/dev/null || exit 9; touch /dev/x 2>/dev/null && echo writable || echo read-only; grep " /dev " /proc/self/mountinfo | cut -d" " -f6 | cut -d, -f1'
	hrun_run
	[ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
	[ "${lines[0]}" = read-only ]
	[ "${lines[1]}" = ro ]
}

@test "mounts: a typo in an option is passed as data and the mount fails naming it" {
	update_config '.mounts += [{"destination": "/t", "type": "tmpfs", "source": "tmpfs",
		"options": ["nosiud"]}]'
	set_args true
	hrun_run
	assert_one_line_error '^hrun: apply op [0-9]+ \(mount\): mount `tmpfs` on `/t` \(options `nosiud`\): Invalid argument$'
	update_config '.mounts[-1] = {"destination": "/t", "type": "bind", "source": "/tmp",
		"options": ["rbind", "nosiud"]}'
	hrun_run
	assert_one_line_error '^hrun: mounts\[[0-9]+\].options: unknown option for a bind mount \(`nosiud`\)$'
}

@test "bad values: empty destination, negative major, unknown rlimit" {
	update_config '.mounts += [{"destination": "", "type": "tmpfs"}]'
	set_args true
	hrun_run
	assert_one_line_error '^hrun: config.json: mounts\[[0-9]+\].destination: must not be empty$'
	update_config 'del(.mounts[-1]) | .linux.devices = [{"path": "/dev/x", "type": "c",
		"major": -1, "minor": 1}]'
	hrun_run
	assert_one_line_error '^hrun: linux.devices\[0\]: major or minor out of range$'
	update_config 'del(.linux.devices) | .process.rlimits = [{"type": "RLIMIT_FOO",
		"soft": 1, "hard": 1}]'
	hrun_run
	assert_one_line_error '^hrun: process.rlimits\[0\].type: unknown rlimit "RLIMIT_FOO"$'
}

# --- hrun plan

@test "hrun plan shows every new setting" {
	add_namespace time
	update_config '.process.scheduler = {"policy": "SCHED_BATCH", "nice": 3}
		| .process.ioPriority = {"class": "IOPRIO_CLASS_IDLE", "priority": 0}
		| .process.execCPUAffinity = {"initial": "0-1", "final": "0"}
		| .linux.personality = {"domain": "LINUX32"}
		| .linux.memoryPolicy = {"mode": "MPOL_BIND", "nodes": "0"}
		| .linux.sysctl = {"net.ipv4.ip_forward": "1"}
		| .linux.timeOffsets = {"boottime": {"secs": 5}}
		| .linux.netDevices = {"eth5": {"name": "c5"}}'
	run --separate-stderr "$HRUN" plan --bundle "$BUNDLE"
	[ "$status" -eq 0 ]
	for line in "scheduler    SCHED_BATCH nice=3 priority=0" "ioprio       IOPRIO_CLASS_IDLE 0" \
		"cpus.initial 0-1" "cpus.final   0" "personality  LINUX32" \
		"mempolicy    MPOL_BIND nodes=0" "timeoffset   boottime 5s 0ns" \
		"netdevice    eth5 as c5"; do
		[[ "$output" == *"$line"* ]] || { echo "missing: $line"; echo "$output"; return 1; }
	done
	[[ "$output" =~ apply\ +sysctl\ net.ipv4.ip_forward=1 ]]
	run --separate-stderr "$HRUN" plan --format json --bundle "$BUNDLE"
	[ "$status" -eq 0 ]
	[ "$(jq -r .process.scheduler.policy <<<"$output")" = SCHED_BATCH ]
	[ "$(jq -r '.timeOffsets[0].secs' <<<"$output")" = 5 ]
}
