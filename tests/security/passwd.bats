#!/usr/bin/env bats
# The image's /etc/passwd, which the init reads with every privilege it has
# to give a workload without HOME the one runc gives (init_home.c).  The
# image controls that path: a magic link to one of the init's host fds must
# not be followed, a FIFO must not block the init.  The verdicts: the HOME
# the workload sees, and a run that ends.

load helpers

setup() {
	setup_state
	private_rootfs
	LOG="$BATS_TEST_TMPDIR/hrun.log"
	# the host file a followed link would read: a passwd line for root
	echo "x:x:0:0::/host-secret:/bin/sh" >"$LOG"
	H+=(--log "$LOG")
}

teardown() {
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	assert_binary_intact
	assert_nothing_left
}

# log_fd: the number of the init's fd on the --log file, as it holds it
# while the workload is being made ready (read from a created container).
log_fd() {
	local pid fd
	set_args sleep "$LONG"
	"${H[@]}" create --bundle "$BUNDLE" "$ID" </dev/null >/dev/null 2>&1
	pid=$("${H[@]}" state "$ID" | jq -r .pid)
	for fd in /proc/"$pid"/fd/*; do
		[ "$(readlink "$fd")" = "$LOG" ] && echo "${fd##*/}"
	done
	"${H[@]}" delete --force "$ID"
}

@test "/etc/passwd a link to the init's fd on a host file: not followed, HOME is /" {
	local n
	n=$(log_fd)
	[ -n "$n" ]
	rm -f "$ROOTFS/etc/passwd"
	ln -s "/proc/self/fd/$n" "$ROOTFS/etc/passwd"
	set_args sh -c 'echo "$HOME"'
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	echo "$output $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = / ]
}

@test "/etc/passwd a FIFO: the init does not wait on it, HOME is /" {
	local pid
	rm -f "$ROOTFS/etc/passwd"
	mkfifo "$ROOTFS/etc/passwd"
	set_args sh -c 'echo "$HOME"'
	# in the background: an init stuck on the FIFO would hold bats' pipes
	"${H[@]}" run --bundle "$BUNDLE" "$ID" >"$BATS_TEST_TMPDIR/out" 2>&1 &
	pid=$!
	for _ in $(seq 200); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		pkill -KILL -P "$pid"
		kill -KILL "$pid"
		echo "the init waits on the FIFO"
		false
	fi
	wait "$pid"
	[ "$(cat "$BATS_TEST_TMPDIR/out")" = / ]
}

# exec's new process is a clone of hrun until its execve: its
# /proc/self/environ is the environment hrun was called with, the host's.
@test "/etc/passwd a link into /proc: exec does not read the caller's environment, HOME is /" {
	update_config '.root.readonly = false'
	set_args sleep "$LONG"
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID" </dev/null >/dev/null 2>&1
	"${H[@]}" exec "$ID" sh -c 'rm /etc/passwd && ln -s /proc/self/environ /etc/passwd'
	run --separate-stderr env -i 'A=x:x:0:0::/host-env:/bin/sh' PATH="$PATH" \
		"${H[@]}" exec "$ID" sh -c 'echo "$HOME"'
	echo "$output $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = / ]
}
