#!/usr/bin/env bats
# Rootful podman on a host with AppArmor (the VM tier's guest, as on
# Debian and Ubuntu): podman loads its default profile and names it in
# the config and in exec's process file; the container's process and an
# exec'd one must run under it.  Skipped where AppArmor is not enabled.
# Under TCG a podman call takes seconds: few calls.

# pm, IMG and the private store's set-up and clean-up
load ../podman/helpers

# podman's default profile, enforced
DEFAULT='^containers-default-[0-9.]+ \(enforce\)$'

setup() {
	[ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" = Y ] ||
		skip "needs AppArmor enabled (the VM tier runs this file)"
	printf '### %s %s\n' "$BATS_TEST_NUMBER" "$BATS_TEST_DESCRIPTION" >>"$PT/trace.log"
}

@test "podman run: the container runs under podman's default profile" {
	run pm run --rm --network none "$IMG" cat /proc/self/attr/current
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	[[ "$(tr -d '\0' <<<"$output")" =~ $DEFAULT ]] || { echo "profile: $output"; return 1; }
}

@test "podman exec: the exec'd process runs under the container's profile" {
	pm run -d --network none --name hrunvm-aa "$IMG" sleep 1000
	run pm exec hrunvm-aa cat /proc/self/attr/current
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	[[ "$(tr -d '\0' <<<"$output")" =~ $DEFAULT ]] || { echo "profile: $output"; return 1; }
}

@test "podman run --security-opt apparmor=unconfined runs unconfined" {
	run pm run --rm --network none --security-opt apparmor=unconfined "$IMG" cat /proc/self/attr/current
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	[ "$(tr -d '\0' <<<"$output")" = unconfined ] || { echo "profile: $output"; return 1; }
}
