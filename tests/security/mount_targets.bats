#!/usr/bin/env bats
# Mount targets are resolved inside the container's root, by fd: a symlink
# planted in the image, or swapped in by another container sharing a
# volume while the root is built, never sends a mount or a new directory
# to the host (CVE-2021-30465, CVE-2024-45310).

load helpers

teardown() {
	"$HRUN" delete --force "$ID" >/dev/null 2>&1 || true
	[ -z "${RACER:-}" ] || { kill "$RACER" 2>/dev/null; wait "$RACER" 2>/dev/null; } || true
	assert_nothing_left
}

# host_mounts_under DIR: mounts of the host's namespace at or below DIR
host_mounts_under() {
	awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo
}

@test "a mount target planted as a symlink to a host directory stays in the root" {
	private_rootfs
	local host_dir="$OUTSIDE/planted-$BATS_TEST_NUMBER-$$"
	mkdir -p "$host_dir"
	# the same path inside the root: the links resolve there, and the
	# container runs
	mkdir -p "$ROOTFS$host_dir"
	ln -s "$host_dir" "$ROOTFS/abs"
	ln -s "../../../../../../../../../..$host_dir" "$ROOTFS/rel"
	update_config '.mounts += [{"destination": "/abs", "type": "tmpfs", "source": "tmpfs"},
		{"destination": "/rel", "type": "tmpfs", "source": "tmpfs"}]'
	set_args sh -c 'echo escaped >/abs/m1 && echo escaped >/rel/m2 && echo ran'
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = ran ]
	[ -z "$(ls -A "$host_dir")" ]
	[ -z "$(host_mounts_under "$host_dir")" ]
}

# race_volume: a shared volume whose `x` is exchanged, as fast as the
# kernel allows, with a symlink to a host directory; sets VOL and HOST_DIR.
race_volume() {
	VOL="$BATS_TEST_TMPDIR/vol"
	HOST_DIR="$OUTSIDE/race-$BATS_TEST_NUMBER-$$"
	mkdir -p "$VOL/x/target" "$HOST_DIR/target"
	ln -s "$HOST_DIR" "$VOL/swap"
	"$SECURITY_BUILDDIR/swap_race" "$VOL/x" "$VOL/swap" 60 >/dev/null &
	RACER=$!
}

# race_runs N: N containers of the bundle while the racer runs, then the
# racer stopped; at least one of them must have run (the attack was tried)
race_runs() {
	local ran=0
	for _ in $(seq "$1"); do
		"$HRUN" run --bundle "$BUNDLE" "$ID" >/dev/null 2>&1 && ran=$((ran + 1))
		"$HRUN" delete --force "$ID" >/dev/null 2>&1 || true
	done
	kill "$RACER"
	wait "$RACER" || true
	RACER=
	[ "$ran" -gt 0 ]
}

@test "a mount target swapped for a symlink while the root is built stays in the root" {
	race_volume
	update_config --arg vol "$VOL" '.mounts += [
		{"destination": "/vol", "type": "bind", "source": $vol, "options": ["rbind"]},
		{"destination": "/vol/x/target", "type": "tmpfs", "source": "tmpfs"}]'
	set_args sh -c 'echo escaped >/vol/x/target/m-$$ 2>/dev/null; true'
	race_runs 40
	[ -z "$(ls -A "$HOST_DIR/target")" ]
	[ -z "$(host_mounts_under "$HOST_DIR")" ]
}

@test "a missing mount target is never created through a swapped symlink" {
	race_volume
	update_config --arg vol "$VOL" '.mounts += [
		{"destination": "/vol", "type": "bind", "source": $vol, "options": ["rbind"]},
		{"destination": "/vol/x/new/deeper", "type": "tmpfs", "source": "tmpfs"}]'
	set_args true
	race_runs 40
	[ ! -e "$HOST_DIR/new" ]
	[ -z "$(host_mounts_under "$HOST_DIR")" ]
}
