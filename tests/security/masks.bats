#!/usr/bin/env bats
# Masks and the console bind a device node, never what a path in the
# image names: an image whose /dev/null or /dev/console is a symlink to a
# writable /proc file gets no writable window onto it (CVE-2025-31133,
# CVE-2025-52565).  The /proc file aimed at here is the container's own
# hostname (UTS namespace), so a failure harms nothing outside.

load helpers

BUILDDIR=${HRUN_TOP_BUILDDIR:-$(dirname "$HRUN_ORIG")}

teardown() {
	"$HRUN" delete --force "$ID" >/dev/null 2>&1 || true
	[ -z "${RECV_PID:-}" ] || kill "$RECV_PID" 2>/dev/null || true
	[ -z "${RACER:-}" ] || { kill "$RACER" 2>/dev/null; wait "$RACER" 2>/dev/null; } || true
	assert_nothing_left
}

# the image's own /dev, no tmpfs over it
image_dev() {
	private_rootfs
	update_config 'del(.mounts[] | select(.destination == "/dev" or .destination == "/dev/shm"
		or .destination == "/dev/mqueue")) | .hostname = "clean"'
	mkdir -p "$ROOTFS/dev/pts"
}

@test "a masked path is /dev/null even while another container swaps /dev/null for a symlink" {
	# /dev is a volume shared with an attacker who exchanges its `null`
	# with a symlink to a writable /proc file, as fast as it can
	local vol="$BATS_TEST_TMPDIR/devvol" ok=0
	mkdir -p "$vol/pts"
	mknod -m 666 "$vol/null" c 1 3
	ln -s /proc/sys/kernel/hostname "$vol/evil"
	update_config --arg vol "$vol" 'del(.mounts[] | select(.destination == "/dev"
		or .destination == "/dev/shm" or .destination == "/dev/mqueue"))
		| .mounts += [{"destination": "/dev", "type": "bind", "source": $vol, "options": ["rbind"]}]
		| .hostname = "clean"'
	"$SECURITY_BUILDDIR/swap_race" "$vol/null" "$vol/evil" 60 >/dev/null &
	RACER=$!
	set_args sh -c 'echo pwned >/proc/keys; echo pwned >/proc/timer_list; echo "$(stat -L -c "%t:%T" /proc/keys) $(hostname)"'
	for _ in $(seq 30); do
		hrun_run
		"$HRUN" delete --force "$ID" >/dev/null 2>&1 || true
		[ "$status" -eq 0 ] || continue
		ok=$((ok + 1))
		[ "$output" = "1:3 clean" ] || { echo "run $ok: $output"; return 1; }
	done
	kill "$RACER"; wait "$RACER" || true; RACER=
	# the attack was tried: some runs got through the image checks
	[ "$ok" -gt 0 ]
}

@test "an image whose /dev/console is a symlink gets no console bound where it points" {
	image_dev
	ln -sf /proc/sys/kernel/hostname "$ROOTFS/dev/console"
	update_config '.process.terminal = true'
	set_args sh -c 'grep " /proc/sys/kernel/hostname " /proc/self/mountinfo; echo ran'
	local sock="$BATS_TEST_TMPDIR/tty.sock" out="$BATS_TEST_TMPDIR/tty.out"
	"$BUILDDIR/tests/integration/recvtty" "$sock" >"$out" &
	RECV_PID=$!
	for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.02; done
	# refused (no container ran); a runtime that follows the link binds
	# the pty over the /proc file, and the workload sees that mount
	if "$HRUN" create --bundle "$BUNDLE" --console-socket "$sock" "$ID" 2>/dev/null; then
		"$HRUN" start "$ID"
		wait "$RECV_PID"
		RECV_PID=
		! grep -q "/proc/sys/kernel/hostname" "$out" || { echo "the console was bound on /proc/sys/kernel/hostname"; return 1; }
	fi
	[ "$(cat /proc/sys/kernel/hostname)" != pwned ]
}
