#!/usr/bin/env bats
# An id or a cgroups path cannot name anything outside hrun's state root
# or the container's cgroup parent: `..` and `/` are refused, and nothing
# is made where they point.

load helpers

setup() {
	setup_bundle
	STATE_ROOT="$BATS_TEST_TMPDIR/state/root"
	mkdir -p "$STATE_ROOT"
	TAG="hrun-escape-$BATS_TEST_NUMBER-$$"
}

teardown() {
	assert_nothing_left
	[ -z "$(ls -A "$STATE_ROOT")" ]
}

@test "an id with .. or / makes nothing outside the state root" {
	for id in "../$TAG" "../../$TAG" "x/../../$TAG" "/$BATS_TEST_TMPDIR/$TAG" ".." "."; do
		run "$HRUN" --root "$STATE_ROOT" create --bundle "$BUNDLE" "$id"
		[ "$status" -ne 0 ]
	done
	[ -z "$(find "$BATS_TEST_TMPDIR" -name "$TAG*")" ]
}

@test "a cgroupsPath with .. makes no cgroup outside" {
	for path in "../../../$TAG" "/../../$TAG" "a/../../../$TAG"; do
		update_config --arg p "$path" '.linux.cgroupsPath = $p'
		run "$HRUN" --root "$STATE_ROOT" run --bundle "$BUNDLE" "$ID"
		"$HRUN" --root "$STATE_ROOT" delete --force "$ID" >/dev/null 2>&1 || true
	done
	[ -z "$(find /sys/fs/cgroup -maxdepth 4 -name "$TAG*" 2>/dev/null)" ]
}
