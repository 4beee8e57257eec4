#!/usr/bin/env bats
# Pods as the CRI plugin makes them, through ctr and the runc shim: a
# pause container, and app containers that join its network, ipc, uts and
# pid namespaces (Kubernetes' shareProcessNamespace).  Run by run.sh, which
# exports CT, SOCK, NS and HRUN.

bats_require_minimum_version 1.5.0
BATS_TEST_TIMEOUT=${BATS_TEST_TIMEOUT:-120}
load containerd_helpers
load "$HRUN_TOP_SRCDIR/tests/integration/pidns"

setup() {
	ID=app$BATS_TEST_NUMBER-$$
	POD=pod$BATS_TEST_NUMBER-$$
	TRACE_FROM=$(($(wc -l <"$CT/trace.log" 2>/dev/null || echo 0) + 1))
}

teardown() {
	local id
	for id in "$ID" "$ID-2" "$POD"; do
		if [ -n "$(task_status "$id")" ]; then
			c tasks kill -s KILL "$id" >/dev/null 2>&1
			wait_status "$id" STOPPED 50 2>/dev/null
			c tasks delete -f "$id" >/dev/null 2>&1
		fi
		c containers delete "$id" >/dev/null 2>&1
	done
	for m in $(awk -v t="$BATS_TEST_TMPDIR" 'index($5, t) == 1 {print $5}' /proc/self/mountinfo | sort -r); do
		umount -l "$m" 2>/dev/null
	done
	echo "--- runtime calls of this test:"
	tail -n +"$TRACE_FROM" "$CT/trace.log" 2>/dev/null | sed 's/^/  /'
	true
}

# pod_start: the pause container (busybox sleep), in namespaces of its
# own; POD_PID is the pid the shim knows (the runtime's init).
pod_start() {
	crun -d -- "$POD" sleep 100000 >/dev/null
	wait_status "$POD" RUNNING
	POD_PID=$(task_pid "$POD")
	[ -n "$POD_PID" ]
	# ready once its sleep runs: the init itself (runc), or the init's child
	for _ in $(seq 100); do
		[ "$(cat "/proc/$POD_PID/comm")" = sleep ] && break
		[ -n "$(cat /proc/"$POD_PID"/task/*/children 2>/dev/null)" ] && break
		sleep 0.05
	done
	POD_BASE=$(pod_procs)
}

# in_pod: the flags that put an app in the pod's namespaces.
in_pod() {
	local ns
	for ns in pid:pid network:net ipc:ipc uts:uts; do
		echo "--with-ns"
		echo "${ns%%:*}:/proc/$POD_PID/ns/${ns#*:}"
	done
}

# pod_procs: live processes in the pod's pid namespace.
pod_procs() {
	pidns_procs "$POD_PID"
}

# wait_procs N [MIN]: until the pod's pid namespace holds N (at least N)
# live processes.  An app's own count is that of its processes, plus the
# runtime's init for hrun's resident one: tests wait for at least what the
# app starts.
wait_procs() {
	wait_pidns_procs "$POD_PID" "$@"
}

@test "pod: an app joins the pause container's namespaces; exec; logs to a file" {
	pod_start
	mapfile -t ns < <(in_pod)
	crun -d --log-uri "file://$BATS_TEST_TMPDIR/app.log" "${ns[@]}" -- "$ID" \
		sh -c 'echo app-started; echo app-err >&2; exec sleep 1000' >/dev/null
	wait_status "$ID" RUNNING
	local pid
	pid=$(task_pid "$ID")
	for n in pid net ipc uts; do
		[ "$(readlink "/proc/$pid/ns/$n")" = "$(readlink "/proc/$POD_PID/ns/$n")" ]
	done
	# the app sees the pause container's sleep
	run -0 c tasks exec --fifo-dir "$CT/fifo" --exec-id e1 "$ID" sh -c 'ps -o args | grep -c "^sleep 100000"'
	[ "$output" = 1 ]
	for _ in $(seq 50); do grep -q app-err "$BATS_TEST_TMPDIR/app.log" 2>/dev/null && break; sleep 0.1; done
	grep -q app-started "$BATS_TEST_TMPDIR/app.log"
	grep -q app-err "$BATS_TEST_TMPDIR/app.log"
}

