#!/usr/bin/env bats
# process.terminal: the console sent to --console-socket as conmon takes
# it (recvtty), and `run` in the foreground relaying the caller's terminal.

load helpers

BUILDDIR=${HRUN_TOP_BUILDDIR:-$(dirname "$HRUN")}
RECVTTY="$BUILDDIR/tests/integration/recvtty"

setup() {
	setup_bundle
	update_config '.process.terminal = true'
	STATE_ROOT="$BATS_TEST_TMPDIR/state"
	H=("$HRUN" --root "$STATE_ROOT")
	SOCK="$BATS_TEST_TMPDIR/tty.sock"
	OUT="$BATS_TEST_TMPDIR/tty.out"
}

teardown() {
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	[ -z "${RECV_PID:-}" ] || kill "$RECV_PID" 2>/dev/null || true
	assert_nothing_left
	[ -z "$(ls -A "$STATE_ROOT" 2>/dev/null)" ] || { echo "state left: $(ls -A "$STATE_ROOT")"; return 1; }
}

# recvtty [INPUT]: serve the console socket in the background
recvtty() {
	"$RECVTTY" "$SOCK" "$@" >"$OUT" &
	RECV_PID=$!
	for _ in $(seq 100); do
		[ -S "$SOCK" ] && return 0
		sleep 0.02
	done
	echo "recvtty did not listen"
	return 1
}

# wait_console: the container ran and recvtty saw its console hang up;
# $output and $lines are what came through it, without the CRs
wait_console() {
	wait "$RECV_PID"
	RECV_PID=
	output=$(tr -d '\r' <"$OUT")
	mapfile -t lines <<<"$output"
}

@test "create sends exactly one fd, the pty master, to the console socket" {
	set_args sh -c 'tty; test -t 0 && test -t 1 && test -t 2 && echo stdio-is-tty'
	recvtty
	"${H[@]}" create --bundle "$BUNDLE" --console-socket "$SOCK" "$ID"
	"${H[@]}" start "$ID"
	# recvtty exits 2 unless the one message carried exactly one pty master
	wait_console
	[ "${lines[0]}" = /dev/pts/0 ]
	[ "${lines[1]}" = stdio-is-tty ]
}

