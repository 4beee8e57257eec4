#!/usr/bin/env bats
# The command line itself: version, help, spec, plan.

load helpers

@test "--version names hrun, the spec and the libraries" {
	run "$HRUN" --version
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^hrun\ version\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
	[ "${lines[1]}" = "spec: 1.3.0" ]
	[[ "$output" == *"libseccomp: "* ]]
	[[ "$output" == *"libcap: "* ]]
	[[ "$output" == *"yajl: "* ]]
	[[ "$output" == *"libmnl: "* ]]
	[[ "$output" == *"+SECCOMP +CAP +YAJL +MNL"* ]]
}

@test "--help lists the commands" {
	run "$HRUN" --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"run "* ]]
	[[ "$output" == *"spec "* ]]
	[[ "$output" == *"plan "* ]]
}

@test "COMMAND --help describes the command" {
	for cmd in run spec plan; do
		run "$HRUN" "$cmd" --help
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "Usage: hrun $cmd"* ]]
	done
}

@test "spec writes runc's defaults" {

	
	mkdir "$BATS_TEST_TMPDIR/fresh"
	"$HRUN" spec --bundle "$BATS_TEST_TMPDIR/fresh"
	c="$BATS_TEST_TMPDIR/fresh/config.json"
	[ "$(jq -r .process.terminal "$c")" = true ]
	[ "$(jq -r '.process.args | join(" ")' "$c")" = sh ]
	[ "$(jq -r '[.linux.namespaces[].type] | sort | join(",")' "$c")" = "ipc,mount,network,pid,uts" ]
	[ "$(jq '.mounts | length' "$c")" -eq 7 ]
	[ "$(jq -r '.process.capabilities.bounding | sort | join(",")' "$c")" = "CAP_AUDIT_WRITE,CAP_KILL,CAP_NET_BIND_SERVICE" ]
	[ "$(jq '.linux.maskedPaths | length' "$c")" -gt 5 ]
	[ "$(jq '.linux.readonlyPaths | length' "$c")" -gt 3 ]
}

@test "spec --rootless adds a user namespace with the caller's mapping" {
	mkdir "$BATS_TEST_TMPDIR/rl"
	"$HRUN" spec --rootless --bundle "$BATS_TEST_TMPDIR/rl"
	c="$BATS_TEST_TMPDIR/rl/config.json"
	jq -e '[.linux.namespaces[].type] | index("user")' "$c"
	jq -e '.linux.uidMappings[0].size == 1' "$c"
}

@test "plan prints the ops in order without creating anything" {
	set_args true
	run "$HRUN" plan --bundle "$BUNDLE"
	[ "$status" -eq 0 ]
	[[ "$output" == *"proc"* ]]
	[[ "$output" == *"/dev/pts"* ]]
	[ "$(wc -l </proc/self/mountinfo)" -eq "$MOUNTS_BEFORE" ]
	run "$HRUN" plan --bundle "$BUNDLE" --format json
	[ "$status" -eq 0 ]
	echo "$output" | jq -e . >/dev/null
}
