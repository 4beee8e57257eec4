#!/usr/bin/env bats
# The container is stopped when its workload is: what the workload left
# dies with it, at once; stop signals reach the workload, not the init; a
# foreground run neither holds the container's lock nor outlives itself.

load helpers

setup() {
	setup_bundle
	H=("$HRUN" --root "$BATS_TEST_TMPDIR/state")
	STATE_ROOT="$BATS_TEST_TMPDIR/state"
}

# a run left in the background by a failed test goes first
teardown() {
	[ -z "${RUN_PID:-}" ] || kill -KILL "$RUN_PID" 2>/dev/null || true
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	assert_nothing_left
	gone "sleep $LONG"
}

no_pid_namespace() {
	update_config '.linux.namespaces |= map(select(.type != "pid"))'
}

# The workload's pid (the init's first child) and a process's state letter.
workload_of() {
	cut -d' ' -f1 </proc/"$1"/task/"$1"/children
}
proc_state() {
	sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' /proc/"$1"/stat
}

# start_background: `run` in the background until the workload said ready
start_background() {
	"${H[@]}" run --bundle "$BUNDLE" "$ID" >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	RUN_PID=$!
	for _ in $(seq 100); do
		grep -q ready "$BATS_TEST_TMPDIR/out" 2>/dev/null && return 0
		sleep 0.05
	done
	echo "the workload never said ready"
	return 1
}

@test "the workload's exit stops the container at once; what it left is killed" {
	set_args sh -c "sleep $LONG & exit 5"
	SECONDS=0
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 5 ]
	[ "$SECONDS" -lt 3 ]
	[ -z "$stderr" ]
	gone "sleep $LONG"
}

@test "without a pid namespace the init kills what the workload left itself" {
	no_pid_namespace
	set_args sh -c "sleep $LONG & (sleep $LONG &) ; exit 6"
	SECONDS=0
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 6 ]
	[ "$SECONDS" -lt 3 ]
	gone "sleep $LONG"
}

@test "state says stopped as soon as the workload is gone, and delete works" {
	set_args sh -c "sleep $LONG & sleep 0.2; exit 3"
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >/dev/null 2>&1
	"${H[@]}" start "$ID"
	SECONDS=0
	wait_status stopped
	[ "$SECONDS" -lt 3 ]
	"${H[@]}" delete "$ID"
	gone "sleep $LONG"
}

@test "the grace delay is opt-in; the init's words go to --log, not the container's stderr" {
	update_config '.annotations["org.hrun.adopt-wait"] = "300ms"'
	set_args sh -c "sleep $LONG & exit 4"
	run --separate-stderr "${H[@]}" --log "$BATS_TEST_TMPDIR/log" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 4 ]
	[ -z "$stderr" ]
	grep -q 'level=warning msg="init: timeout exceeded waiting for lingering processes"' \
		"$BATS_TEST_TMPDIR/log"
	gone "sleep $LONG"
}

@test "kill STOP stops the workload, not the init; CONT resumes it; TSTP, TTIN, TTOU reach it" {
	set_args sh -c 'for s in TSTP TTIN TTOU; do trap "echo got-$s" $s; done; echo ready; while :; do sleep 0.05; done'
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >"$BATS_TEST_TMPDIR/out" 2>&1
	"${H[@]}" start "$ID"
	init=$(state_field pid)
	workload=$(workload_of "$init")
	"${H[@]}" kill "$ID" STOP
	for _ in $(seq 40); do [ "$(proc_state "$workload")" = T ] && break; sleep 0.05; done
	[ "$(proc_state "$workload")" = T ] || { echo "workload is $(proc_state "$workload")"; return 1; }
	[ "$(proc_state "$init")" != T ] || { echo "STOP stopped the init"; return 1; }
	"${H[@]}" kill "$ID" CONT
	for _ in $(seq 40); do [ "$(proc_state "$workload")" != T ] && break; sleep 0.05; done
	[ "$(proc_state "$workload")" != T ] || { echo "CONT: still stopped"; return 1; }
	# catchable: the init forwards them, and stays up
	for sig in TSTP TTIN TTOU; do
		"${H[@]}" kill "$ID" "$sig"
		for _ in $(seq 40); do grep -q "got-$sig" "$BATS_TEST_TMPDIR/out" && break; sleep 0.05; done
		grep -q "got-$sig" "$BATS_TEST_TMPDIR/out" || { echo "$sig did not reach the workload"; return 1; }
		[ "$(proc_state "$init")" != T ] || { echo "$sig stopped the init"; return 1; }
	done
	# the init still forwards and reaps
	"${H[@]}" kill "$ID" TERM
	wait_status stopped
}

