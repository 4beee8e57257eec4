#!/usr/bin/env bats
# create / start / state / kill / delete, driven as conmon and the OCI
# conformance suite drive a runtime.

load helpers

setup() {
	setup_state
}

teardown() {
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	assert_nothing_left
	[ -z "$(ls -A "$STATE_ROOT" 2>/dev/null)" ] || { echo "state left: $(ls -A "$STATE_ROOT")"; return 1; }
}

@test "create, state created, start, running, stopped, delete" {
	set_args sh -c 'read line </dev/null; sleep 0.3'
	# the created init keeps create's stdio for the workload: files, not
	# bats' pipe, or `run` would wait for the container to end
	"${H[@]}" create --bundle "$BUNDLE" --pid-file "$BATS_TEST_TMPDIR/pid" "$ID" \
		>"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err"
	[ "$(state_field status)" = created ]
	pid=$(cat "$BATS_TEST_TMPDIR/pid")
	[ "$(state_field pid)" = "$pid" ]
	[ -d "/proc/$pid" ]
	[ "$(state_field id)" = "$ID" ]
	[ "$(state_field bundle)" = "$BUNDLE" ]
	[ "$(state_field ociVersion)" = 1.3.0 ]
	"${H[@]}" start "$ID"
	[ "$(state_field status)" = running ]
	wait_status stopped
	"${H[@]}" delete "$ID"
	run "${H[@]}" state "$ID"
	[ "$status" -ne 0 ]
}

@test "the pid file holds the pid and no newline" {
	set_args true
	"${H[@]}" create --bundle "$BUNDLE" --pid-file "$BATS_TEST_TMPDIR/pid" "$ID"
	[ "$(cat "$BATS_TEST_TMPDIR/pid")" = "$(state_field pid)" ]
	[ "$(tail -c1 "$BATS_TEST_TMPDIR/pid" | od -An -tx1 | tr -d ' ')" != 0a ]
	# written through a temporary file renamed into place: none is left
	[ -z "$(ls "$BATS_TEST_TMPDIR" | grep '^pid\.tmp-')" ]
}

@test "create returns only once set up; the workload does not run before start" {
	set_args sh -c 'echo started >/tmp/marker'
	update_config '.root.readonly = false'
	cp -a "$ROOTFS" "$BATS_TEST_TMPDIR/rootfs"
	update_config --arg r "$BATS_TEST_TMPDIR/rootfs" '.root.path = $r'
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	sleep 0.3
	[ ! -e "$BATS_TEST_TMPDIR/rootfs/tmp/marker" ]
	"${H[@]}" start "$ID"
	wait_status stopped
	[ "$(cat "$BATS_TEST_TMPDIR/rootfs/tmp/marker")" = started ]
}

@test "create leaves no hrun process: the init is the caller's" {
	set_args sleep 10
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	pid=$(state_field pid)
	# the init is a clone of create, renamed: create itself is gone
	! pgrep -f "hrun --root $STATE_ROOT create"
	[ "$(tr '\0' '|' </proc/"$pid"/cmdline)" = "hrun-init|" ]
}

@test "the workload's output goes to create's stdout" {
	set_args echo from-workload
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >"$BATS_TEST_TMPDIR/out"
	"${H[@]}" start "$ID"
	wait_status stopped
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = from-workload ]
}

@test "start twice is an error and runs nothing twice" {
	set_args sleep 10
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	"${H[@]}" start "$ID"
	run --separate-stderr "${H[@]}" start "$ID"
	assert_one_line_error "not created"
}

@test "create of an existing id fails and leaves the first intact" {
	set_args sleep 10
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	pid=$(state_field pid)
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	assert_one_line_error "container with id .$ID. exists"
	[ "$(state_field pid)" = "$pid" ]
	[ "$(state_field status)" = created ]
}

@test "kill delivers TERM by name, SIGTERM form and number" {
	set_args sh -c 'trap "exit 3" TERM; while :; do sleep 0.05; done'
	for sig in TERM SIGTERM 15; do
		"${H[@]}" create --bundle "$BUNDLE" "$ID"
		"${H[@]}" start "$ID"
		"${H[@]}" kill "$ID" "$sig"
		wait_status stopped
		"${H[@]}" delete "$ID"
	done
}

