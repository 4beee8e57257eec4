#!/usr/bin/env bats
# The systemd cgroup manager (--systemd-cgroup): the init in a transient
# scope with the limits below it.  Needs systemd as pid 1 on cgroup v2:
# the VM tier's guest (tests/vm/run.sh); skipped anywhere else.

load ../integration/helpers

setup() {
	[ "$(cat /proc/1/comm)" = systemd ] && [ -e /sys/fs/cgroup/cgroup.controllers ] ||
		skip "needs systemd as pid 1 on cgroup v2"
	setup_bundle
	ID="hrunvm-$BATS_TEST_NUMBER-$$"
	STATE_ROOT="$BATS_TEST_TMPDIR/state"
	H=("$HRUN" --root "$STATE_ROOT" --systemd-cgroup)
	SCOPE="hrun-$ID.scope"
	CG="/sys/fs/cgroup/system.slice/$SCOPE"
	update_config --arg p "system.slice:hrun:$ID" '.linux.cgroupsPath = $p
		| .linux.resources.memory = {"limit": 104857600}
		| .linux.resources.pids = {"limit": 50}'
}

teardown() {
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	assert_nothing_left
	[ ! -e "$CG" ] || { echo "$CG left"; return 1; }
	! systemctl is-active -q "$SCOPE" || { echo "$SCOPE still active"; return 1; }
}

hrun_create() {
	"${H[@]}" create --bundle "$BUNDLE" "$ID" >"$BATS_TEST_TMPDIR/out" 2>"$BATS_TEST_TMPDIR/err"
}

@test "create starts a scope holding the init, with the limits" {
	set_args sleep 100
	hrun_create
	systemctl is-active -q "$SCOPE"
	pid=$(state_field pid)
	grep -qx "0::/system.slice/$SCOPE" "/proc/$pid/cgroup"
	[ "$(cat "$CG/memory.max")" = 104857600 ]
	# the limit asked for, the init among its tasks
	[ "$(cat "$CG/pids.max")" = 50 ]
	[[ "$(jq -r .hrunCgroup "$STATE_ROOT/$ID/state.json")" == manager=systemd* ]]
}

@test "update, pause and resume under systemd" {
	set_args sleep 100
	hrun_create
	"${H[@]}" start "$ID"
	"${H[@]}" update --memory 64m --pids-limit 20 "$ID"
	[ "$(cat "$CG/memory.max")" = 67108864 ]
	[ "$(cat "$CG/pids.max")" = 20 ]
	"${H[@]}" pause "$ID"
	[ "$(state_field status)" = paused ]
	grep -qx "frozen 1" "$CG/cgroup.events"
	"${H[@]}" resume "$ID"
	[ "$(state_field status)" = running ]
	run --separate-stderr "${H[@]}" events --stats "$ID"
	[ "$status" -eq 0 ]
	[ "$(jq -r .data.pids.limit <<<"$output")" = 20 ]
}

@test "delete stops the scope and removes its cgroup" {
	set_args sleep 100
	hrun_create
	"${H[@]}" start "$ID"
	"${H[@]}" delete --force "$ID"
	! systemctl is-active -q "$SCOPE"
	[ ! -e "$CG" ]
}

@test "a workload that exits: the stopped container is still deleted cleanly" {
	set_args true
	hrun_create
	"${H[@]}" start "$ID"
	wait_status stopped
	"${H[@]}" delete "$ID"
	[ ! -e "$CG" ]
}

@test "a failed create leaves no scope" {
	set_args /no/such/binary
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	[ "$status" -ne 0 ]
	! systemctl is-active -q "$SCOPE"
	[ ! -e "$CG" ]
	[ ! -e "$STATE_ROOT/$ID" ]
}

@test "the default under systemd: <id>.scope in system.slice" {
	update_config 'del(.linux.cgroupsPath)'
	set_args sleep 100
	hrun_create
	pid=$(state_field pid)
	grep -qx "0::/system.slice/$ID.scope" "/proc/$pid/cgroup"
	"${H[@]}" delete --force "$ID"
	[ ! -e "/sys/fs/cgroup/system.slice/$ID.scope" ]
}
