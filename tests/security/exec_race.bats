#!/usr/bin/env bats
# exec racing the end of the container: the workload exits and its init is
# reaped at once (as conmon, a subreaper above the runtime, reaps it) while
# `exec` looks at the init's namespaces to join them.  The exec'd command
# must then not run, and above all not in the runtime's own namespaces,
# where it would be the caller's command (a health check, `podman exec`)
# on the host.  The verdict: a marker the command makes in /dev/shm, the
# container's own tmpfs inside, the host's outside.

load helpers

setup() {
	setup_state
	MARK=/dev/shm/hrun-exec-race-$BATS_TEST_NUMBER-$$
}

# A short-lived container whose init a subreaper reaps as soon as it ends
# (as conmon does); $reaper is the subreaper's pid.
start_reaped() {
	command -v strace >/dev/null || skip "needs strace"
	set_args sleep 0.5
	"$SECURITY_BUILDDIR/subreaper" "${H[@]}" run --detach --bundle "$BUNDLE" "$ID" &
	reaper=$!
	wait_status running
}

# The race was run and lost by nobody: exec, held by strace until the
# init was reaped, failed, and its command ran nowhere.
assert_ran_nowhere() {
	wait "$reaper"
	[ ! -e "$MARK" ] || { echo "the exec'd command ran in the runtime's namespaces"; return 1; }
	[ "$status" -ne 0 ] || { echo "exec succeeded: the init outlived the hold"; return 1; }
}

teardown() {
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	rm -f "$MARK"
	assert_binary_intact
}

@test "exec: the init ends while exec compares its namespaces: the command does not run on the host" {
	start_reaped
	pid=$(state_field pid)
	# exec is held at its second look at the init's namespaces (the first
	# picks the process to join), after it found the container running,
	# until the init has ended and been reaped
	run strace -o /dev/null -f -P "/proc/$pid/ns/user" -P "/proc/$pid/ns" \
		-e inject=newfstatat,openat:delay_enter=1500000:when=2 \
		"${H[@]}" exec "$ID" /bin/touch "$MARK"
	assert_ran_nowhere
}

@test "exec: the init ends before the join: setns by its pidfd fails, the command does not run" {
	start_reaped
	# the namespaces the container made are joined without a look at
	# their links: only the setns, held here until the init is reaped,
	# stands between the command and the runtime's namespaces
	run strace -o /dev/null -f -e inject=setns:delay_enter=1500000 \
		"${H[@]}" exec "$ID" /bin/touch "$MARK"
	assert_ran_nowhere
	[[ "$output" == *"join the container's namespaces"* ]] || { echo "$output"; return 1; }
}
