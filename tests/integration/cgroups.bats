#!/usr/bin/env bats
# The container's cgroup on this host's real hierarchies: limits at create
# and after update, placement of the init, pause/resume, pids and memory
# limits enforced, events, kill --all, delete, --cgroup-manager disabled,
# and nothing left under /sys/fs/cgroup.

load helpers

CG_ROOT=/sys/fs/cgroup

setup() {
	[ -d "$CG_ROOT" ] || skip "no cgroup filesystem at $CG_ROOT"
	setup_bundle
	# every cgroup a test makes holds TAG: the leak check looks for it
	TAG="hrunbats$$"
	ID="$TAG-$BATS_TEST_NUMBER"
	STATE_ROOT="$BATS_TEST_TMPDIR/state"
	H=("$HRUN" --root "$STATE_ROOT")
	LIBPOD_EXISTED=$(ls -d "$CG_ROOT/libpod_parent" "$CG_ROOT"/*/libpod_parent 2>/dev/null || true)
}

teardown() {
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	# parents runtimes leave behind (as the OCI suite's driver does)
	remove_parents
	assert_nothing_left
	local left
	left=$(find "$CG_ROOT" -maxdepth 5 -type d -name "*$TAG*" 2>/dev/null)
	[ -z "$left" ] || { echo "cgroups left: $left"; return 1; }
}

remove_parents() {
	local h
	for h in $(hierarchies); do
		rmdir "$h/$TAG-parent/cgrouptest" "$h/$TAG-parent" 2>/dev/null || true
		[ -n "$LIBPOD_EXISTED" ] || rmdir "$h/libpod_parent" 2>/dev/null || true
	done
}

# The hierarchies of this host: v1 controllers by directory, "unified" or
# the root itself for cgroup2.
hierarchies() {
	if [ -e "$CG_ROOT/cgroup.controllers" ]; then
		echo "$CG_ROOT"
		return
	fi
	local d
	for d in "$CG_ROOT"/*/; do
		d=${d%/}
		[ -L "$d" ] || [ ! -e "$d/cgroup.procs" ] || echo "$d"
	done
}

# The file of each limit: v1 "<controller>/<file>", v2 "<file>".
declare -gA V1_FILE=([memory]=memory/memory.limit_in_bytes [swap]=memory/memory.memsw.limit_in_bytes
	[pids]=pids/pids.max [shares]=cpu/cpu.shares [quota]=cpu/cpu.cfs_quota_us
	[period]=cpu/cpu.cfs_period_us)
declare -gA V2_FILE=([memory]=memory.max [swap]=memory.swap.max [pids]=pids.max
	[shares]=cpu.weight [cpu]=cpu.max)

# cg_is PATH KEY V1 V2: the limit KEY of the cgroup PATH holds V1 on a v1 or
# hybrid host, V2 on a cgroup2 one; "-" checks nothing on that layout.
cg_is() {
	local file want
	if [ -e "$CG_ROOT/cgroup.controllers" ]; then
		want=$4 file="$CG_ROOT$1/${V2_FILE[$2]}"
	else
		want=$3 file="$CG_ROOT/${V1_FILE[$2]%%/*}$1/${V1_FILE[$2]#*/}"
	fi
	[ "$want" = - ] || [ "$(cat "$file")" = "$want" ] ||
		{ echo "$file holds $(cat "$file"), expected $want"; return 1; }
}

# create quietly (the init keeps create's stdio: files, not bats' pipes)
hrun_create() {
	"${H[@]}" "$@" create --bundle "$BUNDLE" "$ID" >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err"
}

set_limits() {
	update_config --arg p "$1" '.linux.cgroupsPath = $p
		| .linux.resources.memory = {"limit": 104857600}
		| .linux.resources.pids = {"limit": 50}
		| .linux.resources.cpu = {"shares": 512, "quota": 50000, "period": 100000}'
}

@test "create applies the memory, pids and cpu limits; the init is in the cgroup" {
	CG="/$TAG-limits"
	set_limits "$CG"
	set_args sleep 100
	hrun_create
	cg_is "$CG" memory 104857600 104857600
	# the limit asked for: the maximum of tasks in the cgroup, the init among
	# them, as the runtime-spec has it (and the conformance suite reads)
	cg_is "$CG" pids 50 50
	# v2: cpu.weight from shares, as runc and crun convert it
	cg_is "$CG" shares 512 20
	cg_is "$CG" quota 50000 -
	cg_is "$CG" period 100000 -
	cg_is "$CG" cpu - "50000 100000"
	pid=$(state_field pid)
	# every hierarchy, cgroup2 included, names the container's cgroup
	run cat "/proc/$pid/cgroup"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -ge 1 ]
	for line in "${lines[@]}"; do
		[ "${line#*:*:}" = "$CG" ] || { echo "$line"; return 1; }
	done
	procs="$CG_ROOT/freezer$CG/cgroup.procs"
	[ -e "$procs" ] || procs="$CG_ROOT$CG/cgroup.procs"
	grep -qx "$pid" "$procs"
}

