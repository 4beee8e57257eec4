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
	# nothing mounted from the bundle (other suites may mount meanwhile:
	# only our paths are looked at)
	! grep -F -e "$BUNDLE" -e "$ROOTFS" /proc/self/mountinfo
	run "$HRUN" plan --bundle "$BUNDLE" --format json
	[ "$status" -eq 0 ]
	echo "$output" | jq -e . >/dev/null
}

@test "--log-format json writes the error as one JSON object, and stderr too" {
	run --separate-stderr "$HRUN" --root "$BATS_TEST_TMPDIR/s" --log "$BATS_TEST_TMPDIR/log" --log-format json state no-such
	assert_one_line_error "container .no-such. does not exist$"
	[ "$(jq -r .level "$BATS_TEST_TMPDIR/log")" = error ]
	[ "$(jq -r .msg "$BATS_TEST_TMPDIR/log")" = "container \`no-such\` does not exist" ]
	jq -e '.time | test("^[0-9]{4}-")' "$BATS_TEST_TMPDIR/log"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/log")" -eq 1 ]
}

@test "--log text format, and a command that succeeds writes nothing" {
	"$HRUN" --log "$BATS_TEST_TMPDIR/log" --version >/dev/null
	"$HRUN" --log "$BATS_TEST_TMPDIR/log" features >/dev/null
	[ ! -s "$BATS_TEST_TMPDIR/log" ] || [ ! -e "$BATS_TEST_TMPDIR/log" ]
	run "$HRUN" --root "$BATS_TEST_TMPDIR/s" --log "$BATS_TEST_TMPDIR/log" state no-such
	grep -q 'level=error msg="container `no-such` does not exist"' "$BATS_TEST_TMPDIR/log"
}

# runc opens its log before the command: a path it cannot open fails
# every command, which then does nothing
@test "a --log that cannot be opened: one line, nothing made" {
	local dir="$BATS_TEST_TMPDIR/logdir"
	mkdir -p "$dir"
	run --separate-stderr "$HRUN" --root "$BATS_TEST_TMPDIR/s" --log "$dir" run --bundle "$BUNDLE" "$ID"
	assert_one_line_error "^hrun: --log .$dir.: Is a directory$"
	[ ! -e "$BATS_TEST_TMPDIR/s" ]
	run --separate-stderr "$HRUN" --log "$BATS_TEST_TMPDIR/no/such/log" features
	assert_one_line_error "^hrun: --log .*: No such file or directory$"
	[ -z "$output" ]
}

@test "--log-format must be text or json" {
	run --separate-stderr "$HRUN" --log-format yaml state x
	assert_one_line_error "not text or json"
}

@test "features names what hrun supports" {
	run "$HRUN" features
	[ "$status" -eq 0 ]
	echo "$output" | jq -e '.ociVersionMin == "1.0.0" and .ociVersionMax == "1.3.0"'
	echo "$output" | jq -e '.hooks | length == 6'
	echo "$output" | jq -e '.mountOptions | index("rbind") and index("nosymfollow") and index("ridmap")'
	echo "$output" | jq -e '.linux.mountExtensions.idmap.enabled == true'
	echo "$output" | jq -e '.linux.intelRdt == {"enabled": true, "schemata": true, "monitoring": true}'
	echo "$output" | jq -e '.linux.namespaces | length == 8'
	# the systemd manager, system and user (rootless), where built with it
	if grep -q "^#define HAVE_SYSTEMD 1" "${HRUN_TOP_BUILDDIR:-$TOP_SRCDIR}/config.h" 2>/dev/null; then
		echo "$output" | jq -e '.linux.cgroup == {"v1": true, "v2": true, "systemd": true, "systemdUser": true, "rdma": true}'
	fi
	echo "$output" | jq -e '.linux.capabilities | index("CAP_SYS_ADMIN")'
	echo "$output" | jq -e '.linux.seccomp.actions | index("SCMP_ACT_NOTIFY")'
	echo "$output" | jq -e '.linux.seccomp.operators | index("SCMP_CMP_MASKED_EQ")'
	echo "$output" | jq -e '.linux.seccomp.archs | index("SCMP_ARCH_X86_64")'
}

@test "list shows containers as a table, ids, and JSON" {
	local root="$BATS_TEST_TMPDIR/s"
	set_args sleep 10
	"$HRUN" --root "$root" run --detach --bundle "$BUNDLE" a1
	"$HRUN" --root "$root" run --detach --bundle "$BUNDLE" a2
	run "$HRUN" --root "$root" list
	[[ "${lines[0]}" =~ ^ID\ +PID\ +STATUS\ +BUNDLE ]]
	[[ "${lines[1]}" =~ ^a1\ +[0-9]+\ +running\ +$BUNDLE ]]
	run "$HRUN" --root "$root" list -q
	[ "$output" = $'a1\na2' ]
	run "$HRUN" --root "$root" list --format json
	echo "$output" | jq -e 'length == 2 and .[0].status == "running"'
	"$HRUN" --root "$root" delete -f a1
	"$HRUN" --root "$root" delete -f a2
	run "$HRUN" --root "$root" list -q
	[ -z "$output" ]
}

@test "--debug says what the command does: on stderr, or in the --log file" {
	set_args true
	run --separate-stderr "$HRUN" --debug run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"hrun: debug: create \`$ID\`: init is pid "* ]]
	[[ "$stderr" == *"hrun: debug: create \`$ID\`: the init says SYNC_CREATED"* ]]
	[[ "$stderr" == *"hrun: debug: start \`$ID\`: the workload runs"* ]]
	run --separate-stderr "$HRUN" --debug --log "$BATS_TEST_TMPDIR/log" --log-format json \
		run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	jq -se 'map(select(.level == "debug")) | length >= 4' "$BATS_TEST_TMPDIR/log"
}