@test "pod: an app's exit code, then a restart of the same container" {
	pod_start
	mapfile -t ns < <(in_pod)
	run -3 crun "${ns[@]}" -- "$ID" sh -c 'echo run; exit 3'
	[ "$output" = run ]
	# ctr run deleted the task after its exit; a restart is a new task of
	# the same container
	run -3 timeout -k 5 60 env CONTAINERD_SNAPSHOTTER=native ctr -a "$SOCK" -n "$NS" \
		tasks start --fifo-dir "$CT/fifo" "$ID" 3>&-
	[ "$output" = run ]
	[ "$(pod_procs)" = "$POD_BASE" ]
}

@test "pod: stopping an app in the shared pid namespace (TERM ignored, then KILL) leaves none of its processes" {
	pod_start
	mapfile -t ns < <(in_pod)
	crun -d "${ns[@]}" -- "$ID" sh -c 'trap "" TERM; sleep 1000 & sleep 1000 & (sleep 1000 &); wait' >/dev/null
	wait_status "$ID" RUNNING
	wait_procs $((POD_BASE + 4)) MIN
	run -0 c tasks kill -s TERM "$ID"
	sleep 0.5
	[ "$(task_status "$ID")" = RUNNING ]
	run -0 c tasks kill -s KILL "$ID"
	wait_status "$ID" STOPPED
	wait_procs "$POD_BASE"
	run -0 c tasks delete "$ID"
	run -0 c containers delete "$ID"
	[ "$(pod_procs)" = "$POD_BASE" ]
}

@test "pod: stopping the pod (apps first, then pause) leaves no process" {
	pod_start
	mapfile -t ns < <(in_pod)
	crun -d "${ns[@]}" -- "$ID" sh -c 'sleep 1000 & wait' >/dev/null
	crun -d "${ns[@]}" -- "$ID-2" sh -c 'sleep 1000 & sleep 1000 & wait' >/dev/null
	wait_status "$ID" RUNNING
	wait_status "$ID-2" RUNNING
	wait_procs $((POD_BASE + 5)) MIN
	local pid
	for id in "$ID" "$ID-2" "$POD"; do
		pid=$(task_pid "$id")
		run -0 c tasks kill -s KILL "$id"
		wait_status "$id" STOPPED
		run -0 c tasks delete "$id"
		run -0 c containers delete "$id"
	done
	# the pause container's init was pid 1: its namespace went with it
	[ ! -e "/proc/$POD_PID" ] || grep -q '^State:[[:space:]]*Z' "/proc/$POD_PID/status"
}

@test "pod: the app whose init ends first (kill of the init alone) is not left running" {
	pod_start
	mapfile -t ns < <(in_pod)
	crun -d "${ns[@]}" -- "$ID" sh -c 'sleep 1000 & wait' >/dev/null
	wait_status "$ID" RUNNING
	wait_procs $((POD_BASE + 2)) MIN
	# what the CRI plugin's stop does: kill, then the shim kills --all
	# when the init is gone (its pid namespace is not its own)
	kill -KILL "$(task_pid "$ID")"
	wait_status "$ID" STOPPED
	wait_procs "$POD_BASE"
}

@test "OOM: a workload over its memory limit is killed (137) and the OOM is reported" {
	c events >"$BATS_TEST_TMPDIR/events" 2>&1 &
	local events=$!
	run crun --memory-limit 33554432 -- "$ID" sh -c 'x=$(head -c 200000000 /dev/zero | tr "\0" a); echo survived'
	kill "$events" 2>/dev/null
	echo "$output"
	[ "$status" = 137 ]
	[[ "$output" != *survived* ]]
	grep -q "/tasks/oom" "$BATS_TEST_TMPDIR/events"
}

