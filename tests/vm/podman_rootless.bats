#!/usr/bin/env bats
# Rootless podman on cgroup v2 with systemd: a lingering user of the
# suite's own, its user manager (which delegates memory and pids), a
# private store with a busybox image, the systemd cgroup manager, resource
# limits and the default rootless network (slirp4netns).  The runtime is
# hrun, or VM_PODMAN_RUNTIME=runc for the same scenarios with runc (guest.sh
# runs both, side by side).  Needs the VM tier's guest (tests/vm/run.sh);
# skipped anywhere else.  Under TCG a podman call takes seconds: each test
# makes as few as it can.

# TOP_SRCDIR, HRUN, IMG, rootless_containers_conf and import_busybox; the
# set-up and the clean-up below are this suite's own
load ../podman/helpers
# linger, unlinger
load user

RT=${VM_PODMAN_RUNTIME:-hrun}
PM_USER=hrun-vm-pm
# this file's container, one name per runtime
WEB=hrunvm-pm-$RT-web
WEB_PORT=18080

# why the tests skip, empty when they run
unsupported() {
	if [ "$(cat /proc/1/comm)" != systemd ] || [ ! -e /sys/fs/cgroup/cgroup.controllers ]; then
		echo "needs systemd as pid 1 on cgroup v2"
	elif ! command -v podman >/dev/null || ! command -v slirp4netns >/dev/null; then
		echo "needs podman and slirp4netns"
	elif ! command -v newuidmap >/dev/null; then
		echo "needs newuidmap (uidmap)"
	elif ! command -v "$RT" >/dev/null && [ "$RT" != hrun ]; then
		echo "needs $RT"
	fi
}

# pmu ARGS...: podman as the user, started by its systemd --user as a
# transient service that gets our stdio: podman and the conmon scopes it
# asks for are then in the subtree the user's manager owns (from a cgroup
# of root's, such as this test's, nothing can be moved there).  KillMode
# process: what podman leaves running (its pause process, slirp4netns,
# the port forwarder) outlives the call, as in a login session.
pmu() {
	local uid
	uid=$(id -u "$PM_USER")
	timeout -k 5 "${HRUN_PODMAN_TIMEOUT:-120}" runuser -u "$PM_USER" -- \
		env XDG_RUNTIME_DIR="/run/user/$uid" DBUS_SESSION_BUS_ADDRESS="unix:path=/run/user/$uid/bus" \
		systemd-run --user --quiet --wait --pipe --collect --property=KillMode=process \
		--working-directory="$PM_HOME" -- podman "$@"
}