@test "kill STOP without a pid namespace or cgroup stops the workload too" {
	no_pid_namespace
	set_args sh -c 'echo ready; while :; do sleep 0.05; done'
	"${H[@]}" --cgroup-manager disabled create --bundle "$BUNDLE" "$ID" >"$BATS_TEST_TMPDIR/out" 2>&1
	"${H[@]}" start "$ID"
	init=$(state_field pid)
	workload=$(workload_of "$init")
	"${H[@]}" kill "$ID" STOP
	for _ in $(seq 40); do [ "$(proc_state "$workload")" = T ] && break; sleep 0.05; done
	[ "$(proc_state "$workload")" = T ]
	[ "$(proc_state "$init")" != T ]
	"${H[@]}" kill "$ID" KILL
	wait_status stopped
}

@test "a foreground run holds no lock: state, kill and exec answer while it runs" {
	set_args sh -c "echo ready; exec sleep $LONG"
	start_background
	run timeout 5 "${H[@]}" state "$ID"
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | jq -r .status)" = running ]
	run timeout 5 "${H[@]}" exec "$ID" echo from-exec
	[ "$status" -eq 0 ]
	[ "$output" = from-exec ]
	run timeout 5 "${H[@]}" kill "$ID" KILL
	[ "$status" -eq 0 ]
	wait "$RUN_PID" || status=$?
	[ "$status" -eq 137 ]
	RUN_PID=
	# and run deleted it after all
	[ ! -e "$STATE_ROOT/$ID" ]
}

@test "a foreground run killed with SIGKILL takes its container along; delete cleans up" {
	set_args sh -c "trap '' TERM; echo ready; sleep $LONG & while :; do sleep 0.1; done"
	run timeout -k 1 2 "${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 137 ]
	gone "sleep $LONG"
	[ "$("${H[@]}" state "$ID" | jq -r .status)" = stopped ]
	"${H[@]}" delete "$ID"
	[ ! -e "$STATE_ROOT/$ID" ]
}

@test "a signal sent to a foreground run while it starts the container is not lost" {
	# poststart runs after the workload started, before run waits
	update_config '.hooks.poststart = [{"path": "/bin/sh", "args": ["sh", "-c", "sleep 1"]}]'
	set_args sh -c 'trap "exit 9" INT TERM; echo ready; while :; do sleep 0.05; done'
	start_background
	# a background job of a script: SIGINT arrives ignored, and so would be
	# dropped unless held
	kill -INT "$RUN_PID"
	for _ in $(seq 100); do kill -0 "$RUN_PID" 2>/dev/null || break; sleep 0.05; done
	status=0
	kill -0 "$RUN_PID" 2>/dev/null && { echo "run still waits: the signal was lost"; return 1; }
	wait "$RUN_PID" || status=$?
	RUN_PID=
	[ "$status" -eq 9 ]
}

# KILL to hrun alone (a caller that signals its child, not a process group)
kill_run_alone() {
	set_args sh -c "trap '' TERM; echo ready; sleep $LONG & while :; do sleep 0.1; done"
	start_background
	local init
	init=$("${H[@]}" state "$ID" | jq -r .pid)
	kill -TERM "$RUN_PID"
	sleep 0.3
	kill -KILL "$RUN_PID"
	wait "$RUN_PID" || true
	RUN_PID=
	for _ in $(seq 100); do
		kill -0 "$init" 2>/dev/null || return 0
		sleep 0.05
	done
	echo "the init $init outlived its run"
	return 1
}

@test "a foreground run killed alone with SIGKILL: its init dies with it" {
	kill_run_alone
	[ "$("${H[@]}" state "$ID" | jq -r .status)" = stopped ]
	gone "sleep $LONG"
	"${H[@]}" delete "$ID"
	[ ! -e "$STATE_ROOT/$ID" ]
}

@test "the same without a pid namespace: the next delete kills what is left" {
	no_pid_namespace
	kill_run_alone
	# what the init leaves is looked for: no pid namespace of its own
	[ "$(jq -r '.hrunOwnPidNamespace // false' "$STATE_ROOT/$ID/state.json")" = false ]
	# the init is gone, not what it left: not stopped while that runs
	[ "$("${H[@]}" state "$ID" | jq -r .status)" = running ]
	"${H[@]}" delete "$ID"
	gone "sleep $LONG"
	[ ! -e "$STATE_ROOT/$ID" ]
}