@test "read-only root: writes to / fail, to a tmpfs mount succeed" {
	run -0 crun --rm --read-only --mount "type=tmpfs,src=tmpfs,dst=/scratch,options=rw" -- "$ID" \
		sh -c 'touch /ro-probe 2>&1; echo rc=$?; touch /scratch/x && echo scratch-ok'
	[[ "$output" == *"Read-only file system"* ]]
	[[ "$output" == *rc=1* ]]
	[[ "$output" == *scratch-ok* ]]
}

@test "run as user and group: exec --user, and no-new-privileges by default" {
	crun -d -- "$ID" sleep 1000 >/dev/null
	wait_status "$ID" RUNNING
	run -0 c tasks exec --fifo-dir "$CT/fifo" --exec-id u1 --user 1000:1001 "$ID" sh -c 'id -u; id -g'
	[ "${lines[0]}" = 1000 ]
	[ "${lines[1]}" = 1001 ]
	run -0 c tasks exec --fifo-dir "$CT/fifo" --exec-id u2 "$ID" sh -c 'grep NoNewPrivs /proc/self/status'
	[[ "$output" == *1 ]]
	run -0 crun --rm --allow-new-privs -- "$ID-2" sh -c 'grep NoNewPrivs /proc/self/status'
	[[ "$output" == *0 ]]
}

@test "Bidirectional: an rshared bind of a shared host mount carries mounts both ways" {
	S=$BATS_TEST_TMPDIR/bidi
	mkdir -p "$S"
	mount -t tmpfs "bidi-$ID" "$S"
	mount --make-shared "$S"
	crun -d --cap-add CAP_SYS_ADMIN --rootfs-propagation rshared \
		--mount "type=bind,src=$S,dst=/mnt/bidi,options=rbind:rshared" -- "$ID" \
		sh -c 'mkdir /mnt/bidi/in && mount -t tmpfs in /mnt/bidi/in && echo from-container >/mnt/bidi/in/marker && sleep 1000' >/dev/null
	wait_status "$ID" RUNNING
	for _ in $(seq 100); do [ -e "$S/in/marker" ] && break; sleep 0.05; done
	[ "$(cat "$S/in/marker")" = from-container ]
	mkdir "$S/out"
	mount -t tmpfs out "$S/out"
	echo from-host >"$S/out/marker"
	run -0 c tasks exec --fifo-dir "$CT/fifo" --exec-id b1 "$ID" cat /mnt/bidi/out/marker
	[ "$output" = from-host ]
}

@test "org.hrun.init=none (annotation): the app is pid 1" {
	"$HRUN" --version 2>/dev/null | grep -q hrun || skip "not hrun"
	run -0 crun --rm --annotation org.hrun.init=none -- "$ID" sh -c 'tr "\0" " " </proc/1/cmdline; echo'
	[[ "$output" == "sh -c tr"* ]]
}

@test "hrun-noinit as the runtime binary (a second handler): the app is pid 1, TERM reaches it" {
	"$HRUN" --version 2>/dev/null | grep -q hrun || skip "not hrun"
	ln -sf "$HRUN" "$CT/bin/hrun-noinit"
	run -0 c run --rm --runc-binary "$CT/bin/hrun-noinit" --runc-root "$CT/runc-root" \
		--fifo-dir "$CT/fifo" "$IMG" "$ID" sh -c 'tr "\0" " " </proc/1/cmdline; echo'
	[[ "$output" == "sh -c tr"* ]]
	c run --runc-binary "$CT/bin/hrun-noinit" --runc-root "$CT/runc-root" --fifo-dir "$CT/fifo" \
		"$IMG" "$ID-2" sh -c 'trap "exit 42" TERM; echo ready; while :; do sleep 0.1; done' \
		>"$BATS_TEST_TMPDIR/out" 2>&1 </dev/null &
	local pid=$!
	wait_status "$ID-2" RUNNING
	for _ in $(seq 50); do grep -q ready "$BATS_TEST_TMPDIR/out" && break; sleep 0.1; done
	run -0 c tasks kill "$ID-2"
	local rc=0
	wait "$pid" || rc=$?
	[ "$rc" = 42 ]
	run -0 c containers delete "$ID-2"
}
