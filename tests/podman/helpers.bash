# Shared set-up for the podman suite: podman 4.x + conmon driving hrun with a
# PRIVATE store, configuration, network and lock directory, so that the
# machine's own podman state is not read or changed (the one shared file is
# netavark's IPAM database in /run/containers/networks, which podman 4.3
# does not let one move).  One suite runs at a time on a machine (flock on
# /run/lock/hrun-podman-suite.lock), and it removes what it made.
#
# Environment (all optional):
#   HRUN               the runtime under test (default: the top build dir's hrun)
#   HRUN_PODMAN_JSON   1 (default): hrun is in runtime_supports_json, so podman
#                      passes --log-format=json --log FILE; 0: the plain path,
#                      where errors reach podman only through hrun's stderr
#   HRUN_PODMAN_DEBUG  1: every podman call runs with --log-level=debug
#   HRUN_PODMAN_TIMEOUT  seconds for one podman call (default 60)
#   HRUN_PODMAN_KEEP   1: keep the private tree at the end (for post-mortems)
#   HRUN_PODMAN_LOCK_WAIT  seconds to wait for another suite (default 1200)
#   HRUN_PODMAN_TRACE  rc: the wrapper also logs each call's exit status (it
#                      then stays the runtime's parent instead of exec'ing it)
#
# Every runtime call goes through a wrapper, named like the runtime so that
# podman's basename checks still apply, which logs argv to $PT/trace.log; a
# failed test prints the calls it made.

bats_require_minimum_version 1.5.0

. "$(dirname "${BASH_SOURCE[0]}")/conf.bash"

TOP_SRCDIR=${HRUN_TOP_SRCDIR:-$(cd "$BATS_TEST_DIRNAME/../.." && pwd)}
HRUN=${HRUN:-$TOP_SRCDIR/hrun}
IMG=localhost/busybox:latest
BATS_TEST_TIMEOUT=${BATS_TEST_TIMEOUT:-180}

# pm ARGS...: podman with the private store and configuration, bounded in time.
pm() {
	local dbg=()
	[ "${HRUN_PODMAN_DEBUG:-0}" = 1 ] && dbg=(--log-level=debug)
	(
		# bats' own fd 3 must not leak into conmon (bats would wait for
		# it); pm_fd3 puts a file there instead
		if [ -n "${PM_FD3:-}" ]; then exec 3<"$PM_FD3"; else exec 3>&-; fi
		# conmon leaves files (an "oom" marker) in its working directory
		cd "$PT/tmp"
		exec timeout -k 5 "${HRUN_PODMAN_TIMEOUT:-60}" \
			env CONTAINERS_CONF="$PT/containers.conf" \
			CONTAINERS_STORAGE_CONF="$PT/storage.conf" \
			CONTAINERS_REGISTRIES_CONF="$PT/registries.conf" \
			TMPDIR="$PT/tmp" \
			podman --root "$PT/root" --runroot "$PT/runroot" --storage-driver vfs \
			--tmpdir "$PT/libpod" --cgroup-manager cgroupfs --events-backend file \
			--network-config-dir "$PT/networks" \
			--runtime "$PT/bin/$RUNTIME_NAME" "${dbg[@]}" "$@"
	)
}

# pm_fd3 FILE ARGS...: pm with FILE open on fd 3 (for --preserve-fds).
pm_fd3() {
	PM_FD3=$1 pm "${@:2}"
}

# pm_in INPUT ARGS...: pm with INPUT on its stdin.
pm_in() {
	local input=$1
	shift
	printf '%s' "$input" | pm "$@"
}

# cid NAME: the full id of a container.
cid() {
	pm inspect --format '{{.Id}}' "$1"
}

# cpid NAME: the host pid of a running container's init.
cpid() {
	pm inspect --format '{{.State.Pid}}' "$1"
}

# wait_running NAME: until podman reports the container running (10 s).
wait_running() {
	local n s
	for n in $(seq 50); do
		s=$(pm inspect --format '{{.State.Status}}' "$1" 2>/dev/null) || true
		[ "$s" = running ] && return 0
		sleep 0.2
	done
	echo "container $1 not running: status '$s'"
	return 1
}

