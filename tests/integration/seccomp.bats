#!/usr/bin/env bats
# linux.seccomp and the presets in real containers: podman's profile
# unchanged, actions, a profile the init must survive, notify with an
# agent, the cache.  seccomp_probe (tests/integration/seccomp_probe.c, static)
# runs inside: `seccomp_probe NR [ARG0 [ARG1]]` prints "ok" or "errno N".

load helpers

BUILDDIR=${HRUN_TOP_BUILDDIR:-$(dirname "$HRUN")}
PODMAN_PROFILE=/usr/share/containers/seccomp.json

# x86_64 syscall numbers
NR_GETPPID=110
NR_VMSPLICE=278
NR_ADD_KEY=248
NR_UNSHARE=272
NR_CLONE3=435
NR_SOCKET=41

setup() {
	[ "$(uname -m)" = x86_64 ] || skip "syscall numbers and arches of x86_64"
	setup_bundle
	install -m 0755 "$BUILDDIR/tests/integration/seccomp_probe" "$ROOTFS/bin/seccomp_probe"
}

teardown() {
	[ -z "${AGENT_PID:-}" ] || kill "$AGENT_PID" 2>/dev/null || true
	assert_nothing_left
}

# seccomp_profile JSON: linux.seccomp = JSON.
seccomp_profile() {
	update_config --argjson s "$1" '.linux.seccomp = $s'
}

podman_profile() {
	[ -r "$PODMAN_PROFILE" ] || skip "needs golang-github-containers-common"
	update_config --slurpfile profile "$PODMAN_PROFILE" -f "$TOP_SRCDIR/tests/integration/seccomp_podman.jq"
}

presets() {
	update_config --arg p "$1" '.annotations["org.hrun.seccomp.presets"] = $p'
}

# One rule on top of a default-allow profile: deny_one NAME ACTION [ERRNO].
deny_one() {
	local rule
	rule=$(jq -n --arg n "$1" --arg a "$2" --arg e "${3:-}" \
		'{names: [$n], action: $a} + (if $e == "" then {} else {errnoRet: ($e | tonumber)} end)')
	seccomp_profile "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [$rule]}"
}

@test "podman's profile unchanged: hrun plan shows its rules" {
	podman_profile
	run --separate-stderr "$HRUN" plan --bundle "$BUNDLE"
	[ "$status" -eq 0 ]
	[[ "$output" == *"filter linux.seccomp: default ERRNO(38), arches native x86_64 x86 x32, "* ]]
	[[ "$output" == *$'\n  ERRNO(1) vmsplice\n'* ]]
	[[ "$output" == *$'\n  ALLOW personality arg0 EQ 0x8\n'* ]]
}

@test "podman's profile: allowed syscalls work, denied ones return its errno" {
	podman_profile
	set_args sh -c "ls / >/dev/null && echo files-ok; seccomp_probe $NR_GETPPID; seccomp_probe $NR_VMSPLICE -1; seccomp_probe $NR_ADD_KEY"
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = $'files-ok\nok\nerrno 1\nerrno 38' ]
}

@test "without a profile the same probes get the kernel's own answers" {
	set_args sh -c "seccomp_probe $NR_VMSPLICE -1; seccomp_probe $NR_ADD_KEY"
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = $'errno 9\nerrno 14' ]
}

@test "a syscall newer than the profile gets ENOSYS, not the default errno (runc's rule)" {
	podman_profile
	update_config '.linux.seccomp.defaultErrnoRet = 1'
	# 1000: above every number the profile names; add_key: below, denied
	set_args sh -c "seccomp_probe 1000; seccomp_probe $NR_ADD_KEY"
	hrun_run
	[ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
	[ "${lines[0]}" = "errno 38" ]
	[ "${lines[1]}" = "errno 1" ]
	run --separate-stderr "$HRUN" plan --bundle "$BUNDLE"
	grep -qE "^  ENOSYS above [0-9]+ on x86_64 \(syscalls newer than the profile\)$" <<<"$output"
}

@test "errnoRet is what the denied syscall returns" {
	deny_one getppid SCMP_ACT_ERRNO 123
	set_args seccomp_probe $NR_GETPPID
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = "errno 123" ]
}

@test "SCMP_ACT_KILL kills the workload with SIGSYS" {
	deny_one mkdir SCMP_ACT_KILL
	set_args mkdir /tmp/x
	hrun_run
	[ "$status" -eq 159 ]
}

# As every process of a runc container: the init takes the filter before
# the workload's fork, which inherits it (a ptraced init must not be a
# way around it: tests/security/exe.bats), without a listener.
@test "the filter applies to the workload and to the init" {
	presets strict
	deny_one getppid SCMP_ACT_ERRNO 5
	set_args sh -c 'grep -E "^Seccomp(_filters)?:" /proc/self/status /proc/1/status | cut -d: -f2-'
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Seccomp:	2" ]
	[ "${lines[1]}" = "Seccomp_filters:	2" ]
	[ "${lines[2]}" = "Seccomp:	2" ]
	[ "${lines[3]}" = "Seccomp_filters:	2" ]
}

