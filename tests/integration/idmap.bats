#!/usr/bin/env bats
# Id-mapped binds (mounts[].options idmap and ridmap, mount uidMappings and
# gidMappings): owners seen through the mount, from inside the container,
# and what a write through it leaves on the host.

load helpers

USERNS='.linux.namespaces += [{"type": "user"}]
	| .linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
	| .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]'

setup() {
	setup_bundle
	SRC="$BATS_TEST_TMPDIR/src"
	mkdir -p "$SRC"
	chmod 755 "$SRC"
	touch "$SRC/root-owned" "$SRC/one-owned"
	chown 1:2 "$SRC/one-owned"
	# root in the user namespace may not create them in the host's rootfs
	mkdir -p "$ROOTFS/m"
	touch "$ROOTFS/f"
}

teardown() { assert_nothing_left; }

# add_bind OPTIONS [EXTRA]: bind $SRC on /m with OPTIONS (a JSON array),
# EXTRA merged into the mount (its own maps).
add_bind() {
	update_config --arg src "$SRC" --argjson o "$1" --argjson x "${2:-{\}}" \
		'.mounts += [{"destination": "/m", "type": "bind", "source": $src,
			"options": $o} + $x]'
}

@test "idmap: the container's user namespace sees the owners the host has" {
	update_config "$USERNS"
	add_bind '["rbind", "idmap"]'
	set_args sh -c 'stat -c "%n %u:%g" /m/*-owned; touch /m/made-inside; exec ls /proc/self/fd'
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "/m/one-owned 1:2" ]
	[ "${lines[1]}" = "/m/root-owned 0:0" ]
	# the mount's fd went to the init, never to the workload (3: ls's own)
	[ "${lines[*]:2}" = "0 1 2 3" ]
	# root inside wrote it: root on the host's disk, not uid 100000
	[ "$(stat -c %u:%g "$SRC/made-inside")" = "0:0" ]
}

@test "without idmap the same mount shows the unmapped owners as nobody" {
	update_config "$USERNS"
	add_bind '["rbind"]'
	set_args stat -c "%u" /m/root-owned
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat /proc/sys/kernel/overflowuid)" ]
}

@test "mount mappings of its own, without a user namespace" {
	add_bind '["bind"]' '{"uidMappings": [{"containerID": 0, "hostID": 1000, "size": 10}],
		"gidMappings": [{"containerID": 0, "hostID": 2000, "size": 10}]}'
	set_args stat -c "%n %u:%g" /m/root-owned /m/one-owned
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "/m/root-owned 1000:2000" ]
	[ "${lines[1]}" = "/m/one-owned 1001:2002" ]
}

@test "a file can be id-mapped, and read-only stays read-only" {
	update_config "$USERNS"
	update_config --arg src "$SRC/one-owned" '.mounts += [{"destination": "/f",
		"type": "bind", "source": $src, "options": ["bind", "ro", "idmap"]}]'
	set_args sh -c 'stat -c "%u:%g" /f; echo x >/f || echo refused'
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "1:2" ]
	[ "${lines[-1]}" = "refused" ]
	[ ! -s "$SRC/one-owned" ]
}

# stat_inner: hrun run in a mount namespace of its own where a tmpfs sits
# on $SRC/sub (the host's mount table stays as it is, for the suites
# running beside this one).
stat_inner() {
	run --separate-stderr unshare -m --propagation private sh -c '
		mount -t tmpfs -o mode=755 none "$1/sub" && touch "$1/sub/inner" &&
		exec "$2" run --bundle "$3" "$4"' sh "$SRC" "$HRUN" "$BUNDLE" "$ID"
}

@test "ridmap maps the mounts under the bind; idmap the top one only" {
	mkdir "$SRC/sub"
	update_config "$USERNS"
	add_bind '["rbind", "ridmap"]'
	set_args stat -c "%u" /m/sub/inner
	stat_inner
	[ "$status" -eq 0 ]
	[ "$output" = "0" ]
	update_config 'del(.mounts[-1])'
	add_bind '["rbind", "idmap"]'
	stat_inner
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat /proc/sys/kernel/overflowuid)" ]
}