# http_get PORT: the body of / on 127.0.0.1:PORT, by bash's /dev/tcp (the
# guest's busybox-static wget faults resolving names)
http_get() {
	local body
	body=$(timeout 5 bash -c 'exec 5<>"/dev/tcp/127.0.0.1/$1" &&
		printf "GET / HTTP/1.0\r\n\r\n" >&5 && cat <&5' http_get "$1" 2>/dev/null) || return 1
	[[ "$body" == *$'\r\n\r\n'* ]] || return 1
	printf '%s\n' "${body#*$'\r\n\r\n'}"
}

setup_file() {
	[ -z "$(unsupported)" ] || return 0
	export PM_HOME=/home/$PM_USER
	if ! id -u "$PM_USER" >/dev/null 2>&1; then
		useradd --create-home --home-dir "$PM_HOME" --shell /usr/sbin/nologin "$PM_USER"
		touch "$BATS_FILE_TMPDIR/added-user"
	fi
	local f
	for f in subuid subgid; do
		grep -q "^$PM_USER:" "/etc/$f" || echo "$PM_USER:1900000:65536" >>"/etc/$f"
	done
	linger "$PM_USER"
	local conf=$PM_HOME/.config/containers
	install -d -o "$PM_USER" "$PM_HOME/.config" "$conf"
	# the native overlay of an unprivileged user (Linux 5.13 and later)
	rootless_containers_conf '' "cgroup_manager = \"systemd\"
runtime = \"$RT\"

[engine.runtimes]
hrun = [\"$HRUN\"]" >"$conf/containers.conf"
	printf '[storage]\ndriver = "overlay"\n' >"$conf/storage.conf"
	chown -R "$PM_USER:" "$PM_HOME/.config"
	import_busybox "$PM_HOME" pmu
}

teardown_file() {
	[ -e "$BATS_FILE_TMPDIR/added-user" ] || return 0
	pmu rm -a -f -t 0 >/dev/null 2>&1 || true
	unlinger "$PM_USER"
	sed -i "/^$PM_USER:/d" /etc/subuid /etc/subgid
}

setup() {
	local why
	why=$(unsupported)
	[ -z "$why" ] || skip "$why"
}

teardown() {
	:
}

@test "podman rootless ($RT): the user's manager delegates memory and pids; podman's systemd manager, overlay" {
	local uid
	uid=$(id -u "$PM_USER")
	read -r -a ctl <"/sys/fs/cgroup/user.slice/user-$uid.slice/user@$uid.service/cgroup.controllers"
	[[ " ${ctl[*]} " == *" memory "* ]]
	[[ " ${ctl[*]} " == *" pids "* ]]
	run pmu info --format '{{.Host.CgroupManager}} {{.Host.CgroupsVersion}} {{.Store.GraphDriverName}} {{.Host.OCIRuntime.Name}}'
	[ "$output" = "systemd v2 overlay $RT" ]
}

@test "podman rootless ($RT): run --rm, output and exit code pass through" {
	run --separate-stderr pmu run --rm "$IMG" sh -c 'echo hello; exit 7'
	echo "stderr: $stderr"
	[ "$status" -eq 7 ]
	[ "$output" = hello ]
}

@test "podman rootless ($RT): --memory 64m --pids-limit 32 in the container's cgroup: a fork bomb capped, over the memory OOM-killed (137)" {
	# The bomb forks sleepers until fork fails (at most 100), counting them
	# in a file (builtins only: nothing forks after the bomb); the cgroup
	# has 32 pids: the workload, the bomb and 30 sleepers, or with hrun its
	# init, the workload, the bomb and 29.  Then dd, the workload itself,
	# fills a 100 MiB buffer.
	run --separate-stderr pmu run --rm --memory 64m --pids-limit 32 "$IMG" sh -c '
		sh -c "i=0; while [ \$i -lt 100 ]; do sleep 60 & i=\$((i + 1)); echo \$i >/tmp/n; done" 2>/dev/null
		read -r mem </sys/fs/cgroup/memory.max; read -r pids </sys/fs/cgroup/pids.max
		read -r n </tmp/n; echo "$mem $pids $n"
		exec dd if=/dev/zero of=/dev/null bs=100M count=1'
	echo "stderr: $stderr"
	local sleepers=30
	[ "$RT" = hrun ] && sleepers=29
	[ "$output" = "67108864 32 $sleepers" ]
	[ "$status" -eq 137 ]
}

@test "podman rootless ($RT): default network (slirp4netns), -p to a server in the container" {
	run --separate-stderr pmu run -d --name "$WEB" -p "$WEB_PORT:8080" "$IMG" sh -c '
		trap "exit 0" TERM
		mkdir /w && echo "served by $HOSTNAME" >/w/index.html && httpd -p 8080 -h /w
		while :; do sleep 1; done'
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	run pmu inspect --format '{{.State.Status}} {{.HostConfig.NetworkMode}} {{.Config.Hostname}}' "$WEB"
	read -r state mode host <<<"$output"
	[ "$state $mode" = "running slirp4netns" ]
	local got=
	for _ in $(seq 30); do
		got=$(http_get "$WEB_PORT") && break
		sleep 1
	done
	[ "$got" = "served by $host" ] || { echo "got '$got'"; false; }
}

@test "podman rootless ($RT): exec in the running container: an interface besides lo, the exit code" {
	run --separate-stderr pmu exec "$WEB" sh -c 'ip -o -4 addr show; exit 3'
	echo "$output"
	[ "$status" -eq 3 ]
	grep -v '^[0-9]*: *lo ' <<<"$output" | grep -qE ' inet [0-9.]+/'
}

@test "podman rootless ($RT): stop of the running container" {
	run pmu stop -t 20 "$WEB"
	[ "$status" -eq 0 ]
	run pmu inspect --format '{{.State.Status}} {{.State.ExitCode}}' "$WEB"
	[ "$output" = "exited 0" ]
	run ! http_get "$WEB_PORT"
}

@test "podman rootless ($RT): --userns=keep-id: the user's own id inside" {
	run --separate-stderr pmu run --rm --userns=keep-id "$IMG" id -u
	[ "$status" -eq 0 ]
	[ "$output" = "$(id -u "$PM_USER")" ]
}
