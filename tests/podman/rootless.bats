#!/usr/bin/env bats
# Rootless podman 4.x + conmon driving hrun: a user of the suite's own with
# its own store and configuration under a private $HOME, and a private
# $XDG_RUNTIME_DIR.  podman calls hrun as root of the user's namespace
# (made with newuidmap from the user's subordinate ids), with no cgroup
# (cgroup v1 here) and --network none (/dev/net/tun is root's only here).
# Run with tests/podman/run.sh.

# HRUN, IMG and podman_suite_begin; the set-up and the clean-up below are
# this suite's own
load helpers

# this run's own (a second copy of the suite may run at once, and the
# end of each kills its user's processes and removes the user)
PM_USER=hrun-rootless-pm-$(printf %s "$BATS_RUN_TMPDIR" | cksum | cut -d' ' -f1)
PM_SUB_LINE="$PM_USER:1800000:65536"

# pmu ARGS...: rootless podman as the suite's user, bounded in time.
pmu() {
	(
		exec 3>&-
		cd "$PT/home"
		exec timeout -k 5 "${HRUN_PODMAN_TIMEOUT:-60}" runuser -u "$PM_USER" -- \
			env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$PT/home" \
			XDG_RUNTIME_DIR="$PT/xdg" TMPDIR="$PT/home/tmp" \
			podman --runtime "$HRUN" "$@"
	)
}

wait_status() {
	local s
	for _ in $(seq 100); do
		s=$(pmu inspect --format '{{.State.Status}}' "$1" 2>/dev/null) || true
		[ "$s" = "$2" ] && return 0
		sleep 0.1
	done
	echo "container $1: status '$s', expected $2"
	return 1
}

setup_file() {
	command -v newuidmap >/dev/null || skip "newuidmap missing: install uidmap"
	podman_suite_begin || return 1
	export PT
	PT=$(mktemp -d /tmp/hrun-podman-rootless.XXXXXX)
	chmod 755 "$PT"
	if ! id -u "$PM_USER" >/dev/null 2>&1; then
		useradd --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$PM_USER"
		touch "$PT/added-user"
	fi
	local f
	for f in subuid subgid; do
		if ! grep -q "^$PM_USER:" "/etc/$f"; then
			echo "$PM_SUB_LINE" >>"/etc/$f"
			touch "$PT/added-$f"
		fi
	done
	# a home others may cross, as most are: the root of a keep-id user
	# namespace is not the user, and binds sources from under it
	install -d -m 0711 -o "$PM_USER" "$PT/home"
	install -d -m 0700 -o "$PM_USER" "$PT/xdg"
	install -d -o "$PM_USER" "$PT/home/tmp" "$PT/home/.config/containers"
	rootless_containers_conf 'netns = "none"' 'cgroup_manager = "cgroupfs"' \
		>"$PT/home/.config/containers/containers.conf"
	cat >"$PT/home/.config/containers/storage.conf" <<EOF
[storage]
driver = "vfs"
graphroot = "$PT/home/storage"
runroot = "$PT/xdg/containers"
EOF
	chown -R "$PM_USER:" "$PT/home/.config"
	import_busybox "$PT" pmu
	printf '# rootless podman as %s, runtime %s\n' "$PM_USER" "$HRUN" >&3
}

teardown_file() {
	[ -n "${PT:-}" ] && [ -d "$PT" ] || return 0
	pmu rm -a -f -t 0 >/dev/null 2>&1 || true
	# podman's pause process and anything else of the suite's user, gone
	# before userdel (which refuses a user with processes)
	pkill -KILL -u "$PM_USER" 2>/dev/null || true
	for _ in $(seq 50); do pgrep -u "$PM_USER" >/dev/null || break; sleep 0.1; done
	local f
	for f in subuid subgid; do
		[ ! -e "$PT/added-$f" ] || sed -i "/^$PM_SUB_LINE\$/d" "/etc/$f"
	done
	[ ! -e "$PT/added-user" ] || userdel "$PM_USER"
	awk -v p="$PT/" 'index($5, p) == 1 { print $5 }' /proc/self/mountinfo | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	rm -rf "$PT"
}

setup() {
	:
}

teardown() {
	pmu rm -a -f -t 0 >/dev/null 2>&1 || true
	# hrun's state of every container is gone with it
	local left
	left=$(find "$PT/xdg" -path '*/hrun/*' -name state.json 2>/dev/null)
	[ -z "$left" ] || { echo "hrun state left: $left"; return 1; }
}

@test "rootless: run, exit codes pass through" {
	run --separate-stderr pmu run --rm "$IMG" echo hello
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = hello ]
	run pmu run --rm "$IMG" sh -c 'exit 7'
	[ "$status" -eq 7 ]
	run -127 pmu run --rm "$IMG" /nonexistent
}

@test "rootless: --user, --read-only, --tmpfs" {
	run --separate-stderr pmu run --rm --user 1000:1000 "$IMG" sh -c 'echo $(id -u):$(id -g)'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = 1000:1000 ]
	run --separate-stderr pmu run --rm --read-only "$IMG" sh -c 'touch /x || echo refused'
	[ "$status" -eq 0 ]
	[ "$output" = refused ]
	[[ "$stderr" == *"Read-only file system"* ]]
	run --separate-stderr pmu run --rm --read-only --tmpfs /scratch "$IMG" \
		sh -c 'echo ok >/scratch/f && cat /scratch/f && grep " /scratch tmpfs " /proc/mounts'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = ok ]
}

@test "rootless: --userns=keep-id: the user's own id inside" {
	local uid
	uid=$(id -u "$PM_USER")
	run --separate-stderr pmu run --rm --userns=keep-id "$IMG" sh -c 'id -u; touch /tmp/f; stat -c %u /tmp/f'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$uid" ]
	[ "${lines[1]}" = "$uid" ]
}

@test "rootless: exec, logs, stop" {
	run --separate-stderr pmu run -d --name sleeper "$IMG" sh -c 'echo ready; trap "exit 0" TERM; while :; do sleep 0.1; done'
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	wait_status sleeper running
	run --separate-stderr pmu exec sleeper sh -c 'echo in-exec; exit 3'
	[ "$status" -eq 3 ]
	[ "$output" = in-exec ]
	run pmu logs sleeper
	[ "$output" = ready ]
	run pmu stop -t 5 sleeper
	[ "$status" -eq 0 ]
	wait_status sleeper exited
	[ "$(pmu inspect --format '{{.State.ExitCode}}' sleeper)" = 0 ]
}

@test "rootless: -it through a pty" {
	run bash -c "printf 'typed\n' | script -qec 'runuser -u $PM_USER -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=$PT/home XDG_RUNTIME_DIR=$PT/xdg podman --runtime $HRUN run --rm -it $IMG sh -c \"tty; read l; echo got:\\\$l; exit 2\"' /dev/null"
	output=$(tr -d '\r' <<<"$output")
	echo "$output"
	[ "$status" -eq 2 ]
	[[ "$output" == *"/dev/pts/0"* ]]
	[[ "$output" == *"got:typed"* ]]
}
