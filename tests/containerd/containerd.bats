#!/usr/bin/env bats
# containerd 1.6 (ctr + io.containerd.runc.v2 shim) driving the runtime
# under test.  Run through tests/containerd/run.sh, which starts a private
# containerd and exports CT (its tree), SOCK, NS and HRUN; the runtime is
# reached through the argv-logging wrapper $CT/bin/runtime.

bats_require_minimum_version 1.5.0
BATS_TEST_TIMEOUT=${BATS_TEST_TIMEOUT:-120}

load containerd_helpers

setup() {
	ID=ct$BATS_TEST_NUMBER-$$
	TRACE_FROM=$(($(wc -l <"$CT/trace.log" 2>/dev/null || echo 0) + 1))
}

teardown() {
	if [ -n "$(task_status "$ID")" ]; then
		c tasks kill -s KILL "$ID" >/dev/null 2>&1
		wait_status "$ID" STOPPED 50 2>/dev/null
		c tasks delete -f "$ID" >/dev/null 2>&1
	fi
	c containers delete "$ID" >/dev/null 2>&1
	# shown only when the test failed
	echo "--- runtime calls of this test:"
	tail -n +"$TRACE_FROM" "$CT/trace.log" 2>/dev/null | sed 's/^/  /'
	echo "--- runtime log.json files:"
	find "$CT/state" -name log.json -newer "$CT/config.toml" -exec tail -n 3 {} + 2>/dev/null | sed 's/^/  /'
	true
}

@test "run --rm: echo prints and exits 0" {
	run -0 crun --rm -- "$ID" echo hi
	[ "$output" = hi ]
	[ -z "$(task_status "$ID")" ]
	run c containers ls -q
	! grep -qx "$ID" <<<"$output"
}

@test "run --rm: the exit code 7 reaches ctr" {
	run -7 crun --rm -- "$ID" sh -c 'exit 7'
}

@test "run --rm: --env and --cwd reach the process" {
	run -0 crun --rm --env FOO=bar --cwd /tmp -- "$ID" sh -c 'echo "$FOO"; pwd'
	[ "${lines[0]}" = bar ]
	[ "${lines[1]}" = /tmp ]
	# and the image's own environment is there too
	run -0 crun --rm -- "$ID" sh -c 'echo "$PATH"'
	[ "$output" = /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin ]
}

@test "run -d, task exec, task kill -s TERM, task delete" {
	run -0 crun -d -- "$ID" sh -c 'trap "exit 0" TERM; while :; do sleep 0.1; done'
	wait_status "$ID" RUNNING
	run -0 c tasks exec --fifo-dir "$CT/fifo" --exec-id e1 "$ID" sh -c 'echo from-exec; echo $$ >/tmp/e1'
	[ "$output" = from-exec ]
	run -3 c tasks exec --fifo-dir "$CT/fifo" --exec-id e2 "$ID" sh -c 'exit 3'
	run -0 c tasks exec --fifo-dir "$CT/fifo" --exec-id e3 --cwd /etc "$ID" pwd
	[ "$output" = /etc ]
	run -0 c tasks kill -s TERM "$ID"
	wait_status "$ID" STOPPED
	run -0 c tasks delete "$ID"
	[ -z "$(task_status "$ID")" ]
	run -0 c containers delete "$ID"
}

@test "task ls: RUNNING, then STOPPED after the process exits by itself" {
	run -0 crun -d -- "$ID" sleep 2
	[ "$(task_status "$ID")" = RUNNING ]
	run -0 c tasks ps "$ID"
	[ "${#lines[@]}" -ge 2 ]
	wait_status "$ID" STOPPED 150
	run -0 c tasks delete "$ID"
	run -0 c containers delete "$ID"
}

