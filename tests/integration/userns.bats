#!/usr/bin/env bats
# A new user namespace with several mapped ranges.

load helpers

teardown() {
	[ ! -e "/run/netns/$ID-net" ] || ip netns delete "$ID-net"
	assert_nothing_left
}

@test "a user namespace gets every range of a multi-range mapping" {
	update_config '.linux.namespaces += [{"type": "user"}]
		| .linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 1000},
		                        {"containerID": 1000, "hostID": 300000, "size": 1000}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]'
	set_args sh -c 'cat /proc/self/uid_map /proc/self/gid_map; id -u'
	hrun_run
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^[[:space:]]+0[[:space:]]+100000[[:space:]]+1000$ ]]
	[[ "${lines[1]}" =~ ^[[:space:]]+1000[[:space:]]+300000[[:space:]]+1000$ ]]
	[[ "${lines[2]}" =~ ^[[:space:]]+0[[:space:]]+100000[[:space:]]+65536$ ]]
	[ "${lines[3]}" = "0" ]
}

@test "a user namespace workload runs as a mapped non-root user" {
	update_config '.linux.namespaces += [{"type": "user"}]
		| .linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .process.user = {"uid": 1000, "gid": 1000}'
	set_args sh -c 'id -u; id -g'
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "1000" ]
	[ "${lines[1]}" = "1000" ]
}

userns_config() {
	update_config '.linux.namespaces += [{"type": "user"}]
		| .linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]'
}

@test "a bind source under a directory only the host's root may enter" {
	local private="$BATS_TEST_TMPDIR/private"
	mkdir -p "$private/sub"
	echo reached >"$private/sub/f"
	chmod 0700 "$private"
	chmod 0755 "$private/sub"
	userns_config
	update_config --arg s "$private/sub" \
		'.mounts += [{"destination": "/tmp", "type": "bind", "source": $s, "options": ["rbind"]}]'
	set_args cat /tmp/f
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = reached ]
}

# The kernel locks the flags of the host's mounts in the container's
# namespace: a read-only host mount stays read-only, even for a root with
# CAP_SYS_ADMIN in its user namespace.
@test "a read-only host mount bound in stays read-only" {
	local src="$BATS_TEST_TMPDIR/src" ro="$BATS_TEST_TMPDIR/ro"
	mkdir -p "$src" "$ro"
	echo orig >"$src/x"
	chmod 0666 "$src/x"
	mount --bind "$src" "$ro"
	mount -o remount,bind,ro "$ro"
	userns_config
	update_config --arg s "$ro" \
		'.mounts += [{"destination": "/tmp", "type": "bind", "source": $s, "options": ["rbind"]}]
		| .process.capabilities.bounding += ["CAP_SYS_ADMIN"]
		| .process.capabilities.effective += ["CAP_SYS_ADMIN"]
		| .process.capabilities.permitted += ["CAP_SYS_ADMIN"]'
	set_args sh -c 'mount -o remount,bind,rw /tmp; echo changed >/tmp/x'
	hrun_run
	umount "$ro"
	[ "$(cat "$src/x")" = orig ]
}

# A joined network namespace's sysfs is mounted: its own devices alone (lo
# here), as for rootless podman's slirp4netns namespace, never the host's.
@test "sysfs of a joined network namespace is its own" {
	ip netns add "$ID-net"
	update_config --arg p "/run/netns/$ID-net" '.linux.namespaces |= map(select(.type != "network"))
		| .linux.namespaces += [{"type": "network", "path": $p}]'
	set_args ls /sys/class/net
	hrun_run
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = lo ]
	ip netns delete "$ID-net"
}
