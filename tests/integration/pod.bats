#!/usr/bin/env bats
# Kubernetes' shapes without Kubernetes: containers that join a pod's pid
# namespace (the init is not pid 1 there), Bidirectional mount propagation,
# and the workload as pid 1 (org.hrun.init "none").

load helpers
load pidns

setup() {
	setup_state
	POD="$ID-pod"
	MANAGER=()
}

teardown() {
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	"${H[@]}" delete --force "$POD" >/dev/null 2>&1 || true
	for m in $(awk -v t="$BATS_TEST_TMPDIR" 'index($5, t) == 1 {print $5}' /proc/self/mountinfo | sort -r); do
		umount -l "$m" 2>/dev/null || true
	done
	assert_nothing_left
}

# pod_start: the pod's "pause" container, in a pid namespace of its own,
# running sleep; POD_PID is its init.
pod_start() {
	local app="$BUNDLE"
	BUNDLE="$BATS_TEST_TMPDIR/pod"
	mkdir -p "$BUNDLE"
	cp "$app/config.json" "$BUNDLE/"
	set_args sleep 1000
	"${H[@]}" "${MANAGER[@]}" create --bundle "$BUNDLE" --pid-file "$BATS_TEST_TMPDIR/pod.pid" "$POD" \
		>/dev/null 2>&1 </dev/null
	"${H[@]}" start "$POD"
	POD_PID=$(cat "$BATS_TEST_TMPDIR/pod.pid")
	BUNDLE="$app"
	update_config --arg ns "/proc/$POD_PID/ns/pid" \
		'.linux.namespaces = [.linux.namespaces[] | if .type == "pid" then .path = $ns else . end]'
}

# pod_procs: live processes in the pod's pid namespace.
pod_procs() {
	pidns_procs "$POD_PID"
}

wait_procs() {
	wait_pidns_procs "$POD_PID" "$1"
}

# app_start ARGS...: the app container in the pod, started; APP_PID is its init.
app_start() {
	set_args "$@"
	"${H[@]}" "${MANAGER[@]}" create --bundle "$BUNDLE" --pid-file "$BATS_TEST_TMPDIR/app.pid" "$ID" \
		>/dev/null 2>&1 </dev/null
	"${H[@]}" start "$ID"
	APP_PID=$(cat "$BATS_TEST_TMPDIR/app.pid")
}

@test "a container in a pod's pid namespace: kill KILL ends the workload and what it started" {
	pod_start
	app_start sh -c 'sleep 1000 & sleep 1000 & (sleep 1000 &) ; wait'
	wait_procs 7
	! grep -q '^NSpid:.*	1$' "/proc/$APP_PID/status"
	"${H[@]}" kill "$ID" KILL
	wait_status stopped
	# the pause container alone: its init and its sleep
	[ "$(pod_procs)" = 2 ]
	"${H[@]}" delete "$ID"
}

@test "a container in a pod's pid namespace without a cgroup: kill KILL ends its descendants" {
	MANAGER=(--cgroup-manager disabled)
	pod_start
	app_start sh -c 'sleep 1000 & sleep 1000 & (sleep 1000 &) ; wait'
	wait_procs 7
	"${H[@]}" kill "$ID" KILL
	wait_status stopped
	wait_procs 2
	"${H[@]}" delete "$ID"
}

@test "a container in a pod's pid namespace: delete --force leaves no process" {
	pod_start
	app_start sh -c 'sleep 1000 & sleep 1000 & wait'
	wait_procs 6
	"${H[@]}" delete --force "$ID"
	[ "$(pod_procs)" = 2 ]
	run "${H[@]}" state "$ID"
	[ "$status" -ne 0 ]
}

@test "an init gone with its workload left: running, until kill KILL ends the rest" {
	pod_start
	app_start sh -c 'sleep 1000 & sleep 1000 & wait'
	wait_procs 6
	kill -KILL "$APP_PID"
	# the workload and its children are still there: not stopped
	wait_procs 5
	[ "$(state_field status)" = running ]
	"${H[@]}" kill "$ID" KILL
	[ "$(state_field status)" = stopped ]
	[ "$(pod_procs)" = 2 ]
	"${H[@]}" delete "$ID"
}

@test "an init gone with its workload left: delete (the shim's, no --force) ends the rest" {
	pod_start
	app_start sh -c 'sleep 1000 & wait'
	wait_procs 5
	kill -KILL "$APP_PID"
	wait_procs 4
	"${H[@]}" delete "$ID"
	[ "$(pod_procs)" = 2 ]
}