@test "update --resources=FILE and from stdin, then runc's flags" {
	CG="/$TAG-update"
	set_limits "$CG"
	set_args sleep 100
	hrun_create
	echo '{"memory":{"limit":100663296,"swap":201326592}}' >"$BATS_TEST_TMPDIR/res.json"
	"${H[@]}" update --resources="$BATS_TEST_TMPDIR/res.json" "$ID"
	cg_is "$CG" memory 100663296 100663296
	# v1's swap is memory+swap, v2's swap alone
	cg_is "$CG" swap 201326592 100663296
	echo '{"pids":{"limit":40}}' | "${H[@]}" update -r - "$ID"
	cg_is "$CG" pids 40 40
	"${H[@]}" update --memory 64m --memory-swap 128m --pids-limit 10 --cpu-shares 256 \
		--cpu-quota 20000 --cpu-period 50000 "$ID"
	cg_is "$CG" memory 67108864 67108864
	cg_is "$CG" swap 134217728 67108864
	cg_is "$CG" pids 10 10
	cg_is "$CG" shares 256 10
	cg_is "$CG" quota 20000 -
	cg_is "$CG" period 50000 -
	cg_is "$CG" cpu - "20000 50000"
	"${H[@]}" update --pids-limit -1 --cpu-quota -1 "$ID"
	cg_is "$CG" pids max max
	cg_is "$CG" quota -1 -
	cg_is "$CG" cpu - "max 50000"
}

@test "update refuses bad input and a stopped container" {
	set_args true
	hrun_create
	run --separate-stderr "${H[@]}" update --memory lots "$ID"
	assert_one_line_error 'update: --memory: `lots` is not a number'
	echo '{"memory":{"limit":"x"}}' >"$BATS_TEST_TMPDIR/bad.json"
	run --separate-stderr "${H[@]}" update --resources "$BATS_TEST_TMPDIR/bad.json" "$ID"
	assert_one_line_error 'bad.json: memory.limit'
	"${H[@]}" start "$ID"
	wait_status stopped
	run --separate-stderr "${H[@]}" update --pids-limit 5 "$ID"
	assert_one_line_error 'cannot update container .*: it is stopped'
}

