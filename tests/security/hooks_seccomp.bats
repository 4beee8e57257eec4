#!/usr/bin/env bats
# Hooks under the filter: a startContainer hook is a program of the image,
# run in the container right before the workload.  Under a profile that
# denies mkdir, it must be as unable to make a directory in a volume as
# the workload, and hold no capability the workload lacks.  Verdicts: the
# directory it tries to make in the volume exists or not, and the Seccomp
# and CapEff lines it read back from its own /proc/self/status.

load helpers

setup() {
	setup_bundle
	private_rootfs
	VOL=$(marker vol)
	mkdir -p "$VOL"
	update_config --arg v "$VOL" \
		'.mounts += [{"destination": "/vol", "type": "bind", "source": $v, "options": ["rbind", "rw"]}]'
	# the hook: a script the image ships
	cat >"$ROOTFS/bin/start-hook" <<-'SH'
		#!/bin/sh
		mkdir /vol/made-by-hook 2>/dev/null
		echo "mkdir=$?" >/vol/report
		grep -E '^(Seccomp|CapEff):' /proc/self/status >>/vol/report
	SH
	chmod 0755 "$ROOTFS/bin/start-hook"
	update_config '.hooks.startContainer = [{"path": "/bin/start-hook"}]'
	update_config '.linux.seccomp = {"defaultAction": "SCMP_ACT_ALLOW",
		"syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}'
	set_args sh -c 'grep -E "^(Seccomp|CapEff):" /proc/self/status >/vol/workload'
}

teardown() {
	[ -z "${AGENT_PID:-}" ] || kill "$AGENT_PID" 2>/dev/null || true
	rm -rf "$VOL"
	assert_nothing_left
}

hook_field() {
	sed -n "s/^$1:[[:space:]]*//p" "$VOL/report"
}

assert_hook_held_like_the_workload() {
	cat "$VOL/report" "$VOL/workload"
	[ ! -e "$VOL/made-by-hook" ] || { echo "the hook made a directory the profile denies"; return 1; }
	[ "$(hook_field Seccomp)" = 2 ] || { echo "the hook ran without a filter"; return 1; }
	[ "$(hook_field CapEff)" = "$(sed -n 's/^CapEff:[[:space:]]*//p' "$VOL/workload")" ] || {
		echo "the hook held other capabilities than the workload"
		return 1
	}
}

@test "a startContainer hook of the image runs under the workload's seccomp filter" {
	update_config '.process.noNewPrivileges = true'
	hrun_run
	[ "$status" -eq 0 ]
	assert_hook_held_like_the_workload
}

@test "without noNewPrivileges the hook neither escapes the filter nor keeps CAP_SYS_ADMIN" {
	update_config '.process.noNewPrivileges = false'
	hrun_run
	[ "$status" -eq 0 ]
	assert_hook_held_like_the_workload
}

@test "under a notify profile the hook is filtered and the agent gets the workload's listener alone" {
	local sock="$BATS_TEST_TMPDIR/agent.sock" out="$BATS_TEST_TMPDIR/agent.out"
	local builddir=${HRUN_TOP_BUILDDIR:-$(cd "$BATS_TEST_DIRNAME/../.." && pwd)}
	# the agent fakes a successful mkdir without making anything
	"$builddir/tests/integration/seccomp_agent" "$sock" "$out" mkdir:=0 mkdirat:=0 &
	AGENT_PID=$!
	for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.05; done
	update_config --arg s "$sock" '.linux.seccomp = {"defaultAction": "SCMP_ACT_ALLOW",
		"listenerPath": $s, "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_NOTIFY"}]}'
	hrun_run
	wait "$AGENT_PID" || true
	AGENT_PID=
	[ "$status" -eq 0 ]
	cat "$VOL/report" "$out"
	[ ! -e "$VOL/made-by-hook" ] || { echo "the hook made a directory the profile traps"; return 1; }
	[ "$(hook_field Seccomp)" = 2 ]
	[ "$(grep -c '"seccompFd"' "$out")" -eq 1 ]
}
