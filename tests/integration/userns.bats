#!/usr/bin/env bats
# A new user namespace with several mapped ranges.

load helpers

teardown() { assert_nothing_left; }

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