@test "pause freezes a busy workload and resume lets it go on" {
	update_config '.mounts += [{"destination": "/tmp", "type": "tmpfs", "source": "tmpfs"}]'
	# appends only: the file's size tells whether the loop ran
	set_args sh -c 'i=0; while :; do i=$((i+1)); echo $i >>/tmp/n; done'
	hrun_create
	# a created container pauses too, as with runc, and resumes created
	"${H[@]}" pause "$ID"
	[ "$(state_field status)" = paused ]
	"${H[@]}" resume "$ID"
	[ "$(state_field status)" = created ]
	"${H[@]}" start "$ID"
	counter="/proc/$(state_field pid)/root/tmp/n"
	for _ in $(seq 50); do [ -s "$counter" ] && break; sleep 0.05; done
	"${H[@]}" pause "$ID"
	[ "$(state_field status)" = paused ]
	before=$(stat -c %s "$counter")
	sleep 0.3
	[ "$(stat -c %s "$counter")" = "$before" ]
	run --separate-stderr "${H[@]}" start "$ID"
	[ "$status" -ne 0 ]
	"${H[@]}" resume "$ID"
	[ "$(state_field status)" = running ]
	sleep 0.3
	[ "$(stat -c %s "$counter")" -gt "$before" ]
	run --separate-stderr "${H[@]}" resume "$ID"
	assert_one_line_error 'cannot resume container .*: it is running, not paused'
	# a paused container is deleted with --force all the same
	"${H[@]}" pause "$ID"
	"${H[@]}" delete --force "$ID"
}

@test "pids.limit is enforced inside the container" {
	update_config '.linux.resources.pids = {"limit": 6}'
	set_args sh -c 'for i in 1 2 3 4 5 6 7 8 9 10; do sleep 2 & done; wait'
	hrun_run
	[[ "$stderr" == *"Resource temporarily unavailable"* ]] || { echo "$stderr"; return 1; }
}

@test "a memory limit: the OOM kill is reported by events" {
	update_config '.linux.resources.memory = {"limit": 16777216, "swap": 16777216}'
	set_args sh -c 'sleep 0.5; dd if=/dev/zero of=/dev/null bs=64M count=1'
	hrun_create
	"${H[@]}" events --interval 100ms "$ID" >"$BATS_TEST_TMPDIR/events" 2>&1 &
	events=$!
	sleep 0.2
	"${H[@]}" start "$ID"
	wait_status stopped
	# events ends by itself once the container has stopped
	wait "$events"
	grep -qx "{\"type\":\"oom\",\"id\":\"$ID\"}" "$BATS_TEST_TMPDIR/events" ||
		{ cat "$BATS_TEST_TMPDIR/events"; return 1; }
	grep -q '"type":"stats"' "$BATS_TEST_TMPDIR/events"
}

@test "events --stats prints one stats object and exits" {
	update_config '.linux.resources.pids = {"limit": 30} | .linux.resources.memory = {"limit": 104857600}'
	set_args sleep 100
	hrun_create
	run --separate-stderr "${H[@]}" events --stats "$ID"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "$(jq -r .type <<<"$output")" = stats ]
	[ "$(jq -r .id <<<"$output")" = "$ID" ]
	[ "$(jq -r .data.pids.limit <<<"$output")" = 30 ]
	[ "$(jq -r .data.pids.current <<<"$output")" -ge 1 ]
	[ "$(jq -r .data.memory.usage.limit <<<"$output")" = 104857600 ]
	jq -e '.data.cpu.usage | has("kernel") and has("user")' <<<"$output"
	jq -e '.data | has("blkio") and has("hugetlb")' <<<"$output"
	run --separate-stderr "${H[@]}" events --interval soon "$ID"
	assert_one_line_error 'events: --interval: `soon` is not a duration'
}

@test "kill --all reaches every process of a container in the host's pid namespace" {
	update_config '.linux.namespaces |= map(select(.type != "pid"))'
	set_args sh -c 'sleep 100 & sleep 100 & trap "" TERM; wait'
	hrun_create
	"${H[@]}" start "$ID"
	procs="$CG_ROOT/pids/$ID/cgroup.procs"
	[ -e "$procs" ] || procs="$CG_ROOT/$ID/cgroup.procs"
	for _ in $(seq 50); do [ "$(wc -l <"$procs")" -ge 4 ] && break; sleep 0.05; done
	[ "$(wc -l <"$procs")" -ge 4 ]
	"${H[@]}" kill --all "$ID" KILL
	wait_status stopped
	for _ in $(seq 50); do [ ! -s "$procs" ] && break; sleep 0.05; done
	[ ! -s "$procs" ]
}

