#!/usr/bin/env bats
# AppArmor: the workload, and a process `exec` starts, run under the
# profile they are given, whatever the config or the workload put at /proc
# (CVE-2019-16884: a runtime that writes the label through the container's
# /proc writes it into the attacker's file, and the process runs
# unconfined).  Needs a host where AppArmor is enabled and apparmor_parser
# to load the test's profile: the VM tier's guest runs this file
# (tests/vm/guest.sh); it is not part of `make check`.
#
# The verdicts: the profile as the kernel holds it for the process
# (/proc/<pid>/attr/current, read on the host), and markers: the test's
# profile denies writes under /denied, a host directory bound in, so a
# marker there means the process ran unconfined; a marker under /seen
# (also bound in, not denied) proves it ran at all.

load helpers

setup_file() {
	[ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ] || return 0
	command -v apparmor_parser >/dev/null || return 0
	security_setup_file
	export PROFILE="hrun-test-deny-$$"
	# everything a busybox workload does, but writes under /denied
	cat >"$BATS_FILE_TMPDIR/profile" <<EOF
profile $PROFILE flags=(attach_disconnected,mediate_deleted) {
  file,
  capability,
  network,
  mount,
  umount,
  pivot_root,
  signal,
  ptrace,
  unix,
  deny /denied/** w,
}
EOF
	apparmor_parser -r -K "$BATS_FILE_TMPDIR/profile"
}

teardown_file() {
	[ -n "${PROFILE:-}" ] || return 0
	apparmor_parser -R "$BATS_FILE_TMPDIR/profile"
}

setup() {
	[ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ] ||
		skip "needs AppArmor enabled (the VM tier runs this file)"
	command -v apparmor_parser >/dev/null || skip "needs apparmor_parser"
	setup_state
	SEEN="$BATS_TEST_TMPDIR/seen" DENIED="$BATS_TEST_TMPDIR/denied"
	mkdir -p "$SEEN" "$DENIED"
	update_config --arg s "$SEEN" --arg d "$DENIED" '.mounts += [
		{"destination": "/seen", "type": "bind", "source": $s, "options": ["rbind"]},
		{"destination": "/denied", "type": "bind", "source": $d, "options": ["rbind"]}]'
}

teardown() {
	[ -n "${H:-}" ] || return 0
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	assert_binary_intact
}

# try NAME: the shell command that marks that it ran (/seen/NAME), then
# tries to write /denied/NAME
try() {
	echo "touch /seen/$1; touch /denied/$1"
}

# assert_confined NAME: the process of try NAME ran, and its write under
# /denied was refused
assert_confined() {
	[ -e "$SEEN/$1" ] || { echo "$1 did not run"; return 1; }
	[ ! -e "$DENIED/$1" ] || { echo "$1 ran unconfined: it wrote /denied/$1"; return 1; }
}

# assert_profile PID: the kernel holds the test's profile, enforced, for PID
assert_profile() {
	local current
	current=$(tr -d '\0' <"/proc/$1/attr/current")
	[ "$current" = "$PROFILE (enforce)" ] || { echo "pid $1 runs under \`$current\`"; return 1; }
}

# start_sleeper [JQ-FILTER]: a detached container whose workload sleeps,
# its config changed by JQ-FILTER first
start_sleeper() {
	update_config "${1:-.}"
	set_args sleep "$LONG"
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
}

@test "without a profile the workload writes under /denied (the control)" {
	set_args sh -c "$(try control)"
	"${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ -e "$SEEN/control" ]
	[ -e "$DENIED/control" ]
}

# The init, pid 1, never execs: it stays unconfined (a confined workload
# cannot trace or signal it past its profile); its child, the workload,
# runs under the profile.
@test "the workload runs under process.apparmorProfile" {
	local init workload=
	start_sleeper '.process.apparmorProfile = env.PROFILE'
	init=$("${H[@]}" state "$ID" | jq .pid)
	# start returns once the init is released: the fork may still come
	for _ in $(seq 100); do
		read -r workload <"/proc/$init/task/$init/children" || true
		[ -z "$workload" ] || break
		sleep 0.05
	done
	assert_profile "$workload"
	"${H[@]}" delete --force "$ID"
	set_args sh -c "$(try workload)"
	"${H[@]}" run --bundle "$BUNDLE" "$ID" || true
	assert_confined workload
}

# CVE-2019-16884: the config's volume over /proc, holding files where the
# label would be written in the container's /proc
@test "a volume over /proc does not take the workload's profile" {
	local fake="$OUTSIDE/fakeproc-$BATS_TEST_NUMBER" f
	for f in self/attr thread-self/attr self/attr/apparmor thread-self/attr/apparmor; do
		mkdir -p "$fake/$f"
	done
	for f in self/attr/exec thread-self/attr/exec self/attr/apparmor/exec thread-self/attr/apparmor/exec; do
		: >"$fake/$f"
	done
	update_config --arg f "$fake" '.process.apparmorProfile = env.PROFILE
		| .mounts += [{"destination": "/proc", "type": "bind", "source": $f, "options": ["rbind"]}]'
	set_args sh -c "$(try volume)"
	"${H[@]}" run --bundle "$BUNDLE" "$ID" || true
	assert_confined volume
	[ -z "$(find "$fake" -type f -size +0)" ] || { echo "the label went to the volume's files"; return 1; }
}

@test "exec --apparmor runs the process under the profile" {
	start_sleeper
	"${H[@]}" exec --detach --pid-file "$BATS_TEST_TMPDIR/exec.pid" --apparmor "$PROFILE" "$ID" sleep "$LONG"
	assert_profile "$(cat "$BATS_TEST_TMPDIR/exec.pid")"
	"${H[@]}" exec --apparmor "$PROFILE" "$ID" sh -c "$(try exec)" || true
	assert_confined exec
	# the container itself stays unconfined
	"${H[@]}" exec "$ID" sh -c "$(try plain)"
	[ -e "$DENIED/plain" ]
}

@test "exec of a process file with apparmorProfile runs it under the profile" {
	start_sleeper
	jq --arg cmd "$(try process)" '.process | .args = ["sh", "-c", $cmd] | .apparmorProfile = env.PROFILE' \
		"$BUNDLE/config.json" >"$BATS_TEST_TMPDIR/process.json"
	"${H[@]}" exec --process "$BATS_TEST_TMPDIR/process.json" "$ID" || true
	assert_confined process
}

# CVE-2019-16884 for exec: a workload with CAP_SYS_ADMIN puts a tmpfs with
# the label files on its /proc before the exec
@test "exec --apparmor holds with a tmpfs of fakes the workload mounted on /proc" {
	start_sleeper '.process.capabilities |= map_values(. + ["CAP_SYS_ADMIN"])'
	"${H[@]}" exec "$ID" sh -c 'mount -t tmpfs none /proc &&
		for d in self thread-self; do mkdir -p /proc/$d/attr/apparmor &&
			touch /proc/$d/attr/exec /proc/$d/attr/apparmor/exec; done'
	"${H[@]}" exec --apparmor "$PROFILE" "$ID" sh -c "$(try faked)" || true
	assert_confined faked
	run "${H[@]}" exec "$ID" find /proc -type f -size +0
	[ -z "$output" ] || { echo "the label went to the workload's files: $output"; return 1; }
}

@test "a profile the kernel has not loaded: one line, nothing runs, nothing left" {
	update_config '.process.apparmorProfile = "hrun-no-such-profile"'
	set_args sh -c "$(try missing)"
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	assert_one_line_error 'process\.apparmorProfile: cannot set `hrun-no-such-profile`'
	[ ! -e "$SEEN/missing" ]
	[ ! -e "$STATE_ROOT/$ID" ]
	assert_nothing_left
	update_config 'del(.process.apparmorProfile)'
	start_sleeper
	run --separate-stderr "${H[@]}" exec --apparmor hrun-no-such-profile "$ID" sh -c "$(try exec-missing)"
	assert_one_line_error 'process\.apparmorProfile: cannot set `hrun-no-such-profile`'
	[ ! -e "$SEEN/exec-missing" ]
}