@test "stopping the pod leaves no process of it" {
	pod_start
	app_start sh -c 'sleep 1000 & wait'
	wait_procs 5
	"${H[@]}" kill "$POD" KILL
	ID=$POD wait_status stopped
	[ ! -e "/proc/$APP_PID" ] || grep -q '^State:.*Z' "/proc/$APP_PID/status"
	wait_status stopped
	"${H[@]}" delete "$ID"
	"${H[@]}" delete "$POD"
}

# bind_shared DEST PROPAGATION: a tmpfs made a shared mount in the test's
# directory ($SHARED), bound on DEST with PROPAGATION (and the root's
# propagation rshared, as the CRI plugin asks for Bidirectional); the
# workload may mount (CAP_SYS_ADMIN).
bind_shared() {
	SHARED="$BATS_TEST_TMPDIR/shared"
	mkdir -p "$SHARED"
	mount -t tmpfs "hrun-bidi-$$" "$SHARED"
	mount --make-shared "$SHARED"
	update_config --arg s "$SHARED" --arg d "$1" --arg p "$2" '.mounts += [{destination: $d,
		type: "bind", source: $s, options: ["rbind", $p]}] | .linux.rootfsPropagation = "rshared"
		| .process.capabilities |= with_entries(.value += ["CAP_SYS_ADMIN"])'
}

# start_mounting DIR: the workload mounts a tmpfs on DIR/in, writes a
# marker in it, waits for DIR/out/marker and prints it.
start_mounting() {
	set_args sh -c "mkdir $1/in && mount -t tmpfs in $1/in && echo from-container >$1/in/marker && while [ ! -e $1/out/marker ]; do sleep 0.1; done; cat $1/out/marker"
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >"$BATS_TEST_TMPDIR/out" 2>&1 </dev/null
	"${H[@]}" start "$ID"
	for _ in $(seq 100); do [ -d "$SHARED/in" ] && break; sleep 0.05; done
}

# mount_from_host: a tmpfs on $SHARED/out with the marker the workload waits for.
mount_from_host() {
	mkdir -p "$SHARED/out"
	mount -t tmpfs out "$SHARED/out"
	echo from-host >"$SHARED/out/marker"
}

host_has_mount() {
	awk -v t="$1" '$5 == t {found = 1} END {exit !found}' /proc/self/mountinfo
}

@test "Bidirectional: an rshared bind of a shared host mount carries mounts both ways" {
	bind_shared /mnt/bidi rshared
	start_mounting /mnt/bidi
	for _ in $(seq 100); do [ -e "$SHARED/in/marker" ] && break; sleep 0.05; done
	# the container's mount is on the host, with what the container wrote
	[ "$(cat "$SHARED/in/marker")" = from-container ]
	host_has_mount "$SHARED/in"
	# and a mount made on the host after start is in the container
	mount_from_host
	wait_status stopped
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = from-host ]
}

@test "an rslave bind of a shared host mount: host mounts come in, container mounts stay in" {
	bind_shared /mnt/bidi rslave
	start_mounting /mnt/bidi
	sleep 0.3
	[ ! -e "$SHARED/in/marker" ]
	mount_from_host
	wait_status stopped
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = from-host ]
}

@test "with a user namespace an rshared bind stays a slave: the container cannot mount into the host" {
	# /tmp: an existing target (the mapped root may not create one in the rootfs)
	bind_shared /tmp rshared
	chmod 777 "$SHARED"
	update_config '.linux.namespaces += [{"type": "user"}]
		| .linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]'
	start_mounting /tmp
	sleep 0.5
	cat "$BATS_TEST_TMPDIR/out"
	[ -d "$SHARED/in" ]
	[ ! -e "$SHARED/in/marker" ]
	! host_has_mount "$SHARED/in"
	mount_from_host
	wait_status stopped
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = from-host ]
}

# ---- org.hrun.init "none": the workload is pid 1

no_init() {
	update_config '.annotations["org.hrun.init"] = "none"'
}

@test "init none: the workload is pid 1, its exit code is the container's" {
	no_init
	set_args sh -c 'tr "\0" " " </proc/1/cmdline; echo; echo "pid $$"; exit 3'
	run -3 --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ "${lines[0]}" = "sh -c tr \"\\0\" \" \" </proc/1/cmdline; echo; echo \"pid \$\$\"; exit 3 " ]
	[ "${lines[1]}" = "pid 1" ]
}

