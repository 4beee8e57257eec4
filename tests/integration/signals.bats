#!/usr/bin/env bats
# The init forwards signals to the workload and cleans up after it.

load helpers

teardown() { assert_nothing_left; }

# Start `hrun run` in the background; sets HRUN_PID and INIT_PID.
start_background() {
	"$HRUN" run --bundle "$BUNDLE" "$ID" >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err" &
	HRUN_PID=$!
	for _ in $(seq 100); do
		INIT_PID=$(pgrep -P "$HRUN_PID" | head -1)
		[ -n "$INIT_PID" ] && grep -q ready "$BATS_TEST_TMPDIR/out" 2>/dev/null && return 0
		sleep 0.05
	done
	return 1
}

wait_hrun() {
	status=0
	wait "$HRUN_PID" || status=$?
}

@test "SIGTERM sent to the init reaches a workload that is sh" {
	set_args sh -c 'trap "echo got-term; exit 3" TERM; echo ready; while :; do sleep 0.05; done'
	start_background
	kill -TERM "$INIT_PID"
	wait_hrun
	[ "$status" -eq 3 ]
	grep -q got-term "$BATS_TEST_TMPDIR/out"
}

@test "SIGHUP and SIGUSR1 are forwarded too" {
	set_args sh -c 'trap "echo got-hup" HUP; trap "echo got-usr1; exit 5" USR1; echo ready; while :; do sleep 0.05; done'
	start_background
	kill -HUP "$INIT_PID"
	sleep 0.3
	kill -USR1 "$INIT_PID"
	wait_hrun
	[ "$status" -eq 5 ]
	grep -q got-hup "$BATS_TEST_TMPDIR/out"
	grep -q got-usr1 "$BATS_TEST_TMPDIR/out"
}

@test "a signal sent to hrun run is forwarded to the workload" {
	set_args sh -c 'trap "exit 9" INT; echo ready; while :; do sleep 0.05; done'
	start_background
	kill -INT "$HRUN_PID"
	wait_hrun
	[ "$status" -eq 9 ]
}

@test "SIGKILL to the init ends the container with 137" {
	set_args sh -c "echo ready; sleep $LONG"
	start_background
	kill -KILL "$INIT_PID"
	wait_hrun
	[ "$status" -eq 137 ]
	gone "sleep $LONG"
}

@test "once started, the init holds its stdio and its signalfd, nothing else" {
	set_args sh -c 'echo ready; sleep 100'
	start_background
	# the start result FIFO is closed right after the workload's exec
	for _ in $(seq 40); do
		[ "$(ls /proc/"$INIT_PID"/fd | wc -l)" -le 4 ] && break
		sleep 0.05
	done
	fds=$(ls /proc/"$INIT_PID"/fd | sort -n | tr '\n' ' ')
	fd3=$(readlink /proc/"$INIT_PID"/fd/3)
	kill -KILL "$INIT_PID"
	wait_hrun
	[ "$fds" = "0 1 2 3 " ] || { echo "init fds: $fds"; return 1; }
	[ "$fd3" = "anon_inode:[signalfd]" ]
}

@test "lingering children are killed after the grace delay" {
	update_config '.annotations["org.hrun.adopt-wait"] = "300ms"'
	set_args sh -c "sleep $LONG & exit 4"
	SECONDS=0
	run --separate-stderr "$HRUN" --log "$BATS_TEST_TMPDIR/log" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 4 ]
	[ "$SECONDS" -lt 5 ]
	# the init's words go to the runtime's log, never the container's stdio
	grep -q "timeout exceeded waiting for lingering processes" "$BATS_TEST_TMPDIR/log"
	[ -z "$stderr" ]
	gone "sleep $LONG"
}

@test "lingering children that finish in time are waited for" {
	update_config '.annotations["org.hrun.adopt-wait"] = "5s"'
	set_args sh -c '(sleep 0.3; echo late-child) & exit 0'
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = "late-child" ]
}
