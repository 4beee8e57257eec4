#!/usr/bin/env bats
# Caller-given paths: the pid file's directory may be writable by others
# (a container's volume, a shared run directory).  Whoever can write there
# plants a symlink under every temporary name hrun could pick; hrun must
# neither follow one (truncating its target) nor be sent elsewhere by the
# rename.  Verdict: the victim's bytes, and the pid file's content.

load helpers

setup() {
	setup_state
	VICTIM=$(marker victim)
	echo "victim-$BATS_TEST_NUMBER-$$-$RANDOM" >"$VICTIM"
	VICTIM_SUM=$(sha256sum <"$VICTIM")
	PIDDIR="$BATS_TEST_TMPDIR/piddir"
	mkdir -p "$PIDDIR"
}

teardown() {
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	rm -f "$VICTIM"
	assert_nothing_left
}

# plant NAME: a symlink to the victim under every name `NAME.tmp-<pid>`
# (every pid this machine can hand out) in the pid file's directory.
plant() {
	local max
	max=$(cat /proc/sys/kernel/pid_max)
	perl -e 'symlink($ARGV[0], "$ARGV[1].tmp-$_") or die "$!" for 1..$ARGV[2]' \
		"$VICTIM" "$PIDDIR/$1" "$max"
}

assert_victim_intact() {
	[ "$(sha256sum <"$VICTIM")" = "$VICTIM_SUM" ] || {
		echo "the victim was rewritten: $(od -c "$VICTIM" | head -3)"
		return 1
	}
}

@test "create --pid-file follows no symlink planted for its temporary file" {
	set_args sleep 30
	plant pid
	"${H[@]}" create --bundle "$BUNDLE" --pid-file "$PIDDIR/pid" "$ID" >/dev/null 2>&1 || true
	assert_victim_intact
	[ ! -L "$PIDDIR/pid" ]
	[ "$(cat "$PIDDIR/pid")" = "$(state_field pid)" ]
}

@test "exec --pid-file follows no symlink planted for its temporary file" {
	set_args sleep 30
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID" >/dev/null 2>&1
	plant xpid
	"${H[@]}" exec --detach --pid-file "$PIDDIR/xpid" "$ID" sleep 20 >/dev/null 2>&1 || true
	assert_victim_intact
	[ ! -L "$PIDDIR/xpid" ]
	pid=$(cat "$PIDDIR/xpid")
	[ "$(cat "/proc/$pid/comm")" = sleep ]
}
