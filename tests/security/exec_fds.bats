#!/usr/bin/env bats
# Host fds in exec (CVE-2024-21626): an exec'd process must hold no fd of
# the host's when it resolves a path in the container, and must enter its
# cwd inside the container's root, without magic links.  The verdict: a
# secret outside the rootfs read, a marker outside the rootfs made.

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
