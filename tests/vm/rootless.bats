#!/usr/bin/env bats
# Rootless --systemd-cgroup: a user with a systemd user session (lingering)
# runs a container whose limits go in the subtree its manager delegates.
# Needs systemd as pid 1 on cgroup v2 and dbus-user-session: the VM tier's
# guest (tests/vm/run.sh); skipped anywhere else.

load ../integration/helpers
load user

RL_USER=hrun-vm-rootless

# why the tests skip, empty when they run
unsupported() {
	if [ "$(cat /proc/1/comm)" != systemd ] || [ ! -e /sys/fs/cgroup/cgroup.controllers ]; then
		echo "needs systemd as pid 1 on cgroup v2"
	elif [ ! -S "/run/user/$(id -u "$RL_USER" 2>/dev/null)/bus" ]; then
		echo "no user bus for $RL_USER (dbus-user-session)"
	fi
}

setup_file() {
	[ "$(cat /proc/1/comm)" = systemd ] && [ -e /sys/fs/cgroup/cgroup.controllers ] || return 0
	export ROOTFS="$BATS_FILE_TMPDIR/rootfs"
	"$TOP_SRCDIR/tests/integration/mkrootfs.sh" "$ROOTFS"
	if ! id -u "$RL_USER" >/dev/null 2>&1; then
		useradd --no-create-home --shell /usr/sbin/nologin "$RL_USER"
		touch "$BATS_FILE_TMPDIR/added-user"
	fi
	linger "$RL_USER"
	open_file_tmpdir
}

teardown_file() {
	[ -e "$BATS_FILE_TMPDIR/added-user" ] || return 0
	unlinger "$RL_USER"
}

as_user() {
	local uid
	uid=$(id -u "$RL_USER")
	runuser -u "$RL_USER" -- env XDG_RUNTIME_DIR="/run/user/$uid" \
		DBUS_SESSION_BUS_ADDRESS="unix:path=/run/user/$uid/bus" "$@"
}

# in_user_manager CMD...: CMD as the user, started by its systemd --user (a
# transient service that gets our stdio), so hrun runs in the subtree the
# user's manager owns: the manager cannot move the init out of a cgroup of
# root's, such as this test's, into the scope.  Rootless podman's conmon
# runs there too.
in_user_manager() {
	as_user systemd-run --user --quiet --wait --pipe --collect -- "$@"
}

setup() {
	local why
	why=$(unsupported)
	[ -z "$why" ] || skip "$why"
	ID="hrunvm-rl-$BATS_TEST_NUMBER-$$"
	BUNDLE="$BATS_TEST_TMPDIR/bundle"
	install -d -o "$RL_USER" "$BUNDLE"
	as_user "$HRUN" spec --rootless --bundle "$BUNDLE"
	jq --arg root "$ROOTFS" '.root.path = $root | .process.terminal = false
		| .process.args = ["sleep", "100"]
		| .linux.resources = {"pids": {"limit": 50}}' "$BUNDLE/config.json" >"$BUNDLE/c"
	chown "$RL_USER" "$BUNDLE/c"
	mv "$BUNDLE/c" "$BUNDLE/config.json"
	H=(in_user_manager "$HRUN" --systemd-cgroup)
}

teardown() {
	[ -z "$(unsupported)" ] || return 0
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	! as_user systemctl --user is-active -q "$ID.scope" || { echo "$ID.scope still active"; return 1; }
}

@test "rootless --systemd-cgroup: a scope of the user's manager, with the limits" {
	local uid cg
	uid=$(id -u "$RL_USER")
	# the container's stdio is a file: nothing waits on it
	"${H[@]}" create --bundle "$BUNDLE" "$ID" </dev/null >"$BATS_TEST_TMPDIR/out" 2>&1
	as_user systemctl --user is-active -q "$ID.scope"
	pid=$(state_field pid)
	cg=$(awk -F: '$1 == "0" { print $3 }' "/proc/$pid/cgroup")
	[ "$cg" = "/user.slice/user-$uid.slice/user@$uid.service/user.slice/$ID.scope" ]
	# the limit asked for, the init among its tasks
	[ "$(cat "/sys/fs/cgroup$cg/pids.max")" = 50 ]
	"${H[@]}" update --pids-limit 60 "$ID"
	[ "$(cat "/sys/fs/cgroup$cg/pids.max")" = 60 ]
	"${H[@]}" pause "$ID"
	[ "$(state_field status)" = paused ]
	"${H[@]}" resume "$ID"
	[ "$(state_field status)" = created ]
	# rootless exec goes through the workload: once started
	"${H[@]}" start "$ID"
	run "${H[@]}" exec "$ID" sh -c 'cat /proc/self/cgroup'
	[ "$output" = "0::$cg" ] || [ "$output" = "0::/" ] || { echo "exec: $output"; return 1; }
	"${H[@]}" delete --force "$ID"
	[ ! -e "/sys/fs/cgroup$cg" ]
}