# delete --force only kills the init of a pid namespace of its own: as it
# exits, the kernel stops new pids in the namespace and kills and reaps
# every process of it before the init's exit shows
@test "delete --force of a container that keeps forking leaves no process of it, at once" {
	set_args sh -c "while :; do sleep $LONG & done"
	update_config '.linux.resources.pids = {"limit": 64}'
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	[ "$(jq -r .hrunOwnPidNamespace "$STATE_ROOT/$ID/state.json")" = true ]
	for _ in $(seq 100); do
		[ "$(pgrep -cfx -- "sleep $LONG")" -gt 20 ] && break
		sleep 0.05
	done
	"${H[@]}" delete --force "$ID"
	[ ! -e "$STATE_ROOT/$ID" ]
	run pgrep -fx -- "sleep $LONG"
	[ "$status" -ne 0 ] || { echo "left: $output"; return 1; }
}

@test "the init shows the container a neutral name, nothing of the host's command line" {
	set_args sh -c 'tr "\0" "|" </proc/1/cmdline; echo; cat /proc/1/comm'
	run --separate-stderr "${H[@]}" --log "$BATS_TEST_TMPDIR/log" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "hrun-init|" ]
	[ "${lines[1]}" = hrun-init ]
}

# The caller's environment (podman's, a shim's, a shell's tokens) would be
# the init's /proc/1/environ, which a workload with CAP_SYS_PTRACE reads
@test "the init shows the container nothing of the caller's environment" {
	local secret="hrun-env-secret-$$-$RANDOM"
	update_config '.process.capabilities |= map_values(. + ["CAP_SYS_PTRACE"])'
	set_args sh -c 'cat /proc/1/environ >/dev/null && echo readable; tr "\0" "\n" </proc/1/environ | grep .'
	run --separate-stderr env HRUN_TEST_SECRET="$secret" "${H[@]}" run --bundle "$BUNDLE" "$ID"
	[[ "$output" != *"$secret"* ]] || { echo "the workload read the caller's environment"; return 1; }
	# readable (the capability works), and nothing but NULs
	[ "$output" = readable ]
}

@test "pids.limit N: N tasks in the cgroup, the init among them" {
	grep -qw '^pids' /proc/cgroups || skip "no pids controller"
	update_config '.linux.resources.pids.limit = 4'
	# the init, sh and two sleeps: four
	set_args sh -c "sleep $LONG & sleep $LONG & echo two; sleep $LONG & echo three; kill %1 %2 %3 2>/dev/null; :"
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ "${lines[0]}" = two ]
	[ "${#lines[@]}" -eq 1 ]
	gone "sleep $LONG"
}

# runc's workload, alone in its cgroup, runs under a limit of 1 (or 0) and
# cannot fork; beside hrun's init it must still be spawned
@test "pids.limit 0 or 1: the workload still starts, and cannot fork" {
	grep -qw '^pids' /proc/cgroups || skip "no pids controller"
	for limit in 0 1; do
		update_config --argjson l "$limit" '.linux.resources.pids.limit = $l'
		set_args sh -c 'echo started; sleep 1 & echo forked'
		run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
		[ "${lines[0]}" = started ] && [ "${#lines[@]}" -eq 1 ] || { echo "$limit: $output"; return 1; }
	done
}

@test "update --pids-limit writes the limit as create does" {
	grep -qw '^pids' /proc/cgroups || skip "no pids controller"
	set_args sh -c 'echo ready; while :; do sleep 0.05; done'
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >/dev/null 2>&1
	cg=$(awk -F: '$2 == "pids" { print $3 }' /proc/"$(state_field pid)"/cgroup)
	"${H[@]}" update --pids-limit 7 "$ID"
	[ "$(cat /sys/fs/cgroup/pids"$cg"/pids.max)" = 7 ]
	"${H[@]}" update --pids-limit 1 "$ID"
	[ "$(cat /sys/fs/cgroup/pids"$cg"/pids.max)" = 2 ]
}

@test "a --root whose parents are missing is made, 0700 as runc makes it" {
	set_args true
	R="$BATS_TEST_TMPDIR/fresh/runc/default"
	run --separate-stderr "$HRUN" --root "$R" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$BATS_TEST_TMPDIR/fresh")" = 700 ]
	[ "$(stat -c %a "$R")" = 700 ]
}
