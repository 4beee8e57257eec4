#!/usr/bin/env bats
# The inheritable and ambient sets are empty unless the config asks: a
# non-root user in the container gains nothing from a program with
# inheritable file capabilities (CVE-2022-29162), in run and in exec.

load helpers

teardown() {
	"$HRUN" delete --force "$ID" >/dev/null 2>&1 || true
	assert_nothing_left
}

# /fc/cat: busybox with cap_net_bind_service and cap_sys_admin inheritable
# and effective in its file capabilities (it runs as the `cat` applet)
fcaps_rootfs() {
	private_rootfs
	mkdir -p "$ROOTFS/fc"
	cp "$ROOTFS/bin/busybox" "$ROOTFS/fc/cat"
	setcap cap_net_bind_service,cap_sys_admin+ei "$ROOTFS/fc/cat"
	update_config '.process.user = {"uid": 1000, "gid": 1000} | .process.noNewPrivileges = false'
}

# cap_line NAME: the value of NAME (CapEff, ...) in the /proc/self/status output
cap_line() {
	printf '%s\n' "$output" | awk -v k="$1:" '$1 == k { print $2 }'
}

# every set of the process that printed its /proc/self/status is empty
assert_no_caps() {
	for set in CapEff CapPrm CapInh CapAmb; do
		[ "$(cap_line $set)" = 0000000000000000 ] || { echo "$set: $(cap_line $set)"; return 1; }
	done
}

@test "run: a file's inheritable capabilities give a non-root workload nothing" {
	fcaps_rootfs
	set_args /fc/cat /proc/self/status
	hrun_run
	[ "$status" -eq 0 ]
	assert_no_caps
}

@test "exec: a file's inheritable capabilities give a non-root process nothing" {
	fcaps_rootfs
	set_args sleep 60
	"$HRUN" run --detach --bundle "$BUNDLE" "$ID" </dev/null >/dev/null
	run --separate-stderr "$HRUN" exec "$ID" /fc/cat /proc/self/status
	[ "$status" -eq 0 ]
	assert_no_caps
}

@test "control: the same program gains the capability when the config asks for it inheritable" {
	# proves the attack above is live: only the empty inheritable set stops it
	fcaps_rootfs
	update_config '.process.capabilities.inheritable = ["CAP_NET_BIND_SERVICE"]'
	set_args /fc/cat /proc/self/status
	hrun_run
	[ "$status" -eq 0 ]
	# CAP_NET_BIND_SERVICE is bit 10
	[ "$(cap_line CapEff)" = 0000000000000400 ]
}
