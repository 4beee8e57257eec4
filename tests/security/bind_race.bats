#!/usr/bin/env bats
# Bind sources (TOCTOU): the source of a bind lies in a volume another
# container shares.  That container waits until our container's init
# exists, then swaps the source directory for a symlink to a host
# directory holding a secret, and swaps it back once create is over.  A
# runtime that resolves the source once, before the clone, binds what was
# there; one that resolves it (or binds it by path) later, in the init,
# binds the secret.  Verdict: what the workload reads at its mount point.

load helpers

ITERATIONS=${BIND_RACE_ITERATIONS:-60}

setup() {
	setup_bundle
	STATE_ROOT="$BATS_TEST_TMPDIR/state"
	H=("$HRUN" --root "$STATE_ROOT")
	SHARED="$OUTSIDE/shared-$BATS_TEST_NUMBER-$$"
	SECRET="secret-$BATS_TEST_NUMBER-$$-$RANDOM"
	mkdir -p "$SHARED/vol/sub" "$SHARED/secret"
	echo "$SECRET" >"$SHARED/secret/content"
	echo "volume" >"$SHARED/vol/sub/content"
	# the other container's symlink, relative, as it would make it
	ln -s ../secret "$SHARED/vol/sub.link"
	update_config --arg s "$SHARED/vol/sub" \
		'.mounts += [{"destination": "/data", "type": "bind", "source": $s, "options": ["rbind", "ro"]}]'
	set_args cat /data/content
	ATTACKER="$BATS_TEST_TMPDIR/attacker.py"
	# starts the create itself, so that it watches from the first instant
	cat >"$ATTACKER" <<-'PY'
		import ctypes, os, subprocess, sys, time
		libc = ctypes.CDLL(None, use_errno=True)
		AT_FDCWD, RENAME_EXCHANGE = -100, 2
		vol, out, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
		def swap():
		    if libc.renameat2(AT_FDCWD, f"{vol}/sub".encode(), AT_FDCWD,
		                      f"{vol}/sub.link".encode(), RENAME_EXCHANGE) != 0:
		        sys.exit("renameat2: " + os.strerror(ctypes.get_errno()))
		with open(out, "w") as f:
		    p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT)
		children = f"/proc/{p.pid}/task/{p.pid}/children"
		try:
		    while p.poll() is None and not open(children).read().strip():
		        pass
		except FileNotFoundError:
		    pass
		if p.poll() is None:
		    swap()               # the init exists: sub is the symlink now
		    p.wait()
		    swap()
		p.wait()
	PY
}

teardown() {
	rm -rf "$SHARED"
	assert_nothing_left
}

@test "a bind source swapped for a symlink while the container is made never shows the host's secret" {
	local won=0 seen=0 out
	for i in $(seq "$ITERATIONS"); do
		out="$BATS_TEST_TMPDIR/out-$i"
		python3 "$ATTACKER" "$SHARED/vol" "$out" "${H[@]}" run --bundle "$BUNDLE" "$ID-$i"
		[ -d "$SHARED/vol/sub" ] && [ -L "$SHARED/vol/sub.link" ]
		grep -qx volume "$out" && seen=$((seen + 1))
		grep -q "$SECRET" "$out" && won=$((won + 1))
	done
	echo "the secret was read in $won of $ITERATIONS containers; the volume in $seen"
	[ "$won" -eq 0 ]
	# the attack must not have made every create fail either
	[ "$seen" -gt 0 ]
}