# wait_exited NAME: until the container has exited (20 s); prints nothing.
wait_exited() {
	local n s
	for n in $(seq 100); do
		s=$(pm inspect --format '{{.State.Status}}' "$1" 2>/dev/null) || true
		case $s in exited | stopped) return 0 ;; esac
		sleep 0.2
	done
	echo "container $1 did not exit: status '$s'"
	return 1
}

# start_sleeper NAME [RUN OPTIONS...]: a detached container that runs until
# killed, waits for it to run and sets SLEEPER to its id.
# The script names the suite's directory: a test looks for its processes by
# that, never by a command line another suite on the machine could run.
start_sleeper() {
	local name=$1
	shift
	run --separate-stderr pm run -d --name "$name" "$@" "$IMG" sh -c "echo ready; while :; do sleep 1; done; : $PT"
	[ "$status" -eq 0 ] || { echo "podman run -d failed ($status): $stderr"; return 1; }
	SLEEPER=$output
	wait_running "$name"
}

# host_cgroup_file CONTROLLER FILE NAME: the path of FILE in the host's v1
# cgroup tree (or the unified tree) of a running container's init.
host_cgroup_file() {
	local ctl=$1 file=$2 pid path
	pid=$(cpid "$3")
	if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
		path=$(awk -F: '$1 == "0" { print $3 }' "/proc/$pid/cgroup")
		echo "/sys/fs/cgroup$path/$file"
	else
		path=$(awk -F: -v c="$ctl" '{ n = split($2, a, ","); for (i = 1; i <= n; i++) if (a[i] == c) print $3 }' "/proc/$pid/cgroup")
		echo "/sys/fs/cgroup/$ctl$path/$file"
	fi
}

# is_hrun: the runtime under test is hrun (hrun-only checks are skipped for
# the reference runtimes).
is_hrun() {
	[ "$RUNTIME_NAME" = hrun ]
}

# hrun_runtime_keys: hrun's runtime_supports_* lines of its containers.conf.
hrun_runtime_keys() {
	grep -E '^runtime_supports_(json|nocgroup) *=' "$TOP_SRCDIR/contrib/containers.conf.d/hrun.conf"
}

# rootless_containers_conf CONTAINERS ENGINE: a rootless user's
# containers.conf on stdout: podman's default ulimits (the maximum, which
# only root may set) brought down, k8s-file logs, events in a file, no
# pulls, hrun's runtime_supports_* keys; CONTAINERS and ENGINE are more
# lines of those tables.
rootless_containers_conf() {
	cat <<EOF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
log_driver = "k8s-file"
$1

[engine]
events_logger = "file"
pull_policy = "never"
$(hrun_runtime_keys)
$2
EOF
}

# import_busybox DIR RUNNER...: $IMG from a busybox rootfs made in DIR (by
# tests/integration/mkrootfs.sh), imported by RUNNER (a podman function,
# which must be able to read DIR); nothing is left in DIR.
import_busybox() {
	local dir=$1 r=0
	shift
	"$TOP_SRCDIR/tests/integration/mkrootfs.sh" "$dir/rootfs"
	tar -C "$dir/rootfs" -cf "$dir/busybox.tar" .
	rm -rf "$dir/rootfs"
	chmod 644 "$dir/busybox.tar"
	"$@" import --change 'CMD ["/bin/sh"]' "$dir/busybox.tar" "$IMG" >/dev/null || r=$?
	rm -f "$dir/busybox.tar"
	return "$r"
}

# podman_suite_begin: what every podman suite (podman.bats, rootless.bats)
# needs, then its lock.
podman_suite_begin() {
	[ "$(id -u)" = 0 ] || skip "needs root"
	command -v podman >/dev/null || skip "podman not installed"
	[ -x "$HRUN" ] || {
		echo "# runtime $HRUN not found: build hrun or set HRUN" >&3
		return 1
	}
	# One suite at a time on a machine: they share the bridge name and
	# subnet, and each one's clean-up would take the other's network
	# namespaces.  The lock lives as long as this bats process.
	exec {PODMAN_LOCK_FD}>/run/lock/hrun-podman-suite.lock
	flock -w "${HRUN_PODMAN_LOCK_WAIT:-1200}" "$PODMAN_LOCK_FD" || {
		echo "# another podman suite holds /run/lock/hrun-podman-suite.lock" >&3
		return 1
	}
}