# A filter that would stop the init reaping (it denies the reaper's own
# calls) is left off the init, which says so in the log
@test "a profile denying kill and wait4: the init still forwards signals and reaps" {
	seccomp_profile '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
		{"names": ["kill", "tkill", "tgkill", "wait4", "waitid"], "action": "SCMP_ACT_ERRNO"}]}'
	set_args sh -c 'kill -0 1 2>/dev/null; echo "kill:$?"; sleep 1000 & exec sleep 100'
	"$HRUN" --log "$BATS_TEST_TMPDIR/log" run --bundle "$BUNDLE" "$ID" >"$BATS_TEST_TMPDIR/out" 2>&1 &
	local pid=$!
	for _ in $(seq 100); do
		grep -q kill: "$BATS_TEST_TMPDIR/out" && break
		sleep 0.05
	done
	sleep 0.2
	kill -TERM "$pid"
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 143 ]
	grep -qx "kill:1" "$BATS_TEST_TMPDIR/out"
	grep -q "the seccomp filter denies calls the init makes: the init runs without it" \
		"$BATS_TEST_TMPDIR/log"
}

@test "noNewPrivileges false: the install keeps CAP_SYS_ADMIN, the workload does not" {
	podman_profile
	update_config '.process.noNewPrivileges = false'
	set_args sh -c 'grep -E "^(CapEff|NoNewPrivs|Seccomp):" /proc/self/status'
	hrun_run
	[ "$status" -eq 0 ] || { echo "status $status, stderr: $stderr"; false; }
	[[ "$output" == *"CapEff:	0000000020000420"* ]] || { echo "$output"; false; }
	[[ "$output" == *"NoNewPrivs:	0"* ]]
	[[ "$output" == *"Seccomp:	2"* ]]
}

@test "presets by annotation: strict denies with the seed's errnos" {
	presets strict
	set_args sh -c "echo hi; seccomp_probe $NR_UNSHARE 0x20000; seccomp_probe $NR_CLONE3; seccomp_probe $NR_SOCKET 17 3"
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = $'hi\nerrno 1\nerrno 38\nerrno 97' ]
}

@test "presets combine with podman's profile, and hrun plan shows both" {
	podman_profile
	presets strict,multiarch
	run --separate-stderr "$HRUN" plan --bundle "$BUNDLE"
	[ "$status" -eq 0 ]
	[[ "$output" == *"filter presets deny-ns,deny-tty,deny-devel,ext,multiarch: default ALLOW, arches native x86, 81 rules"* ]]
	[[ "$output" == *"filter linux.seccomp: default ERRNO(38)"* ]]
	set_args sh -c "seccomp_probe $NR_UNSHARE 0x20000; seccomp_probe $NR_VMSPLICE -1; seccomp_probe $NR_GETPPID"
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = $'errno 1\nerrno 1\nok' ]
}

@test "an unknown preset is a one-line create error" {
	presets strict,bogus
	hrun_run
	assert_one_line_error 'unknown preset "bogus"'
}

@test "a syscall name libseccomp does not know is skipped" {
	seccomp_profile '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
		{"names": ["no_such_syscall", "getppid"], "action": "SCMP_ACT_ERRNO", "errnoRet": 42}]}'
	set_args seccomp_probe $NR_GETPPID
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = "errno 42" ]
}

@test "an unknown flag is a one-line create error with its JSON path" {
	seccomp_profile '{"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_NOPE"]}'
	hrun_run
	assert_one_line_error 'linux\.seccomp\.flags\[0\]: unknown seccomp flag'
}

# start_agent SOCKET OUT: the test agent, faking mkdir; its pid in AGENT_PID
start_agent() {
	"$BUILDDIR/tests/integration/seccomp_agent" "$1" "$2" mkdir:=0 mkdirat:=0 &
	AGENT_PID=$!
	for _ in $(seq 100); do [ -S "$1" ] && return 0; sleep 0.05; done
	echo "the agent did not listen"
	return 1
}

