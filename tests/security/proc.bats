#!/usr/bin/env bats
# A fake /proc (CVE-2019-16884, CVE-2023-27561): what hrun reads from or
# writes to /proc for a container must be the kernel's, whatever the image,
# the config or the workload put at /proc.  The verdicts: capability sets
# read back from the exec'd process, the oom_score_adj the kernel holds,
# markers of a workload that must never have run.

load helpers

setup() {
	setup_state
}

teardown() {
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	assert_binary_intact
}

# Nothing of a refused create is left: no state directory, no cgroup, no
# mount of its rootfs, no process of its id.
assert_nothing_of_id_left() {
	[ ! -e "$STATE_ROOT/$ID" ] || { echo "state directory left"; return 1; }
	! ls -d /sys/fs/cgroup/"$ID" /sys/fs/cgroup/*/"$ID" 2>/dev/null || { echo "cgroup left"; return 1; }
	! grep -F "$ROOTFS" /proc/self/mountinfo || { echo "mount left"; return 1; }
	! pgrep -f -- "$ID" || { echo "process left"; return 1; }
}

# bind_seen: a host directory bound on /seen, where a workload that would
# run leaves its marker.
bind_seen() {
	mkdir -p "$OUTSIDE/seen"
	update_config --arg o "$OUTSIDE/seen" '.mounts += [{"destination": "/seen", "type": "bind", "source": $o, "options": ["rbind"]}]'
}

# refused_unrun WHAT: run must fail without the workload having run (its
# marker in /seen), and leave nothing.
refused_unrun() {
	local m
	m=$(marker "ran-${1//[^a-z]/-}")
	set_args sh -c "touch /seen/${m##*/}"
	run "${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ ! -e "$OUTSIDE/seen/${m##*/}" ] || { echo "$1: the workload ran"; return 1; }
	[ "$status" -ne 0 ]
	assert_nothing_of_id_left
}

# kernel_dir_symlink DIR: the image's /DIR is a symlink to a directory of
# fakes.  create must refuse it: no workload, nothing left.
kernel_dir_symlink() {
	private_rootfs
	mkdir -p "$ROOTFS/fake$1/sys/kernel"
	echo 0 >"$ROOTFS/fake$1/sys/kernel/cap_last_cap"
	rm -rf "${ROOTFS:?}/$1"
	ln -s "/fake$1" "$ROOTFS/$1"
	bind_seen
	refused_unrun "a rootfs with /$1 a symlink"
}

@test "a rootfs whose /proc is a symlink is refused, nothing left" {
	kernel_dir_symlink proc
}

@test "a rootfs whose /sys is a symlink is refused, nothing left" {
	kernel_dir_symlink sys
}

@test "a rootfs whose /dev is a symlink is refused, nothing left" {
	kernel_dir_symlink dev
}

# A mount under /sys whose path in the image passes a symlink: its
# destination given absolute, then relative (runtime-spec 1.1: relative to
# /), which must be checked as the same path.
@test "a mount whose path under /sys is a symlink in the rootfs is refused, relative or not" {
	local dest
	private_rootfs
	mkdir -p "$ROOTFS/fakefs/cgroup"
	rm -rf "${ROOTFS:?}/sys/fs"
	ln -s /fakefs "$ROOTFS/sys/fs"
	bind_seen
	for dest in /sys/fs/cgroup sys/fs/cgroup; do
		update_config --arg d "$dest" '(.mounts[] | select(.type == "cgroup")).destination = $d'
		refused_unrun "$dest through a symlink"
	done
}

# Caps 0 (CHOWN) and 5 (KILL): what the exec'd process may hold, nothing else.
EXEC_CAPS=0000000000000021

# exec_caps_after SETUP: a workload with CAP_SYS_ADMIN runs SETUP (a fake
# cap_last_cap saying 0), then `exec` with CAP_CHOWN and CAP_KILL and
# noNewPrivileges false (podman's default): the process's sets, read back
# from the kernel through the host's /proc, are exactly those two.
exec_caps_after() {
	local pid
	update_config '.process.capabilities |= map_values(. + ["CAP_SYS_ADMIN"]) | .process.noNewPrivileges = false'
	set_args sleep 1000
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	run "${H[@]}" exec --cwd / "$ID" sh -c "$1; cat /proc/sys/kernel/cap_last_cap"
	[ "$output" = 0 ] || { echo "the workload could not fake cap_last_cap: $output"; return 1; }
	jq '.process | .args = ["sleep", "1000"] | .cwd = "/" | .noNewPrivileges = false
		| .capabilities = {"bounding": ["CAP_CHOWN", "CAP_KILL"], "effective": ["CAP_CHOWN", "CAP_KILL"],
		                   "permitted": ["CAP_CHOWN", "CAP_KILL"]}' "$BUNDLE/config.json" >"$BATS_TEST_TMPDIR/process.json"
	"${H[@]}" exec --detach --pid-file "$BATS_TEST_TMPDIR/exec.pid" \
		--process "$BATS_TEST_TMPDIR/process.json" "$ID"
	pid=$(cat "$BATS_TEST_TMPDIR/exec.pid")
	for set in Bnd Eff Prm; do
		grep -q "^Cap$set:	$EXEC_CAPS\$" "/proc/$pid/status" || {
			echo "Cap$set is not $EXEC_CAPS:"
			grep ^Cap "/proc/$pid/status"
			return 1
		}
	done
}

@test "exec's capabilities hold with a file saying 0 bound on /proc/sys/kernel/cap_last_cap" {
	exec_caps_after 'echo 0 >/dev/shm/zero && mount --bind /dev/shm/zero /proc/sys/kernel/cap_last_cap'
}

@test "exec's capabilities hold with a tmpfs of fakes mounted on /proc" {
	exec_caps_after 'mount -t tmpfs none /proc && mkdir -p /proc/sys/kernel /proc/self && echo 0 >/proc/sys/kernel/cap_last_cap'
}

# oomScoreAdj with the config's own volume over /proc, holding a file
# where /proc/self/oom_score_adj would be: the value reaches the kernel
# (read through the host's procfs) for the init, and so for the workload,
# and for an exec'd process; the volume's file on the host is untouched.
@test "oom_score_adj is the kernel's with a volume over /proc" {
	local fake="$OUTSIDE/fakeproc" pid
	mkdir -p "$fake/self"
	echo untouched >"$fake/self/oom_score_adj"
	update_config --arg f "$fake" '.process.oomScoreAdj = 123
		| .mounts += [{"destination": "/proc", "type": "bind", "source": $f, "options": ["rbind"]}]'
	set_args sleep 1000
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	pid=$("${H[@]}" state "$ID" | jq .pid)
	[ "$(cat "/proc/$pid/oom_score_adj")" = 123 ] || { echo "the init's oom_score_adj is $(cat "/proc/$pid/oom_score_adj")"; return 1; }
	"${H[@]}" exec --detach --pid-file "$BATS_TEST_TMPDIR/exec.pid" "$ID" sleep 1000
	pid=$(cat "$BATS_TEST_TMPDIR/exec.pid")
	[ "$(cat "/proc/$pid/oom_score_adj")" = 123 ] || { echo "the exec'd process's oom_score_adj is $(cat "/proc/$pid/oom_score_adj")"; return 1; }
	[ "$(cat "$fake/self/oom_score_adj")" = untouched ] || { echo "the write went to the host's file"; return 1; }
}