@test "init none: create, start, exec, kill TERM to a handler, delete; nothing of hrun in it" {
	no_init
	set_args sh -c 'trap "exit 42" TERM; while :; do sleep 0.1; done'
	"${H[@]}" create --bundle "$BUNDLE" --pid-file "$BATS_TEST_TMPDIR/pid" "$ID" >/dev/null 2>&1 </dev/null
	[ "$(state_field status)" = created ]
	"${H[@]}" start "$ID"
	[ "$(state_field status)" = running ]
	pid=$(cat "$BATS_TEST_TMPDIR/pid")
	# the init became the workload: its program is busybox, not hrun
	[ "$(readlink "/proc/$pid/exe")" != "$(readlink -f "$HRUN")" ]
	[[ "$(tr '\0' ' ' <"/proc/$pid/cmdline")" == "sh -c trap"* ]]
	run -0 "${H[@]}" exec "$ID" sh -c 'tr "\0" " " </proc/1/cmdline; echo; ls /proc | grep -c "^[0-9]"'
	[[ "${lines[0]}" == "sh -c trap"* ]]
	"${H[@]}" kill "$ID" TERM
	wait_status stopped
	"${H[@]}" delete "$ID"
}

@test "init none: the signal goes to the workload itself (pid 1 ignores TERM without a handler)" {
	no_init
	set_args sh -c 'while :; do sleep 0.1; done'
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >/dev/null 2>&1 </dev/null
	"${H[@]}" start "$ID"
	"${H[@]}" kill "$ID" TERM
	sleep 0.5
	[ "$(state_field status)" = running ]
	"${H[@]}" kill "$ID" KILL
	wait_status stopped
}

@test "init none: a TERM that finds start's byte already there is the workload's too" {
	no_init
	set_args sh -c 'while :; do sleep 0.1; done'
	"${H[@]}" create --bundle "$BUNDLE" --pid-file "$BATS_TEST_TMPDIR/pid" "$ID" >/dev/null 2>&1 </dev/null
	local pid
	pid=$(cat "$BATS_TEST_TMPDIR/pid")
	# the init, held, wakes to the byte and the signal at once, as it does
	# on a busy machine when kill follows start before it ran
	kill -STOP "$pid"
	"${H[@]}" start "$ID"
	"${H[@]}" kill "$ID" TERM
	kill -CONT "$pid"
	# the init becomes the workload; one that took the TERM for its own
	# exits instead
	local cmdline=
	for _ in $(seq 100); do
		cmdline=$({ tr '\0' ' ' </proc/"$pid"/cmdline; } 2>/dev/null) || break
		[[ "$cmdline" == "sh -c"* ]] && break
		sleep 0.05
	done
	[ "$cmdline" = "sh -c while :; do sleep 0.1; done " ]
	sleep 0.3
	[ "$(state_field status)" = running ]
	"${H[@]}" kill "$ID" KILL
	wait_status stopped
}

@test "init none: a foreground run forwards TERM to a workload that handles it" {
	no_init
	set_args sh -c 'trap "exit 42" TERM; echo ready; while :; do sleep 0.1; done'
	"${H[@]}" run --bundle "$BUNDLE" "$ID" >"$BATS_TEST_TMPDIR/out" 2>&1 </dev/null &
	local runner=$!
	for _ in $(seq 100); do grep -q ready "$BATS_TEST_TMPDIR/out" && break; sleep 0.05; done
	kill -TERM "$runner"
	local rc=0
	wait "$runner" || rc=$?
	[ "$rc" = 42 ]
}

@test "init none by the name hrun-noinit, unless the annotation says resident" {
	ln -s "$HRUN" "$BATS_TEST_TMPDIR/hrun-noinit"
	# two commands: sh execs a last command in its place
	set_args sh -c 'tr "\0" " " </proc/1/cmdline; echo'
	run -0 "$BATS_TEST_TMPDIR/hrun-noinit" --root "$STATE_ROOT" run --bundle "$BUNDLE" "$ID"
	[[ "$output" == "sh -c tr"* ]]
	update_config '.annotations["org.hrun.init"] = "resident"'
	run -0 "$BATS_TEST_TMPDIR/hrun-noinit" --root "$STATE_ROOT" run --bundle "$BUNDLE" "$ID"
	[[ "$output" != "sh -c tr"* ]]
	update_config '.annotations["org.hrun.init"] = "sometimes"'
	run -1 "$HRUN" --root "$STATE_ROOT" run --bundle "$BUNDLE" "$ID"
	[[ "$output" == *'org.hrun.init'*'is not resident or none'* ]]
}

@test "init none in a pod's pid namespace: the workload, not pid 1, ends with what it started" {
	pod_start
	no_init
	app_start sh -c 'sleep 1000 & sleep 1000 & wait'
	wait_procs 5
	"${H[@]}" kill "$ID" KILL
	wait_status stopped
	[ "$(pod_procs)" = 2 ]
	"${H[@]}" delete "$ID"
}