@test "the workload's controlling terminal is the console; /dev/console is it" {
	local script='read -r pid comm st ppid pgrp sid tty rest </proc/self/stat
		[ "$sid" = "$$" ] && [ "$tty" != 0 ] && echo session-leader
		[ -c /dev/console ] && echo console-is-a-char-device
		[ "$(stat -c %t:%T /dev/console)" = "$(stat -L -c %t:%T /proc/self/fd/0)" ] && echo console-is-stdin'
	update_config --arg s "$script" '.process.args = ["sh", "-c", $s]'
	recvtty
	"${H[@]}" create --bundle "$BUNDLE" --console-socket "$SOCK" "$ID"
	"${H[@]}" start "$ID"
	wait_console
	[ "$output" = "session-leader
console-is-a-char-device
console-is-stdin" ]
}

@test "process.consoleSize sets the console's size" {
	update_config '.process.consoleSize = {"height": 33, "width": 101}'
	set_args stty size
	recvtty
	"${H[@]}" create --bundle "$BUNDLE" --console-socket "$SOCK" "$ID"
	"${H[@]}" start "$ID"
	wait_console
	[ "$output" = "33 101" ]
}

@test "what the console socket's end writes reaches the workload" {
	set_args sh -c 'read line; echo "got:$line"'
	recvtty "hello
"
	"${H[@]}" create --bundle "$BUNDLE" --console-socket "$SOCK" "$ID"
	"${H[@]}" start "$ID"
	wait_console
	[[ "$output" == *"got:hello"* ]]
}

@test "process.terminal without --console-socket: create fails, leaves nothing" {
	set_args true
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	assert_one_line_error '^hrun: process.terminal requires --console-socket$'
	[ ! -e "$STATE_ROOT/$ID" ]
}

@test "--console-socket without process.terminal is refused" {
	update_config '.process.terminal = false'
	set_args true
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" --console-socket "$SOCK" "$ID"
	assert_one_line_error 'requires process.terminal'
}

@test "a console socket nobody listens on: create fails, leaves nothing" {
	set_args true
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" --console-socket "$SOCK" "$ID"
	assert_one_line_error "connect to console socket .*: No such file or directory"
	[ ! -e "$STATE_ROOT/$ID" ]
}

# script(1) gives hrun a terminal: what the workload writes comes through
# the relay, and what is typed goes in.
@test "run in the foreground relays the caller's terminal both ways" {
	set_args sh -c 'tty; read line; echo "got:$line"; exit 3'
	run bash -c "printf 'typed\n' | script -qec '$HRUN --root $STATE_ROOT run --bundle $BUNDLE $ID' /dev/null"
	[ "$status" -eq 3 ]
	output=$(tr -d '\r' <<<"$output")
	[[ "$output" == *"/dev/pts/0"* ]]
	[[ "$output" == *"got:typed"* ]]
}

@test "run in the foreground gives the console the caller's size" {
	set_args stty size
	run script -qec "stty rows 21 cols 77; $HRUN --root $STATE_ROOT run --bundle $BUNDLE $ID" /dev/null
	[ "$status" -eq 0 ]
	[[ "$(tr -d '\r' <<<"$output")" == *"21 77"* ]]
}

# (script sends a NUL for the end of its input, which the relay passes on
# and the container's terminal echoes as ^@)
@test "run in the foreground restores the caller's terminal" {
	set_args true
	run script -qec "stty -g; $HRUN --root $STATE_ROOT run --bundle $BUNDLE $ID; stty -g" /dev/null
	[ "$status" -eq 0 ]
	output=$(tr -d '\r' <<<"$output" | sed 's/\^@//g')
	[ "$(wc -l <<<"$output")" -eq 2 ]
	[ "$(sed -n 1p <<<"$output")" = "$(sed -n 2p <<<"$output")" ]
}

@test "run in the foreground clears ONLCR: the workload's newlines come through as they are" {
	set_args printf 'one\ntwo\n'
	run script -qec "$HRUN --root $STATE_ROOT run --bundle $BUNDLE $ID" /dev/null
	[ "$status" -eq 0 ]
	# script echoes its own end of input as ^@ where it lands: not ours
	output=$(sed 's/\^@//g' <<<"$output")
	[[ "$output" == *$'one\ntwo'* ]] || { echo "$output" | od -c | head; return 1; }
}

@test "the console belongs to process.user's uid, with devpts's gid, for run and exec" {
	update_config '.process.user.uid = 1000 | .process.user.gid = 1000'
	set_args sh -c 'echo wrote >$(tty) && stat -c %u:%g $(tty); sleep 100'
	recvtty
	"${H[@]}" run --detach --console-socket "$SOCK" --bundle "$BUNDLE" "$ID"
	run script -qec "${H[*]} exec --tty $ID sh -c 'echo exec-wrote >\$(tty) && stat -c %u:%g \$(tty)'" /dev/null
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	output=$(tr -d '\r' <<<"$output")
	[[ "$output" == *"exec-wrote"*"1000:5"* ]] || { echo "$output"; return 1; }
	"${H[@]}" kill "$ID" KILL
	wait_console
	[ "${lines[0]}" = wrote ]
	[ "${lines[1]}" = 1000:5 ]
}

@test "run --detach with process.terminal needs --console-socket" {
	set_args true
	run --separate-stderr "${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	assert_one_line_error '^hrun: process.terminal requires --console-socket$'
}

@test "exec --tty --detach sends the exec'd process's pty master to the console socket" {
	update_config '.process.terminal = false'
	set_args sleep 100
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	recvtty
	"${H[@]}" exec --tty --detach --console-socket "$SOCK" "$ID" sh -c 'tty; test -t 0 && test -t 1 && echo stdio-is-tty; read -r pid comm st ppid pgrp sid rest </proc/self/stat; [ "$sid" = "$$" ] && echo session-leader'
	wait_console
	[[ "${lines[0]}" == /dev/pts/* ]]
	[ "${lines[1]}" = stdio-is-tty ]
	[ "${lines[2]}" = session-leader ]
}

@test "exec --tty in the foreground relays the caller's terminal" {
	update_config '.process.terminal = false'
	set_args sleep 100
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	run script -qec "${H[*]} exec --tty $ID sh -c 'test -t 0 && echo exec-has-a-tty'" /dev/null
	[ "$status" -eq 0 ]
	[[ "$output" == *exec-has-a-tty* ]]
}

@test "exec --tty --detach without a console socket is refused" {
	update_config '.process.terminal = false'
	set_args sleep 100
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	run --separate-stderr "${H[@]}" exec --tty --detach "$ID" true
	assert_one_line_error "console"
}

@test "exec --process with terminal true and a console socket, without --tty (containerd)" {
	update_config '.process.terminal = false'
	set_args sleep 100
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	echo '{"terminal": true, "args": ["sh", "-c", "test -t 0 && echo tty-from-the-file"], "cwd": "/"}' >"$BATS_TEST_TMPDIR/p.json"
	recvtty
	"${H[@]}" exec --process "$BATS_TEST_TMPDIR/p.json" --detach --console-socket "$SOCK" "$ID"
	wait_console
	[ "${lines[0]}" = tty-from-the-file ]
}