@test "hrun plan shows the mapping of each id-mapped bind" {
	update_config "$USERNS"
	add_bind '["rbind", "ridmap"]'
	update_config --arg src "$SRC" '.mounts += [{"destination": "/n", "type": "bind",
		"source": $src, "options": ["bind"],
		"uidMappings": [{"containerID": 0, "hostID": 1000, "size": 10},
				{"containerID": 10, "hostID": 5000, "size": 1}],
		"gidMappings": [{"containerID": 0, "hostID": 2000, "size": 10}]}]'
	run "$HRUN" plan --bundle "$BUNDLE"
	[ "$status" -eq 0 ]
	[[ "$output" == *"rbind $SRC on /m ridmap as the user namespace"* ]]
	[[ "$output" == *"bind $SRC on /n idmap uid 0:1000:10,10:5000:1 gid 0:2000:10"* ]]
	run "$HRUN" plan --bundle "$BUNDLE" --format json
	[ "$status" -eq 0 ]
	[ "$(jq -c '.ops[] | select(.target == "/m") | .idmap' <<<"$output")" = '{"recursive":true}' ]
	[ "$(jq -c '.ops[] | select(.target == "/n") | .idmap.uidMappings[1]' <<<"$output")" = \
		'{"containerID":10,"hostID":5000,"size":1}' ]
}

@test "idmap takes the maps of a user namespace joined by path" {
	unshare --user sleep 60 &
	local holder=$!
	for _ in $(seq 50); do
		[ "$(readlink /proc/$holder/ns/user)" != "$(readlink /proc/self/ns/user)" ] && break
		sleep 0.1
	done
	echo "0 100000 65536" >/proc/$holder/uid_map
	echo "0 100000 65536" >/proc/$holder/gid_map
	update_config --arg ns "/proc/$holder/ns/user" \
		'.linux.namespaces += [{"type": "user", "path": $ns}]'
	add_bind '["rbind", "idmap"]'
	set_args stat -c "%u:%g" /m/one-owned
	hrun_run
	kill $holder
	wait $holder || true
	[ "$status" -eq 0 ]
	[ "$output" = "1:2" ]
}

@test "bad id-mapped mounts: one line naming the field, nothing left" {
	update_config '.mounts += [{"destination": "/m", "type": "tmpfs", "source": "tmpfs",
		"options": ["idmap"]}]'
	set_args true
	hrun_run
	assert_one_line_error '^hrun: mounts\[[0-9]+\].options: only a bind mount can be id-mapped$'
	update_config 'del(.mounts[-1])'
	add_bind '["bind"]' '{"uidMappings": [{"containerID": 0, "hostID": 1000, "size": 10}]}'
	hrun_run
	assert_one_line_error '^hrun: mounts\[[0-9]+\].gidMappings: required with uidMappings$'
	update_config 'del(.mounts[-1])'
	add_bind '["bind", "idmap"]'
	hrun_run
	assert_one_line_error '^hrun: mounts\[[0-9]+\].options: an id-mapped mount needs uidMappings and gidMappings, or a user namespace to take them from$'
	[ ! -e "/run/hrun/$ID" ]
}

@test "a source whose filesystem cannot be id-mapped: a clear error, nothing left" {
	update_config "$USERNS"
	update_config '.mounts += [{"destination": "/m", "type": "bind", "source": "/proc/sys",
		"options": ["rbind", "idmap"]}]'
	set_args true
	hrun_run
	assert_one_line_error '^hrun: id-mapped bind on `/m`: id-map `/proc/sys` \(can its filesystem be id-mapped\?\): Invalid argument$'
	[ ! -e "/run/hrun/$ID" ]
}
