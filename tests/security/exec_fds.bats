#!/usr/bin/env bats
# Host fds in exec (CVE-2024-21626): an exec'd process must hold no fd of
# the host's when it resolves a path in the container, and must enter its
# cwd inside the container's root, without magic links; nor may
# --preserve-fds hand over an fd of hrun's.  The verdict: a secret outside
# the rootfs read, a marker outside the rootfs made.

load helpers

# From any host directory, this many ".." reach the host's /.
UP=../../../../../../../../../../../../../../../..

setup() {
	setup_state
	SECRET="secret-$BATS_TEST_NUMBER-$$-$RANDOM"
	echo "$SECRET" >"$OUTSIDE/secret"
}

teardown() {
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	assert_binary_intact
}

# attack_from_cwd N EXEC-ARGS...: from its cwd, the exec'd process reads
# the secret and makes a marker through ".." -- both reachable only when
# that cwd is a directory of the host's.
attack_from_cwd() {
	local n=$1 m
	shift
	m=$(marker "fd$n")
	run "${H[@]}" exec "$@" "$ID" sh -c "cat $UP$OUTSIDE/secret; touch $UP$m"
	[[ "$output" != *"$SECRET"* ]] || { echo "fd $n: the exec'd process read the host's secret"; return 1; }
	[ ! -e "$m" ] || { echo "fd $n: the exec'd process made $m on the host"; return 1; }
}

@test "exec --cwd /proc/self/fd/N reaches no host directory (N = 3..20)" {
	set_args sleep 1000
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	for n in $(seq 3 20); do
		attack_from_cwd "$n" --cwd "/proc/self/fd/$n"
	done
}

@test "a workload's cwd turned into a symlink to /proc/self/fd/N: a plain exec stays inside" {
	private_rootfs
	mkdir "$ROOTFS/work"
	update_config '.root.readonly = false | .process.cwd = "/work"'
	set_args sleep 1000
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	for n in $(seq 3 20); do
		# the container's own root replaces its cwd (podman's
		# healthcheck then runs a plain exec with that cwd)
		"${H[@]}" exec --cwd / "$ID" sh -c "rm -rf /work && ln -s /proc/self/fd/$n /work"
		attack_from_cwd "$n"
	done
}

# attack_through_fds N: the workload's command, for fds 3..N: through
# each, as a host directory, read the secret and make a marker
attack_through_fds() {
	local m=$1
	echo "for n in \$(seq 3 $2); do cat /proc/self/fd/\$n/$UP$OUTSIDE/secret; touch /proc/self/fd/\$n/$UP$m; done"
}

# --preserve-fds counting past the fds the caller has: the range would
# hold hrun's own fds (the state directory, a cgroup, the log), host
# directories, so it is refused before anything is made
@test "run --preserve-fds past the caller's fds hands over no fd of hrun's" {
	local m
	m=$(marker run)
	set_args sh -c "$(attack_through_fds "$m" 12)"
	run "${H[@]}" --log "$BATS_TEST_TMPDIR/log" run --preserve-fds 10 --bundle "$BUNDLE" "$ID" 3</dev/null
	[[ "$output" != *"$SECRET"* ]] || { echo "the workload read the host's secret"; return 1; }
	[ ! -e "$m" ] || { echo "the workload made $m on the host"; return 1; }
	[ "$status" -ne 0 ]
	[ ! -e "$STATE_ROOT/$ID" ]
	# the caller's own fds pass
	set_args sh -c 'cat <&3; cat <&4'
	run "${H[@]}" run --preserve-fds 2 --bundle "$BUNDLE" "$ID" 3<<<three 4<<<four
	[ "$status" -eq 0 ]
	[ "$output" = "three"$'\n'"four" ]
}

@test "exec --preserve-fds past the caller's fds hands over no fd of hrun's" {
	local m
	m=$(marker exec)
	set_args sleep 1000
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	run "${H[@]}" --log "$BATS_TEST_TMPDIR/log" exec --preserve-fds 10 "$ID" \
		sh -c "$(attack_through_fds "$m" 12)" 3</dev/null
	[[ "$output" != *"$SECRET"* ]] || { echo "the exec'd process read the host's secret"; return 1; }
	[ ! -e "$m" ] || { echo "the exec'd process made $m on the host"; return 1; }
	[ "$status" -ne 0 ]
}

# The init lives as long as the container, and a workload with
# CAP_SYS_PTRACE can reopen its fds through /proc/1/fd: once the workload
# runs, none may be a host file (the --log file was)
@test "once the workload runs, the init holds no host file a ptracer could reopen" {
	local log="$OUTSIDE/log-$BATS_TEST_NUMBER"
	echo "$SECRET" >"$log"
	update_config '.process.capabilities |= map_values(. + ["CAP_SYS_PTRACE"])'
	set_args sh -c 'sleep 0.2; for f in /proc/1/fd/*; do [ -f "$f" ] || continue; cat "$f"; echo tampered >>"$f"; done 2>/dev/null; ls /proc/1/fd | wc -l'
	run "${H[@]}" --log "$log" run --bundle "$BUNDLE" "$ID"
	[[ "$output" != *"$SECRET"* ]] || { echo "the workload read the host's log file"; return 1; }
	[ "$(cat "$log")" = "$SECRET" ] || { echo "the workload wrote the host's log file"; return 1; }
	# the attack looked: the init's fds were there to try
	[ "${lines[-1]}" -gt 0 ]
}
