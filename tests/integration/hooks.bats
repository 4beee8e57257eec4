#!/usr/bin/env bats
# The six OCI hooks at their points: what each one gets (argv, env, the
# state on stdin), their order over create, start and delete, and what a
# failing or slow hook does to each verb.

load helpers

setup() {
	setup_state
	# what the hooks record; in the container too, at /rec
	REC="$BATS_TEST_TMPDIR/rec"
	mkdir -p "$REC"
	cat >"$REC/record.sh" <<-'EOF'
		#!/bin/sh
		kind=$1 rec=$2
		cat >"$rec/$kind.state"
		echo "$*" >"$rec/$kind.args"
		env >"$rec/$kind.env"
		readlink /proc/self/ns/mnt >"$rec/$kind.mntns"
		echo "$kind" >>"$rec/order"
	EOF
	chmod 755 "$REC/record.sh"
	update_config --arg rec "$REC" \
		'.mounts += [{"destination": "/rec", "type": "bind", "source": $rec, "options": ["rbind", "rw"]}]'
}

teardown() {
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	assert_nothing_left
	[ -z "$(ls -A "$STATE_ROOT" 2>/dev/null)" ] || { echo "state left: $(ls -A "$STATE_ROOT")"; return 1; }
}

# add_hook KIND [DIR]: the recording hook at KIND; DIR is where the hook
# finds record.sh and writes (the host's $REC, or /rec in the container)
add_hook() {
	local dir=${2:-$REC}
	update_config --arg k "$1" --arg d "$dir" \
		'.hooks[$k] += [{"path": "\($d)/record.sh", "args": ["record.sh", $k, $d], "env": ["HOOK_ENV=\($k)-env"]}]'
}

# add_command_hook KIND TIMEOUT COMMAND: `sh -c COMMAND` at KIND
add_command_hook() {
	update_config --arg k "$1" --argjson t "$2" --arg c "$3" \
		'.hooks[$k] += [{"path": "/bin/sh", "args": ["sh", "-c", $c]} + (if $t > 0 then {"timeout": $t} else {} end)]'
}

# check_state KIND STATUS [PID]: what KIND read on stdin
check_state() {
	local f="$REC/$1.state"
	[ "$(jq -r .id "$f")" = "$ID" ] || { echo "$1: id $(jq -r .id "$f")"; return 1; }
	[ "$(jq -r .bundle "$f")" = "$BUNDLE" ] || { echo "$1: bundle"; return 1; }
	[ "$(jq -r .status "$f")" = "$2" ] || { echo "$1: status $(jq -r .status "$f")"; return 1; }
	[ -z "${3:-}" ] || [ "$(jq -r .pid "$f")" = "$3" ] || { echo "$1: pid $(jq -r .pid "$f")"; return 1; }
	[ "$(jq -r .ociVersion "$f")" = 1.3.0 ]
}

@test "all six hooks run in order, each with its argv, env and the state" {
	for k in prestart createRuntime createContainer poststart poststop; do add_hook $k; done
	add_hook startContainer /rec
	set_args true
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >/dev/null
	pid=$(state_field pid)
	created=$(state_field created)
	[ "$(cat "$REC/order" | tr '\n' ' ')" = "prestart createRuntime createContainer " ]
	"${H[@]}" start "$ID"
	wait_status stopped
	"${H[@]}" delete "$ID"
	[ "$(cat "$REC/order" | tr '\n' ' ')" = \
		"prestart createRuntime createContainer startContainer poststart poststop " ]
	for k in prestart createRuntime createContainer startContainer; do check_state $k created "$pid"; done
	# one creation time, the hooks' and the state file's
	[ "$created" != null ]
	for k in prestart createRuntime createContainer startContainer poststart; do
		[ "$(jq -r .created "$REC/$k.state")" = "$created" ]
	done
	check_state poststart running "$pid"
	check_state poststop stopped
	for k in prestart createRuntime createContainer poststart poststop; do
		[ "$(cat "$REC/$k.args")" = "$k $REC" ]
		grep -qx "HOOK_ENV=$k-env" "$REC/$k.env"
	done
	[ "$(cat "$REC/startContainer.args")" = "startContainer /rec" ]
	grep -qx "HOOK_ENV=startContainer-env" "$REC/startContainer.env"
}