@test "run -t: the process has a terminal" {
	# timeout outside script: inside, it would put ctr in a background
	# process group of the terminal and stop it with SIGTTOU
	run -0 timeout -k 5 60 script -qec "env CONTAINERD_SNAPSHOTTER=native ctr -a '$SOCK' -n '$NS' run --rm -t \
		--runc-binary '$CT/bin/runtime' --runc-root '$CT/runc-root' --fifo-dir '$CT/fifo' \
		$IMG $ID sh -c 'tty; test -t 0 && test -t 1 && echo IS-A-TTY; exit 5'; echo ctr-rc=\$?" /dev/null 3>&-
	echo "$output"
	[[ "$output" == */dev/pts/* ]]
	[[ "$output" == *IS-A-TTY* ]]
	[[ "$output" == *ctr-rc=5* ]]
}

# ctr 1.6's `task delete` does not return the exit status, so these
# tests keep a foreground `ctr run` in the background, whose exit status
# is the task's (128+N for a signal), and signal the task from outside.
@test "task kill -s KILL of a sleeping task" {
	crun -- "$ID" sleep 1000 >"$BATS_TEST_TMPDIR/out" 2>&1 </dev/null &
	local pid=$!
	wait_status "$ID" RUNNING
	run -0 c tasks kill -s KILL "$ID"
	local rc=0
	wait "$pid" || rc=$?
	cat "$BATS_TEST_TMPDIR/out"
	[ "$rc" = 137 ]
	# ctr run deleted the task itself after its exit
	[ -z "$(task_status "$ID")" ]
	run -0 c containers delete "$ID"
}

@test "task kill (default TERM) of a task that handles it" {
	crun -- "$ID" sh -c 'trap "echo got-term; exit 42" TERM; echo ready; sleep 1000 & wait' \
		>"$BATS_TEST_TMPDIR/out" 2>&1 </dev/null &
	local pid=$!
	wait_status "$ID" RUNNING
	local i
	for ((i = 0; i < 50; i++)); do grep -q ready "$BATS_TEST_TMPDIR/out" && break; sleep 0.1; done
	run -0 c tasks kill "$ID"
	local rc=0
	wait "$pid" || rc=$?
	[ "$rc" = 42 ]
	run cat "$BATS_TEST_TMPDIR/out"
	[[ "$output" == *got-term* ]]
	# ctr run deleted the task itself after its exit
	[ -z "$(task_status "$ID")" ]
	run -0 c containers delete "$ID"
}

@test "5 sequential runs" {
	local n # not i: bats 1.8's `run` clobbers a variable named i
	for n in 1 2 3 4 5; do
		run -0 crun --rm -- "$ID-$n" sh -c "echo run-$n"
		echo "run $n: $output"
		[ "$output" = "run-$n" ]
	done
	run -0 c containers ls -q
	! grep -q "^$ID-" <<<"$output"
}

@test "task exec -t: an exec'd process with a terminal" {
	run -0 crun -d -- "$ID" sleep 1000
	wait_status "$ID" RUNNING
	run -0 timeout -k 5 60 script -qec "ctr -a '$SOCK' -n '$NS' tasks exec -t --fifo-dir '$CT/fifo' \
		--exec-id t1 $ID sh -c 'tty; test -t 0 && echo IS-A-TTY; exit 4'; echo ctr-rc=\$?" /dev/null 3>&-
	echo "$output"
	[[ "$output" == */dev/pts/* ]]
	[[ "$output" == *IS-A-TTY* ]]
	[[ "$output" == *ctr-rc=4* ]]
}

@test "task pause and resume" {
	run -0 crun -d -- "$ID" sleep 1000
	wait_status "$ID" RUNNING
	run -0 c tasks pause "$ID"
	wait_status "$ID" PAUSED
	run -0 c tasks resume "$ID"
	wait_status "$ID" RUNNING
	run -0 c tasks exec --fifo-dir "$CT/fifo" --exec-id e1 "$ID" echo alive
	[ "$output" = alive ]
}

@test "task kill --all reaches every process" {
	run -0 crun -d -- "$ID" sh -c 'sleep 1000 & sleep 1000 & wait'
	wait_status "$ID" RUNNING
	run -0 c tasks kill --all -s KILL "$ID"
	wait_status "$ID" STOPPED
	run -0 c tasks delete "$ID"
}