@test "delete removes the cgroup from every hierarchy; the default is named after the id" {
	set_args sleep 100
	hrun_create
	n=0
	for h in $(hierarchies); do
		[ -d "$h/$ID" ] || { echo "no $h/$ID"; return 1; }
		n=$((n + 1))
	done
	[ "$n" -ge 1 ]
	"${H[@]}" delete --force "$ID"
	for h in $(hierarchies); do
		[ ! -e "$h/$ID" ] || { echo "$h/$ID left"; return 1; }
	done
	[ ! -e "$STATE_ROOT/$ID" ]
}

@test "podman's /libpod_parent/libpod-<id> and the OCI suite's relative path" {
	ID=$(printf '%s%0*d' "$TAG" $((64 - ${#TAG})) 0)
	update_config --arg p "/libpod_parent/libpod-$ID" '.linux.cgroupsPath = $p'
	set_args sleep 100
	hrun_create
	for h in $(hierarchies); do [ -d "$h/libpod_parent/libpod-$ID" ]; done
	"${H[@]}" delete --force "$ID"
	for h in $(hierarchies); do [ ! -e "$h/libpod_parent/libpod-$ID" ]; done
	update_config --arg p "$TAG-parent/cgrouptest/container" '.linux.cgroupsPath = $p'
	hrun_create
	for h in $(hierarchies); do [ -d "$h/$TAG-parent/cgrouptest/container" ]; done
	"${H[@]}" delete --force "$ID"
	for h in $(hierarchies); do [ ! -e "$h/$TAG-parent/cgrouptest/container" ]; done
}

@test "--cgroup-manager disabled makes no cgroup" {
	set_args sleep 100
	hrun_create --cgroup-manager disabled
	for h in $(hierarchies); do [ ! -e "$h/$ID" ]; done
	[ "$(jq -r '.hrunCgroup // "none"' "$STATE_ROOT/$ID/state.json")" = none ]
	run --separate-stderr "${H[@]}" pause "$ID"
	assert_one_line_error 'has no cgroup'
	# resctrl lines need no cgroup, only linux.intelRdt
	run --separate-stderr "${H[@]}" update --l3-cache-schema L3:0=ff "$ID"
	assert_one_line_error 'need linux.intelRdt$'
	# kill --all falls back to the container's pid namespace
	"${H[@]}" start "$ID"
	"${H[@]}" kill --all "$ID" KILL
	wait_status stopped
}

@test "a failed create leaves no cgroup and no state" {
	set_limits "/$TAG-failed"
	set_args /no/such/binary
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	assert_one_line_error 'no such file or directory|not found'
	for h in $(hierarchies); do [ ! -e "$h/$TAG-failed" ]; done
	[ ! -e "$STATE_ROOT/$ID" ]
}

@test "a memory limit too low for the init: create says it was OOM-killed, leaves nothing" {
	set_limits "/$TAG-oom"
	update_config '.linux.resources = {"memory": {"limit": 1024}}'
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	assert_one_line_error 'init was OOM-killed during setup \(memory limit too low\?\)$'
	for h in $(hierarchies); do [ ! -e "$h/$TAG-oom" ]; done
	[ ! -e "$STATE_ROOT/$ID" ]
}

# (v1 only: a frozen or cpuset-less parent made by someone else)
v1_only() {
	[ -d "$CG_ROOT/freezer" ] && [ -d "$CG_ROOT/cpuset" ] || skip "needs cgroup v1 freezer and cpuset"
}

@test "a cgroup found frozen fails create with runc's words, touching nothing" {
	v1_only
	local f="$CG_ROOT/freezer/$TAG-parent"
	mkdir "$f"
	echo FROZEN >"$f/freezer.state"
	update_config --arg p "/$TAG-parent" '.linux.cgroupsPath = $p'
	set_args true
	# files, not bats's pipes: an init stuck in the frozen cgroup would hold them
	status=0
	timeout 20 "${H[@]}" create --bundle "$BUNDLE" "$ID" >"$BATS_TEST_TMPDIR/out" \
		2>"$BATS_TEST_TMPDIR/err" || status=$?
	stderr=$(cat "$BATS_TEST_TMPDIR/err")
	mapfile -t stderr_lines <"$BATS_TEST_TMPDIR/err"
	echo THAWED >"$f/freezer.state"
	assert_one_line_error "^hrun: cgroup of container \`$ID\`: container's cgroup unexpectedly frozen$"
	[ ! -e "$STATE_ROOT/$ID" ]
	for h in $(hierarchies); do [ "$h" = "$CG_ROOT/freezer" ] || [ ! -e "$h/$TAG-parent" ]; done
	[ -z "$(cat "$f/cgroup.procs")" ]
}

@test "a parent with an empty cpuset, made by someone else, gets its ancestors' cpus and mems" {
	v1_only
	local p="$CG_ROOT/cpuset/$TAG-parent"
	mkdir "$p"
	[ -z "$(tr -d '\n' <"$p/cpuset.cpus")" ]
	update_config --arg p "/$TAG-parent/cgrouptest" '.linux.cgroupsPath = $p'
	set_args sleep 100
	hrun_create || { cat "$BATS_TEST_TMPDIR/err"; return 1; }
	[ "$(cat "$p/cgrouptest/cpuset.cpus")" = "$(cat "$CG_ROOT/cpuset/cpuset.cpus")" ]
	[ "$(cat "$p/cgrouptest/cpuset.mems")" = "$(cat "$CG_ROOT/cpuset/cpuset.mems")" ]
	grep -qx "$(state_field pid)" "$p/cgrouptest/cgroup.procs"
}

@test "joining a cgroup that has processes warns as runc, and goes on" {
	v1_only
	local f="$CG_ROOT/freezer/$TAG-parent"
	mkdir "$f"
	sleep 1000 &
	local holder=$!
	echo "$holder" >"$f/cgroup.procs"
	update_config --arg p "/$TAG-parent" '.linux.cgroupsPath = $p'
	set_args true
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	kill "$holder" 2>/dev/null || true
	wait "$holder" 2>/dev/null || true
	[ "$status" -eq 0 ]
	[ "$stderr" = "hrun: warning: container's cgroup is not empty: 1 process(es) found" ]
}

@test "a duplicate id fails without touching the first container's cgroup" {
	set_args sleep 100
	hrun_create
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	assert_one_line_error 'exists'
	for h in $(hierarchies); do [ -d "$h/$ID" ]; done
	[ "$(state_field status)" = created ]
}

@test "\`..\` in cgroupsPath is refused before anything is made" {
	update_config --arg p "/$TAG-x/../../etc" '.linux.cgroupsPath = $p'
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	assert_one_line_error '`\.\.` is not allowed'
	[ ! -e "$STATE_ROOT/$ID" ]
}

# The pure cgroup v2 path on a hybrid host: its cgroup2 hierarchy taken as
# the whole root, the init is born in its cgroup (clone3 CLONE_INTO_CGROUP)
# and its cgroup namespace is rooted there.
@test "cgroup2 alone (HRUN_CGROUP_ROOT): clone3 into the cgroup, freeze, cgroup.kill" {
	local v2="$CG_ROOT/unified"
	[ "$(stat -f -c %T "$v2" 2>/dev/null)" = cgroup2fs ] || skip "no cgroup2 at $v2"
	export HRUN_CGROUP_ROOT="$v2"
	CG="/$TAG-v2"
	update_config --arg p "$CG" '.linux.cgroupsPath = $p
		| .linux.namespaces += [{"type": "cgroup"}]
		| .mounts += [{"destination": "/tmp", "type": "tmpfs", "source": "tmpfs"}]'
	set_args sh -c 'cat /proc/self/cgroup >/tmp/cg; sleep 100 & sleep 100'
	hrun_create
	pid=$(state_field pid)
	grep -qx "0::$CG" "/proc/$pid/cgroup"
	[ "$(jq -r .hrunCgroup "$STATE_ROOT/$ID/state.json")" = \
		"manager=cgroupfs;root=$v2;path=$CG" ]
	"${H[@]}" start "$ID"
	for _ in $(seq 50); do [ -s "/proc/$pid/root/tmp/cg" ] && break; sleep 0.05; done
	grep -qx "0::/" "/proc/$pid/root/tmp/cg"
	"${H[@]}" pause "$ID"
	[ "$(state_field status)" = paused ]
	grep -qx "frozen 1" "$v2$CG/cgroup.events"
	"${H[@]}" resume "$ID"
	[ "$(state_field status)" = running ]
	"${H[@]}" kill --all "$ID" KILL
	wait_status stopped
	"${H[@]}" delete "$ID"
	[ ! -e "$v2$CG" ]
}

# mk_sub NAME: a sub-cgroup NAME of the container's in every hierarchy (a
# v1 cpuset takes no task until it has cpus and mems).
mk_sub() {
	local h f
	for h in $(hierarchies); do
		mkdir "$h/$ID/$1"
		for f in cpuset.cpus cpuset.mems; do
			[ ! -e "$h/$ID/$f" ] || [ ! -e "$h/$ID/$1/$f" ] || cat "$h/$ID/$f" >"$h/$ID/$1/$f"
		done
	done
}

# The init enters its v1 hierarchies itself and is cloned into cgroup2;
# exec's middle likewise (cgroup/self.c): both end up in every hierarchy.
# The container's view of a v1 tree: a read-only tmpfs with, in each
# hierarchy's directory, the container's own cgroup (its pids.max is the
# limit asked for, not the host root's "max"),
# read-only: a bind of the host's directory, or with a cgroup namespace a
# fresh mount rooted there.
@test "v1: the container's /sys/fs/cgroup shows its own cgroup, read-only, with or without a cgroup namespace" {
	[ ! -e "$CG_ROOT/cgroup.controllers" ] && [ -d "$CG_ROOT/pids" ] || skip "no v1 pids hierarchy"
	update_config '.linux.resources.pids.limit = 33'
	set_args sh -c 'cat /sys/fs/cgroup/pids/pids.max; grep " /sys/fs/cgroup/pids " /proc/self/mountinfo | cut -d" " -f4,6,9; mkdir /sys/fs/cgroup/pids/x 2>/dev/null && echo writable; mkdir /sys/fs/cgroup/y 2>/dev/null && echo tmpfs writable; true'
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ] && [ "${#lines[@]}" -eq 2 ] || { echo "$output $stderr"; return 1; }
	[ "${lines[0]}" = 33 ]
	[ "${lines[1]}" = "/$ID ro,nosuid,nodev,noexec,relatime cgroup" ]
	update_config '.linux.namespaces += [{"type": "cgroup"}]'
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ] && [ "${#lines[@]}" -eq 2 ] || { echo "$output $stderr"; return 1; }
	[ "${lines[0]}" = 33 ]
	[ "${lines[1]}" = "/ ro,nosuid,nodev,noexec,relatime cgroup" ]
}

@test "the init and an exec'd process are in the container's cgroup in every hierarchy" {
	local pid n
	set_args sleep 100
	hrun_create
	pid=$("${H[@]}" state "$ID" | jq -r .pid)
	n=$(hierarchies | wc -l)
	[ "$(grep -c ":/$ID\$" "/proc/$pid/cgroup")" -eq "$n" ] || { cat "/proc/$pid/cgroup"; false; }
	run "${H[@]}" exec "$ID" cat /proc/self/cgroup
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[@]}" | grep -c ":/$ID\$")" -eq "$n" ] || { echo "$output"; false; }
}