@test "host hooks run in the runtime's mount namespace, the others in the container's" {
	for k in prestart createRuntime createContainer; do add_hook $k; done
	add_hook startContainer /rec
	set_args sleep 1
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >/dev/null
	container=$(readlink "/proc/$(state_field pid)/ns/mnt")
	"${H[@]}" start "$ID"
	[ "$(cat "$REC/prestart.mntns")" = "$(readlink /proc/self/ns/mnt)" ]
	[ "$(cat "$REC/createRuntime.mntns")" = "$(readlink /proc/self/ns/mnt)" ]
	[ "$(cat "$REC/createContainer.mntns")" = "$container" ]
	[ "$(cat "$REC/startContainer.mntns")" = "$container" ]
}

@test "a createRuntime hook that mounts under the rootfs path in the container's mount namespace reaches the workload" {
	# as device-injecting hooks do: nsenter into the init's mount namespace,
	# where the host's tree is "/" and the container's root (with its
	# mounts, here a tmpfs at /tmp) sits on the rootfs path
	marker="hook-bind-$BATS_TEST_NUMBER-$$-$RANDOM"
	echo "$marker" >"$BATS_TEST_TMPDIR/hostfile"
	update_config '.mounts += [{"destination": "/tmp", "type": "tmpfs", "source": "tmpfs"}]'
	add_command_hook createRuntime 0 '
		s=$(cat); pid=$(echo "$s" | jq -r .pid); b=$(echo "$s" | jq -r .bundle)
		r=$(jq -r .root.path "$b/config.json")
		exec nsenter -m -t "$pid" sh -c "touch $r/tmp/x && mount --bind $b/../hostfile $r/tmp/x"'
	set_args cat /tmp/x
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
	[ "$output" = "$marker" ]
}

@test "a createContainer hook runs with the rootfs as its cwd" {
	add_command_hook createContainer 0 "pwd -P >$REC/cwd"
	set_args true
	"${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ "$(cat "$REC/cwd")" = "$(realpath "$ROOTFS")" ]
}

@test "a failing prestart fails create with one line and leaves nothing" {
	add_command_hook prestart 0 'exit 3'
	add_hook createContainer
	set_args true
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	assert_one_line_error '^hrun: prestart hook `/bin/sh`: exited with status 3$'
	[ ! -e "$STATE_ROOT/$ID" ]
	[ ! -e "$REC/order" ]
}

@test "a missing hook is named with the system's words" {
	update_config '.hooks.prestart = [{"path": "/nonexistent/hook"}]'
	set_args true
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	assert_one_line_error '^hrun: prestart hook `/nonexistent/hook`: No such file or directory$'
	[ ! -e "$STATE_ROOT/$ID" ]
}

@test "a failing createContainer fails create and leaves nothing" {
	add_hook prestart
	add_command_hook createContainer 0 'exit 4'
	set_args true
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	assert_one_line_error '^hrun: createContainer hook `/bin/sh`: exited with status 4$'
	[ ! -e "$STATE_ROOT/$ID" ]
	[ "$(cat "$REC/order")" = prestart ]
}

@test "a hook that outlives its timeout is killed, and create fails" {
	add_command_hook createRuntime 1 "sleep $LONG"
	set_args true
	SECONDS=0
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	[ "$SECONDS" -lt 10 ]
	assert_one_line_error '^hrun: createRuntime hook `/bin/sh`: timed out after 1 s$'
	[ ! -e "$STATE_ROOT/$ID" ]
	# the sleep the hook started went with it (SIGKILL takes a moment)
	gone "sleep $LONG"
}

@test "a failing startContainer fails start; the workload never runs" {
	add_command_hook startContainer 0 'exit 5'
	set_args sh -c 'echo ran >/rec/workload'
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >/dev/null
	run --separate-stderr "${H[@]}" start "$ID"
	assert_one_line_error '^hrun: startContainer hook `/bin/sh`: exited with status 5$'
	wait_status stopped
	[ ! -e "$REC/workload" ]
	"${H[@]}" delete "$ID"
}