@test "kill without a signal sends TERM" {
	set_args sh -c 'trap "exit 3" TERM; while :; do sleep 0.05; done'
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	"${H[@]}" start "$ID"
	"${H[@]}" kill "$ID"
	wait_status stopped
}

@test "kill KILL of a created container stops it" {
	set_args sleep 10
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	"${H[@]}" kill "$ID" KILL
	wait_status stopped
}

@test "kill of a stopped container is an error and changes nothing" {
	set_args true
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	"${H[@]}" start "$ID"
	wait_status stopped
	before=$("${H[@]}" state "$ID")
	run --separate-stderr "${H[@]}" kill "$ID" KILL
	assert_one_line_error "container not running$"
	[ "$("${H[@]}" state "$ID")" = "$before" ]
}

@test "kill with a bad signal name is an error" {
	set_args sleep 10
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	run --separate-stderr "${H[@]}" kill "$ID" NOSUCHSIG
	assert_one_line_error "invalid signal .NOSUCHSIG."
	[ "$(state_field status)" = created ]
}

@test "kill --all reaches every process of the container" {
	set_args sh -c "sleep $LONG & sleep $LONG & wait"
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	"${H[@]}" start "$ID"
	sleep 0.3
	"${H[@]}" kill --all "$ID" KILL
	wait_status stopped
	gone "sleep $LONG"
}

@test "delete of a created or running container without --force is an error" {
	set_args sleep 10
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	run --separate-stderr "${H[@]}" delete "$ID"
	assert_one_line_error "is created"
	"${H[@]}" start "$ID"
	run --separate-stderr "${H[@]}" delete "$ID"
	assert_one_line_error "is running"
	[ "$(state_field status)" = running ]
}

@test "delete --force kills a running container and removes it" {
	set_args sleep "$LONG"
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	"${H[@]}" start "$ID"
	pid=$(state_field pid)
	"${H[@]}" delete --force "$ID"
	[ ! -d "$STATE_ROOT/$ID" ]
	for _ in $(seq 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
	gone "sleep $LONG"
}

@test "delete --force of an unknown id succeeds; delete of one fails" {
	"${H[@]}" delete --force no-such-container
	run --separate-stderr "${H[@]}" delete no-such-container
	assert_one_line_error "does not exist"
}

# A state file that cannot be parsed (storage that lost a write): each verb
# names the container; list warns and goes on; delete --force removes the
# state and says what it could not find.  The test ends the init itself.
@test "a state file that cannot be read: one line naming the container, list goes on, delete --force warns" {
	local pid other=$ID-other
	set_args sleep "$LONG"
	"${H[@]}" create --bundle "$BUNDLE" --pid-file "$BATS_TEST_TMPDIR/pid" "$ID"
	"${H[@]}" create --bundle "$BUNDLE" "$other"
	pid=$(cat "$BATS_TEST_TMPDIR/pid")
	echo '{"ociVersion": "1.3.0", "id": "'"$ID"'", "pi' >"$STATE_ROOT/$ID/state.json"
	for verb in state start "kill" delete; do
		run --separate-stderr "${H[@]}" $verb "$ID"
		assert_one_line_error "^hrun: container \`$ID\`: state.json: invalid JSON"
	done
	run --separate-stderr "${H[@]}" list -q
	[ "$status" -eq 0 ]
	[ "$output" = "$other" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ "$stderr" == "hrun: warning: container \`$ID\`: state.json: invalid JSON"* ]]
	run --separate-stderr "${H[@]}" delete --force "$ID"
	[ "$status" -eq 0 ]
	[ ! -e "$STATE_ROOT/$ID" ]
	[[ "$stderr" == *"removing its state alone: the init and the cgroup it named, if any, are left" ]]
	[ -d "/proc/$pid" ] || { echo "the init is gone: was it not left, as the warning says?"; return 1; }
	kill -9 "$pid"
	"${H[@]}" delete --force "$other"
	# its cgroup, once the init has left it
	for _ in $(seq 100); do
		rmdir /sys/fs/cgroup/"$ID" /sys/fs/cgroup/*/"$ID" 2>/dev/null || true
		[ -z "$(ls -d /sys/fs/cgroup/"$ID" /sys/fs/cgroup/*/"$ID" 2>/dev/null)" ] && break
		sleep 0.05
	done
}

