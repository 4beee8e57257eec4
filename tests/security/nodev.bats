#!/usr/bin/env bats
# Devices without a device cgroup: with --cgroup-manager disabled (podman
# --cgroups=disabled) no device policy applies, so a device node the image
# ships opens like any file.  The image carries a block node for a loop
# device over a file of ours, and the workload writes through it.
# Verdict: the file's bytes.  And the host's cgroup tree is not shown:
# a cgroup we make on the host must not appear under /sys/fs/cgroup.

load helpers

setup() {
	setup_bundle
	private_rootfs
	BACKING=$(marker backing)
	CGROUP_NAME="hrun-nodev-$BATS_TEST_NUMBER-$$-$RANDOM"
	LOOP=
}

teardown() {
	[ -z "$LOOP" ] || losetup -d "$LOOP" || true
	rm -f "$BACKING"
	rmdir "/sys/fs/cgroup/unified/$CGROUP_NAME" "/sys/fs/cgroup/$CGROUP_NAME" 2>/dev/null || true
	assert_nothing_left
}

# ship_loop_node: a loop device over $BACKING (unique bytes), and its
# block node in the image at /evil, mode 0666.
ship_loop_node() {
	command -v losetup >/dev/null || skip "losetup is missing"
	head -c 65536 /dev/urandom >"$BACKING"
	BACKING_SUM=$(sha256sum <"$BACKING")
	LOOP=$(losetup -f --show "$BACKING" 2>/dev/null) || skip "no loop device available"
	mknod -m 0666 "$ROOTFS/evil" b "$((0x$(stat -c %t "$LOOP")))" "$((0x$(stat -c %T "$LOOP")))"
	set_args sh -c 'echo pwned-through-the-image-node | dd of=/evil conv=notrunc,fsync 2>&1; sync'
}

assert_backing_intact() {
	# what the loop device holds, not a page cache of our own
	losetup -d "$LOOP" && LOOP=
	[ "$(sha256sum <"$BACKING")" = "$BACKING_SUM" ] || {
		echo "the workload wrote through the image's device node: $(head -c 40 "$BACKING" | od -c | head -2)"
		return 1
	}
}

@test "without a cgroup, a device node shipped in the image does not open" {
	ship_loop_node
	run "$HRUN" --cgroup-manager disabled run --bundle "$BUNDLE" "$ID"
	echo "$output"
	assert_backing_intact
}

@test "without a cgroup, in a user namespace, a device node shipped in the image does not open" {
	ship_loop_node
	update_config '.linux.namespaces += [{"type": "user"}]
		| .linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]'
	chmod -R go+rX "$ROOTFS"
	run "$HRUN" --cgroup-manager disabled run --bundle "$BUNDLE" "$ID"
	echo "$output"
	assert_backing_intact
}

@test "with a cgroup but no device rules, a device node shipped in the image does not open" {
	ship_loop_node
	update_config 'del(.linux.resources)'
	run "$HRUN" run --bundle "$BUNDLE" "$ID"
	echo "$output"
	assert_backing_intact
}

@test "without a cgroup, the host's cgroup tree is not shown" {
	mkdir "/sys/fs/cgroup/unified/$CGROUP_NAME"
	set_args sh -c 'ls -R /sys/fs/cgroup 2>/dev/null; cat /proc/self/cgroup'
	run "$HRUN" --cgroup-manager disabled run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ]
	! grep -q "$CGROUP_NAME" <<<"$output" || { echo "the container lists the host's cgroup $CGROUP_NAME"; return 1; }
	# nor the host's cgroup paths
	! grep -v ':/$' <<<"$(grep -E '^[0-9]+:' <<<"$output")" | grep -q . || {
		echo "the container sees host cgroup paths:"; grep -E '^[0-9]+:' <<<"$output"; return 1; }
}
