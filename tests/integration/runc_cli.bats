#!/usr/bin/env bats
# runc's CLI contract where clients read it: the words and exit statuses
# containerd's runc shim matches after kill, options after the id, exec's
# 255 for hrun's own failures, ps and list of what is there.

load helpers

setup() {
	setup_state
	set_args sleep 100
}

teardown() {
	local id
	for id in $("${H[@]}" list -q 2>/dev/null); do
		"${H[@]}" delete --force "$id" >/dev/null 2>&1 || true
	done
	assert_nothing_left
}

# run detached, quietly
hrun_detach() {
	"${H[@]}" run --detach --bundle "$BUNDLE" "${1:-$ID}" >/dev/null 2>&1
}

# the workload's status, killed and reaped
stop_it() {
	"${H[@]}" kill "$ID" KILL
	wait_status stopped
}

@test "kill: 0 probes, a stopped container is 'container not running', an unknown id 'does not exist'" {
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >/dev/null 2>&1
	run "${H[@]}" kill "$ID" 0
	[ "$status" -eq 0 ]
	"${H[@]}" start "$ID"
	run "${H[@]}" kill "$ID" 0
	[ "$status" -eq 0 ]
	[ "$(state_field status)" = running ]
	stop_it
	# containerd's shim: "container not running" is an already finished
	# process, "does not exist" a missing container; anything else fails
	run --separate-stderr "${H[@]}" kill "$ID" TERM
	[ "$status" -eq 1 ]
	assert_one_line_error 'container not running$'
	run --separate-stderr "${H[@]}" kill "$ID" 0
	[ "$status" -eq 1 ]
	assert_one_line_error 'container not running$'
	run --separate-stderr "${H[@]}" kill "no-such-$ID" 0
	[ "$status" -eq 1 ]
	assert_one_line_error 'does not exist$'
}

@test "kill --all of a stopped container succeeds, as runc's" {
	hrun_detach
	stop_it
	run --separate-stderr "${H[@]}" kill --all "$ID" KILL
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	run "${H[@]}" kill "$ID" --all TERM
	[ "$status" -eq 0 ]
	[ "$(state_field status)" = stopped ]
}

@test "options after the id, as runc's reordering allows (not exec's or ps's)" {
	hrun_detach
	"${H[@]}" update "$ID" --pids-limit 5
	[ "$(cat "/sys/fs/cgroup/pids/$ID/pids.max" 2>/dev/null ||
		cat "/sys/fs/cgroup/$ID/pids.max")" = 5 ]
	run "${H[@]}" state "$ID" --help
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "Usage: hrun state ID" ]]
	# exec: what follows the id is the command's, -c included
	run "${H[@]}" exec "$ID" sh -c 'echo in'
	[ "$output" = in ]
	"${H[@]}" delete "$ID" --force
	run "${H[@]}" state "$ID"
	[ "$status" -ne 0 ]
}

@test "update --memory -1 lifts a swap limit too, as runc's" {
	[ -e /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes ] || skip "no v1 memory swap accounting"
	update_config '.linux.resources.memory = {"limit": 104857600, "swap": 209715200}'
	hrun_detach
	local dir
	dir=/sys/fs/cgroup/memory$(sed -n 's/^[0-9]*:memory://p' "/proc/$(state_field pid)/cgroup")
	[ "$(cat "$dir/memory.memsw.limit_in_bytes")" = 209715200 ]
	run --separate-stderr "${H[@]}" update --memory -1 "$ID"
	[ "$status" -eq 0 ]
	[ "$(cat "$dir/memory.limit_in_bytes")" = "$(cat /sys/fs/cgroup/memory/memory.limit_in_bytes)" ]
	[ "$(cat "$dir/memory.memsw.limit_in_bytes")" = "$(cat /sys/fs/cgroup/memory/memory.memsw.limit_in_bytes)" ]
}

@test "exec --additional-gids, repeated, adds every group to the config's" {
	update_config '.process.user.additionalGids = [5]'
	hrun_detach
	run "${H[@]}" exec -g 10,20 --additional-gids 30 "$ID" sh -c 'grep ^Groups: /proc/self/status'
	[ "$status" -eq 0 ]
	[ "$(echo $output)" = "Groups: 5 10 20 30" ]
}

@test "exec --cgroup / joins the container's own cgroup" {
	hrun_detach
	run "${H[@]}" exec --cgroup / "$ID" cat /proc/self/cgroup
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "/proc/$(state_field pid)/cgroup")" ]
}

@test "exec into a paused container: runc's words, or --ignore-paused and it runs once resumed" {
	hrun_detach
	"${H[@]}" pause "$ID"
	run --separate-stderr "${H[@]}" exec "$ID" echo ran
	[ "$status" -eq 255 ]
	assert_one_line_error 'cannot exec in a paused container \(use --ignore-paused to override\)$'
	timeout 30 "${H[@]}" exec --ignore-paused "$ID" echo thawed-"$ID" >"$BATS_TEST_TMPDIR/out" &
	local exec_pid=$!
	sleep 0.5
	# frozen with the rest, and holding no lock that would stop resume
	[ ! -s "$BATS_TEST_TMPDIR/out" ]
	[ "$(state_field status)" = paused ]
	timeout 10 "${H[@]}" resume "$ID"
	wait "$exec_pid"
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = "thawed-$ID" ]
}

@test "exec: hrun's own failures exit 255, the process's status is its own" {
	hrun_detach
	run "${H[@]}" exec "$ID" sh -c 'exit 1'
	[ "$status" -eq 1 ]
	run --separate-stderr "${H[@]}" exec "$ID" /no/such/program
	[ "$status" -eq 255 ]
	run --separate-stderr "${H[@]}" exec "no-such-$ID" true
	[ "$status" -eq 255 ]
	run --separate-stderr "${H[@]}" exec "$ID"
	[ "$status" -eq 255 ]
	run --separate-stderr "${H[@]}" exec --detach --user x "$ID" true
	[ "$status" -eq 255 ]
	# a usage error is 1, as runc's
	run --separate-stderr "${H[@]}" exec
	[ "$status" -eq 1 ]
}

@test "ps of a stopped container: the header alone, or [] as JSON" {
	hrun_detach
	stop_it
	run --separate-stderr "${H[@]}" ps "$ID"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == *PID* ]]
	run --separate-stderr "${H[@]}" ps --format json "$ID"
	[ "$status" -eq 0 ]
	[ "$output" = "[]" ]
}

@test "list is sorted by id, as a table and as JSON" {
	set_args true
	local id
	for id in "$ID-m" "$ID-z" "$ID-a" "$ID-q"; do
		"${H[@]}" create --bundle "$BUNDLE" "$id" >/dev/null 2>&1
	done
	want=$(printf '%s\n' "$ID-a" "$ID-m" "$ID-q" "$ID-z")
	[ "$("${H[@]}" list -q)" = "$want" ]
	[ "$("${H[@]}" list | tail -n +2 | awk '{print $1}')" = "$want" ]
	[ "$("${H[@]}" list --format json | jq -r '.[].id')" = "$want" ]
}

@test "run takes runc's other run flags: --no-subreaper, --no-pivot, --no-new-keyring" {
	set_args sh -c 'echo ran'
	run --separate-stderr "${H[@]}" run --no-subreaper --no-pivot --no-new-keyring --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ]
	[ "$output" = ran ]
	# create has no --no-subreaper, as runc's has none
	run --separate-stderr "${H[@]}" create --no-subreaper --bundle "$BUNDLE" "$ID"
	assert_one_line_error "unknown option .--no-subreaper."
}