# create_then_unrunnable: a workload found at create that can no
# longer be exec'd at start (its mode taken away in between)
create_then_unrunnable() {
	printf '#!/bin/sh\necho ran >/rec/workload\n' >"$REC/prog"
	chmod 755 "$REC/prog"
	set_args /rec/prog
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >/dev/null 2>"$BATS_TEST_TMPDIR/create.err"
	chmod 644 "$REC/prog"
}

@test "start without startContainer or poststart hooks does not wait for the exec: a failed one is the container's exit" {
	create_then_unrunnable
	# nothing to hear from the init: no start result FIFO
	[ -p "$STATE_ROOT/$ID/exec.fifo" ]
	[ ! -e "$STATE_ROOT/$ID/start.fifo" ]
	run --separate-stderr "${H[@]}" start "$ID"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	wait_status stopped
	[ ! -e "$REC/workload" ]
	# the init said why, where create's errors go
	grep -q 'cannot start the workload ./rec/prog.: Permission denied' "$BATS_TEST_TMPDIR/create.err"
	"${H[@]}" delete "$ID"
}

@test "with a poststart hook, start waits for the exec and a failed one is start's error" {
	add_hook poststart
	create_then_unrunnable
	[ -p "$STATE_ROOT/$ID/start.fifo" ]
	run --separate-stderr "${H[@]}" start "$ID"
	assert_one_line_error 'cannot start the workload ./rec/prog.: Permission denied$'
	wait_status stopped
	[ ! -e "$REC/workload" ]
	# the workload never ran: no poststart
	[ ! -e "$REC/order" ]
	"${H[@]}" delete "$ID"
}

@test "a failing startContainer fails run with one line; the workload never runs, nothing is left" {
	add_command_hook startContainer 0 'exit 5'
	set_args sh -c 'echo ran >/rec/workload'
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	assert_one_line_error '^hrun: startContainer hook `/bin/sh`: exited with status 5$'
	[ ! -e "$REC/workload" ]
	[ ! -e "$STATE_ROOT/$ID" ]
}

@test "a failing poststart or poststop is a warning, and the next hook still runs" {
	add_command_hook poststart 0 'exit 6'
	add_hook poststart
	add_command_hook poststop 0 'exit 7'
	add_hook poststop
	set_args true
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >/dev/null
	run --separate-stderr "${H[@]}" start "$ID"
	[ "$status" -eq 0 ]
	[ "$stderr" = 'hrun: warning: poststart hook `/bin/sh`: exited with status 6' ]
	wait_status stopped
	run --separate-stderr "${H[@]}" delete "$ID"
	[ "$status" -eq 0 ]
	[ "$stderr" = 'hrun: warning: poststop hook `/bin/sh`: exited with status 7' ]
	[ ! -e "$STATE_ROOT/$ID" ]
	[ "$(cat "$REC/order" | tr '\n' ' ')" = "poststart poststop " ]
}

@test "delete --force of a running container runs poststop" {
	add_hook poststop
	set_args sleep 30
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >/dev/null
	"${H[@]}" start "$ID"
	"${H[@]}" delete --force "$ID"
	check_state poststop stopped
	[ "$(jq -r .pid "$REC/poststop.state")" = 0 ]
}

@test "run in the foreground runs every hook, poststop last" {
	for k in prestart createRuntime createContainer poststart poststop; do add_hook $k; done
	add_hook startContainer /rec
	set_args sh -c 'echo workload >>/rec/order'
	hrun_run
	[ "$status" -eq 0 ]
	[ "$(cat "$REC/order" | tr '\n' ' ')" = \
		"prestart createRuntime createContainer startContainer workload poststart poststop " ] ||
	[ "$(cat "$REC/order" | tr '\n' ' ')" = \
		"prestart createRuntime createContainer startContainer poststart workload poststop " ]
}

@test "hrun plan shows the hooks in the order they run" {
	add_command_hook poststop 0 'true'
	add_command_hook prestart 5 'exit 0'
	run "$HRUN" plan --bundle "$BUNDLE"
	[ "$status" -eq 0 ]
	hooks=$(grep '^hook ' <<<"$output")
	[ "$hooks" = 'hook         prestart /bin/sh args=sh -c "exit 0" timeout=5s
hook         poststop /bin/sh args=sh -c true' ]
}