# Set-up of the whole file: private tree, wrapper, configuration, image and
# network.
setup_file() {
	podman_suite_begin || return 1
	export HRUN IMG
	export RUNTIME_NAME
	RUNTIME_NAME=$(basename "$HRUN")
	export PT
	PT=$(mktemp -d /tmp/hrun-podman.XXXXXX)
	# the root of a user namespace (--uidmap) must reach the container's files
	chmod 755 "$PT"
	mkdir -p "$PT/bin" "$PT/tmp" "$PT/libpod" "$PT/networks" "$PT/root" "$PT/runroot" "$PT/volumes"

	# The runtime wrapper: kill, delete, pause and resume get no PATH at
	# all, so it uses nothing but the shell's builtins and absolute paths.
	# It execs the runtime, so the process tree is podman's own: a shell
	# left as the parent would reap CLONE_PARENT children before conmon.
	# HRUN_PODMAN_TRACE=rc also logs exit statuses, with that caveat.
	if [ "${HRUN_PODMAN_TRACE:-}" = rc ]; then
		cat >"$PT/bin/$RUNTIME_NAME" <<EOF
#!/bin/sh
printf '[%s] %s\n' "\$\$" "\$*" >>'$PT/trace.log'
'$HRUN' "\$@"
rc=\$?
printf '[%s] rc=%s\n' "\$\$" "\$rc" >>'$PT/trace.log'
exit \$rc
EOF
	else
		cat >"$PT/bin/$RUNTIME_NAME" <<EOF
#!/bin/sh
printf '[%s] %s\n' "\$\$" "\$*" >>'$PT/trace.log'
exec '$HRUN' "\$@"
EOF
	fi
	chmod 755 "$PT/bin/$RUNTIME_NAME"
	: >"$PT/trace.log"

	local json_keys=""
	if [ "${HRUN_PODMAN_JSON:-1}" = 1 ]; then
		json_keys=$(hrun_runtime_keys)
	fi
	cat >"$PT/containers.conf" <<EOF
# generated by tests/podman/helpers.bash
[containers]
$(podman_ulimits)
log_driver = "k8s-file"
init_path = "/usr/libexec/podman/catatonit"

[network]
network_backend = "netavark"
network_config_dir = "$PT/networks"
default_network = "hrunnet"

$(podman_engine_conf "$PT")
runtime = "$RUNTIME_NAME"
$json_keys

[engine.runtimes]
$RUNTIME_NAME = ["$PT/bin/$RUNTIME_NAME"]
EOF
	podman_store_conf "$PT"

	# what exists before the suite, to check that it leaves nothing behind
	ls /run/netns 2>/dev/null | sort >"$PT/netns.before"
	iptables-save 2>/dev/null | grep -c NETAVARK >"$PT/netavark.before" || true
	cat /proc/sys/net/ipv4/ip_forward >"$PT/ip_forward.before"
	ls -d /sys/fs/cgroup/*/libpod_parent /sys/fs/cgroup/libpod_parent 2>/dev/null >"$PT/cgroups.before" || true
	# netavark's IPAM database: podman 4.3 always keeps it in
	# /run/containers/networks, shared with the machine's podman
	[ -e /run/containers ] && touch "$PT/run-containers.before"

	import_busybox "$PT" pm
	# a private bridge, not the machine's podman0
	# (podman 4.3's network create has no --interface-name)
	cat >"$PT/networks/hrunnet.json" <<EOF
{
  "name": "hrunnet",
  "id": "$(printf hrunnet | sha256sum | cut -c1-64)",
  "driver": "bridge",
  "network_interface": "hrunpm0",
  "created": "2024-01-01T00:00:00Z",
  "subnets": [{ "subnet": "10.251.77.0/24", "gateway": "10.251.77.1" }],
  "ipv6_enabled": false,
  "internal": false,
  "dns_enabled": false,
  "ipam_options": { "driver": "host-local" }
}
EOF
	printf '# runtime %s (%s), %s path\n' "$HRUN" "$($HRUN --version 2>&1 | head -1)" \
		"$([ -n "$json_keys" ] && echo 'JSON (--log-format=json --log)' || echo 'plain stderr')" >&3
}

teardown_file() {
	[ -n "${PT:-}" ] && [ -d "$PT" ] || return 0
	local ids
	ids=$(awk '/^\[/ && / create / { print $NF }' "$PT/trace.log" | sort -u)
	pm rm -a -f -t 0 >/dev/null 2>&1 || true
	pm network rm -f hrunnet >/dev/null 2>&1 || true
	pm rmi -a -f >/dev/null 2>&1 || true
	# mounts podman or a failed runtime left under the tree (shm, ...)
	awk -v p="$PT/" 'index($5, p) == 1 { print $5 }' /proc/self/mountinfo | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	# cgroups of our containers, and conmon's, if nothing else is in them
	local id d
	for id in $ids; do
		for d in /sys/fs/cgroup/*/libpod_parent/libpod-"$id" /sys/fs/cgroup/libpod_parent/libpod-"$id"; do
			[ -d "$d" ] && rmdir "$d" 2>/dev/null
		done
	done
	# podman's parent cgroup and conmon's, if the suite made them and they
	# are empty
	for d in /sys/fs/cgroup/*/libpod_parent /sys/fs/cgroup/libpod_parent; do
		[ -d "$d" ] && ! grep -qxF "$d" "$PT/cgroups.before" || continue
		rmdir "$d/conmon" 2>/dev/null
		rmdir "$d" 2>/dev/null
	done
	# network namespaces of our containers that podman did not remove
	sort -u "$PT/netns.ours" 2>/dev/null | while read -r n; do
		[ -e "$n" ] && ip netns delete "$(basename "$n")" 2>/dev/null
	done
	# netavark's bridge, and its firewall chains and ip_forward if the
	# suite made them (netavark leaves its base chains forever)
	ip link show hrunpm0 >/dev/null 2>&1 && ip link delete hrunpm0
	if [ "$(cat "$PT/netavark.before" 2>/dev/null)" = 0 ]; then
		remove_netavark_chains
		cat "$PT/ip_forward.before" >/proc/sys/net/ipv4/ip_forward
	fi
	if [ ! -e "$PT/run-containers.before" ]; then
		rm -rf /run/containers/networks
		rmdir /run/containers 2>/dev/null
	fi
	if [ "${HRUN_PODMAN_KEEP:-0}" = 1 ]; then
		echo "# kept $PT" >&3
	else
		rm -rf "$PT"
	fi
}

# remove_netavark_chains: the jumps to netavark's chains, then the chains.
remove_netavark_chains() {
	local t rule c
	for t in filter nat; do
		iptables-save -t "$t" 2>/dev/null |
			grep -E '^-A (INPUT|FORWARD|OUTPUT|PREROUTING|POSTROUTING) .*-j NETAVARK' |
			sed 's/^-A /-D /' | while read -r rule; do
			eval "iptables -t $t $rule"
		done
		for c in $(iptables-save -t "$t" 2>/dev/null | sed -n 's/^:\(NETAVARK[^ ]*\) .*/\1/p'); do
			iptables -t "$t" -F "$c"
		done
		for c in $(iptables-save -t "$t" 2>/dev/null | sed -n 's/^:\(NETAVARK[^ ]*\) .*/\1/p'); do
			iptables -t "$t" -X "$c"
		done
	done
}

setup() {
	printf '### %s %s\n' "$BATS_TEST_NUMBER" "$BATS_TEST_DESCRIPTION" >>"$PT/trace.log"
}

# After each test: remove every container of the private store (force, no
# grace), and on failure show
# the runtime calls the test made.
teardown() {
	pm ps -a -q | while read -r c; do
		pm inspect --format '{{.NetworkSettings.SandboxKey}}' "$c"
	done 2>/dev/null | grep . >>"$PT/netns.ours" || true
	pm rm -a -f -t 0 >/dev/null 2>&1 || true
	if [ -z "${BATS_TEST_COMPLETED:-}" ]; then
		echo "--- runtime calls of this test:"
		sed -n "/^### $BATS_TEST_NUMBER /,\$p" "$PT/trace.log" | tail -n 40
	fi
}
