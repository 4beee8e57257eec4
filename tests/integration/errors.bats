#!/usr/bin/env bats
# Bad input: one clear line on stderr, a non-zero exit, nothing left behind.

load helpers

teardown() {
	assert_nothing_left
	# hrun_run uses the default root
	[ ! -e "/run/hrun/$ID" ] || { echo "state left: /run/hrun/$ID"; return 1; }
}

@test "missing config.json" {
	rm "$BUNDLE/config.json"
	hrun_run
	assert_one_line_error "config\.json.*No such file or directory"
}

@test "missing bundle directory" {
	run --separate-stderr "$HRUN" run --bundle "$BATS_TEST_TMPDIR/nowhere" "$ID"
	assert_one_line_error "nowhere.*No such file or directory"
}

@test "malformed JSON" {
	echo '{"ociVersion": "1.0.0",' >"$BUNDLE/config.json"
	hrun_run
	assert_one_line_error "^hrun: config\.json: invalid JSON"
}

@test "wrong type: process.args a string" {
	update_config '.process.args = "sh"'
	hrun_run
	assert_one_line_error "^hrun: config\.json: process\.args: must be a non-empty array of strings$"
}

@test "empty process.args" {
	update_config '.process.args = []'
	hrun_run
	assert_one_line_error "^hrun: config\.json: process\.args: must be a non-empty array of strings$"
}

@test "wrong type deep inside: a mount's destination" {
	update_config '.mounts[1].destination = 5'
	hrun_run
	assert_one_line_error "config\.json: mounts\[1\]\.destination: must be a string"
}

@test "process.env: an entry without '=', or with an empty name" {
	update_config '.process.env = ["PATH=/bin", "BAD"]'
	hrun_run
	assert_one_line_error "^hrun: process\.env\[1\]: invalid environment variable \"BAD\": missing '='$"
	update_config '.process.env = ["=x"]'
	hrun_run
	assert_one_line_error "^hrun: process\.env\[0\]: invalid environment variable \"=x\": the name is empty$"
}

@test "a NUL byte in a string (\\u0000): refused where it stands, never cut short" {
	update_config '.process.env += ["A=x\u0000y"]'
	hrun_run
	assert_one_line_error "^hrun: config\.json: a NUL byte \(\\\\u0000\) in a string at line [0-9]+, column [0-9]+$"
}

@test "unknown namespace type" {
	update_config '.linux.namespaces += [{"type": "bogus"}]'
	hrun_run
	assert_one_line_error "linux\.namespaces\[[0-9]+\]\.type: unknown namespace type"
}

@test "unsupported ociVersion" {
	update_config '.ociVersion = "invalid"'
	hrun_run
	assert_one_line_error "ociVersion"
}

@test "missing rootfs" {
	update_config '.root.path = "nope"'
	hrun_run
	assert_one_line_error "nope.*No such file or directory"
}

@test "missing program by absolute path" {
	set_args /bin/nope
	hrun_run
	assert_one_line_error "/bin/nope.*no such file or directory"
}

@test "missing program looked up in PATH" {
	set_args nope-cmd
	hrun_run
	assert_one_line_error "nope-cmd.*executable file not found in \\\$PATH"
}

@test "program that is not executable" {
	set_args /etc/passwd
	hrun_run
	assert_one_line_error "/etc/passwd.*permission denied"
}

@test "unknown capability" {
	update_config '.process.capabilities.bounding += ["CAP_BOGUS"]'
	hrun_run
	assert_one_line_error "CAP_BOGUS"
}

@test "unknown command and option" {
	run --separate-stderr "$HRUN" frobnicate
	assert_one_line_error "unknown command .frobnicate."
	run --separate-stderr "$HRUN" run --frob x
	assert_one_line_error "unknown or incomplete option"
}

@test "spec refuses to overwrite config.json" {
	run --separate-stderr "$HRUN" spec --bundle "$BUNDLE"
	assert_one_line_error "already exists"
}