@test "exec --cgroup: a sub-cgroup in every hierarchy, or in a v1 controller's" {
	set_args sleep 100
	hrun_create
	mk_sub sub
	mk_sub other
	run "${H[@]}" exec --cgroup sub "$ID" cat /proc/self/cgroup
	[ "$status" -eq 0 ]
	for line in "${lines[@]}"; do [[ "$line" == */sub ]] || { echo "$line"; false; }; done
	run --separate-stderr "${H[@]}" exec --cgroup sub --cgroup pids:other "$ID" cat /proc/self/cgroup
	if [ -e "$CG_ROOT/cgroup.controllers" ]; then
		assert_one_line_error '^hrun: exec: --cgroup `pids:other`: controllers name cgroup v1 hierarchies, and this host has cgroup v2 alone$'
		return
	fi
	[ "$status" -eq 0 ]
	for line in "${lines[@]}"; do
		if [[ "$line" == *:pids:* ]]; then [[ "$line" == */other ]]; else [[ "$line" == */sub ]]; fi ||
			{ echo "$line"; false; }
	done
}

@test "exec --cgroup: a missing or escaping sub-cgroup is refused, nothing runs" {
	set_args sleep 100
	hrun_create
	run --separate-stderr "${H[@]}" exec --cgroup nope "$ID" touch /tmp/ran
	assert_one_line_error '^hrun: exec: --cgroup: `/sys/fs/cgroup/.*/nope`: no such cgroup$'
	run --separate-stderr "${H[@]}" exec --cgroup ../up "$ID" touch /tmp/ran
	assert_one_line_error "^hrun: exec: --cgroup \`../up\`: must stay below the container's cgroup$"
	run "${H[@]}" exec "$ID" test -e /tmp/ran
	[ "$status" -eq 1 ]
}