@test "missing and invalid ids are errors" {
	run --separate-stderr "${H[@]}" state
	assert_one_line_error "missing container id"
	run --separate-stderr "${H[@]}" start
	assert_one_line_error "missing container id"
	run --separate-stderr "${H[@]}" delete
	assert_one_line_error "missing container id"
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE"
	assert_one_line_error "missing container id"
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" ../escape
	assert_one_line_error "invalid container id"
	run --separate-stderr "${H[@]}" state no-such
	assert_one_line_error "does not exist"
}

@test "a failed create leaves no state, no process" {
	set_args /bin/nope
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	assert_one_line_error "no such file or directory"
	[ ! -e "$STATE_ROOT/$ID" ]
}

@test "start after the init died reports stopped" {
	set_args sleep 10
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	kill -KILL "$(state_field pid)"
	wait_status stopped
	run --separate-stderr "${H[@]}" start "$ID"
	assert_one_line_error "stopped"
}

@test "run --detach returns once started; the state root is created 0700" {
	set_args sleep 10
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	[ "$(state_field status)" = running ]
	[ "$(stat -c %a "$STATE_ROOT")" = 700 ]
}

@test "run starts the workload itself: no FIFO is made, and start refuses the running container" {
	set_args sleep "$LONG"
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	[ "$(state_field status)" = running ]
	[ ! -e "$STATE_ROOT/$ID/exec.fifo" ]
	[ ! -e "$STATE_ROOT/$ID/start.fifo" ]
	run --separate-stderr "${H[@]}" start "$ID"
	assert_one_line_error "running, not created"
	"${H[@]}" delete --force "$ID"
	gone "sleep $LONG"
}

@test "run --keep leaves the stopped container for state and delete" {
	set_args true
	"${H[@]}" run --keep --bundle "$BUNDLE" "$ID"
	[ "$(state_field status)" = stopped ]
	"${H[@]}" delete "$ID"
}

@test "twenty containers at once" {
	set_args sleep 10
	for i in $(seq 20); do
		"${H[@]}" create --bundle "$BUNDLE" "$ID-$i" &
	done
	wait
	for i in $(seq 20); do
		[ "$("${H[@]}" state "$ID-$i" | jq -r .status)" = created ]
	done
	for i in $(seq 20); do
		"${H[@]}" delete --force "$ID-$i" &
	done
	wait
}

@test "ps lists the container's processes, as ps(1) lines and as JSON pids" {
	set_args sh -c 'sleep 100 & sleep 101'
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	sleep 0.3
	run "${H[@]}" ps --format json "$ID"
	[ "$status" -eq 0 ]
	echo "$output" | jq -e 'length == 3'
	echo "$output" | jq -e --argjson p "$(state_field pid)" 'index($p) != null'
	run "${H[@]}" ps "$ID"
	[[ "${lines[0]}" == *PID* ]]
	[ "${#lines[@]}" -eq 4 ]
	[[ "$output" == *"sleep 101"* ]]
	run "${H[@]}" ps "$ID" -o pid,comm
	[[ "${lines[0]}" =~ PID\ +COMMAND ]]
	[ "${#lines[@]}" -eq 4 ]
}

@test "ps of an unknown container is an error" {
	run --separate-stderr "${H[@]}" ps no-such
	assert_one_line_error "does not exist"
}

@test "kill TERM of a created container stops it (pid 1 would ignore it without a handler)" {
	set_args sleep 10
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	"${H[@]}" kill "$ID" TERM
	wait_status stopped
	run --separate-stderr "${H[@]}" start "$ID"
	assert_one_line_error "stopped"
}

@test "a harmless signal to a created container changes nothing" {
	set_args sleep 10
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	"${H[@]}" kill "$ID" WINCH
	sleep 0.2
	[ "$(state_field status)" = created ]
	"${H[@]}" start "$ID"
	[ "$(state_field status)" = running ]
}