@test "notify: the agent gets the listener and runc's state, and answers" {
	local sock="$BATS_TEST_TMPDIR/agent.sock" out="$BATS_TEST_TMPDIR/agent.out"
	start_agent "$sock" "$out"
	# execve, capset and sendmsg too: nothing of hrun's may be trapped (crun #1002)
	seccomp_profile "$(jq -n --arg s "$sock" '{defaultAction: "SCMP_ACT_ALLOW", listenerPath: $s,
		listenerMetadata: "bats", syscalls: [{names: ["mkdir", "mkdirat", "execve", "capset",
		"sendmsg", "write"], action: "SCMP_ACT_NOTIFY"}]}')"
	set_args sh -c 'mkdir /tmp/faked && test ! -d /tmp/faked && echo faked'
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = faked ]
	wait "$AGENT_PID"
	AGENT_PID=
	local msg
	msg=$(head -1 "$out")
	[ "$(jq -r '.fds[0]' <<<"$msg")" = seccompFd ]
	[ "$(jq -r .metadata <<<"$msg")" = bats ]
	[ "$(jq -r .state.id <<<"$msg")" = "$ID" ]
	[ "$(jq -r .state.status <<<"$msg")" = creating ]
	[ "$(jq -r .state.bundle <<<"$msg")" = "$BUNDLE" ]
	[ "$(jq -r '.pid == .state.pid and .pid > 0' <<<"$msg")" = true ]
	grep -qE "^notified mkdir(at)?$" "$out"
	grep -qx "notified execve" "$out"
}

@test "exec with a notify profile: the exec'd process's listener goes to the agent too" {
	local sock="$BATS_TEST_TMPDIR/agent.sock" first
	local H=("$HRUN" --root "$BATS_TEST_TMPDIR/state")
	start_agent "$sock" "$BATS_TEST_TMPDIR/create.out"
	first=$AGENT_PID
	seccomp_profile "$(jq -n --arg s "$sock" '{defaultAction: "SCMP_ACT_ALLOW", listenerPath: $s,
		listenerMetadata: "bats", syscalls: [{names: ["mkdir", "mkdirat"], action: "SCMP_ACT_NOTIFY"}]}')"
	set_args sleep 100
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	# the container's agent keeps its connection; exec connects anew
	rm -f "$sock"
	start_agent "$sock" "$BATS_TEST_TMPDIR/exec.out"
	run --separate-stderr "${H[@]}" exec "$ID" sh -c 'mkdir /tmp/faked && test ! -d /tmp/faked && echo faked'
	local pid
	pid=$(jq -r .pid "$BATS_TEST_TMPDIR/state/$ID/state.json")
	"${H[@]}" delete --force "$ID"
	kill "$first" 2>/dev/null || true
	[ "$status" -eq 0 ] || { echo "$stderr"; return 1; }
	[ "$output" = faked ]
	wait "$AGENT_PID" || true
	AGENT_PID=
	local msg
	msg=$(head -1 "$BATS_TEST_TMPDIR/exec.out")
	[ "$(jq -r .metadata <<<"$msg")" = bats ]
	[ "$(jq -r .state.status <<<"$msg")" = running ]
	[ "$(jq -r .pid <<<"$msg")" = "$pid" ]
	grep -qE "^notified mkdir(at)?$" "$BATS_TEST_TMPDIR/exec.out"
}

@test "notify without a listening agent is a one-line create error" {
	seccomp_profile "$(jq -n --arg s "$BATS_TEST_TMPDIR/nobody.sock" '{defaultAction: "SCMP_ACT_ALLOW",
		listenerPath: $s, syscalls: [{names: ["mkdir"], action: "SCMP_ACT_NOTIFY"}]}')"
	hrun_run
	assert_one_line_error 'linux\.seccomp\.listenerPath: connect to .*nobody\.sock.*: No such file or directory'
}

@test "the BPF cache: filled by the first run, used and repaired after" {
	local root="$BATS_TEST_TMPDIR/root"
	podman_profile
	set_args seccomp_probe $NR_VMSPLICE -1
	run --separate-stderr "$HRUN" --root "$root" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ]
	[ "$output" = "errno 1" ]
	local entry
	entry=$(ls "$root"/seccomp/*.bpf)
	[ "$(echo "$entry" | wc -l)" -eq 1 ]
	[ "$(stat -c %a "$root/seccomp")" = 700 ]
	local before
	before=$(stat -c %Y.%i "$entry")
	run --separate-stderr "$HRUN" --root "$root" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ]
	[ "$output" = "errno 1" ]
	[ "$(stat -c %Y.%i "$entry")" = "$before" ]
	# a corrupt entry is compiled again and replaced
	printf 'garbage' | dd of="$entry" bs=1 seek=200 conv=notrunc status=none
	run --separate-stderr "$HRUN" --root "$root" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ]
	[ "$output" = "errno 1" ]
	[ "$(stat -c %i "$entry")" != "${before#*.}" ]
}

@test "hrun plan --format json shows the same seccomp rules as the text form" {
	update_config '.linux.seccomp = {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["kill"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}'
	run "$HRUN" plan --bundle "$BUNDLE" --format json
	[ "$status" -eq 0 ]
	json=$(echo "$output" | jq -r '.seccomp[]')
	text=$("$HRUN" plan --bundle "$BUNDLE" | sed -n '/^seccomp$/,/^[a-z]/{/^  /p}' | sed 's/^  //')
	[ -n "$json" ]
	[ "$json" = "$text" ]
	[[ "$json" == *"kill"* ]]
}