@test "hugepageLimits: written where the host keeps hugetlb (v1, or cgroup2 beside it)" {
	[ -d /sys/kernel/mm/hugepages/hugepages-2048kB ] || skip "no 2MB huge pages"
	grep -qw '^hugetlb' /proc/cgroups || skip "no hugetlb controller"
	update_config '.linux.resources.hugepageLimits = [{"pageSize": "2MB", "limit": 4194304}]'
	set_args sleep 100
	hrun_create
	local f
	for f in "$CG_ROOT/hugetlb/$ID/hugetlb.2MB.limit_in_bytes" \
		"$CG_ROOT/unified/$ID/hugetlb.2MB.max" "$CG_ROOT/$ID/hugetlb.2MB.max"; do
		[ ! -e "$f" ] || break
	done
	[ "$(cat "$f")" = 4194304 ]
	echo '{"hugepageLimits": [{"pageSize": "2MB", "limit": 8388608}]}' | "${H[@]}" update -r - "$ID"
	[ "$(cat "$f")" = 8388608 ]
	run "${H[@]}" events --stats "$ID"
	jq -e '.data.hugetlb | has("2MB")' <<<"$output"
}

@test "update --l3-cache-schema and --mem-bw-schema: resctrl lines, only with linux.intelRdt" {
	set_args sleep 100
	hrun_create
	run --separate-stderr "${H[@]}" update --mem-bw-schema L3:0=1 "$ID"
	assert_one_line_error '^hrun: update: --mem-bw-schema: `L3:0=1` is not a MB schema line$'
	run --separate-stderr "${H[@]}" update --l3-cache-schema L3:0=ff "$ID"
	assert_one_line_error "^hrun: update container \`$ID\`: --l3-cache-schema and --mem-bw-schema need linux.intelRdt$"
}
