#!/usr/bin/env bats
# Bind sources (TOCTOU): the source of a bind lies in a volume another
# container shares.  That container waits until our container's init
# exists, then swaps the source directory for a symlink to a host
# directory holding a secret, and swaps it back once create is over.  A
# runtime that resolves the source once, before the clone, binds what was
# there; one that resolves it (or binds it by path) later, in the init,
# binds the secret.  Verdict: what the workload reads at its mount point.

load helpers

ITERATIONS=${BIND_RACE_ITERATIONS:-50}

setup() {
	setup_state
	SHARED="$OUTSIDE/shared-$BATS_TEST_NUMBER-$$"
	SECRET="secret-$BATS_TEST_NUMBER-$$-$RANDOM"
	mkdir -p "$SHARED/vol/sub" "$SHARED/secret"
	echo "$SECRET" >"$SHARED/secret/content"
	echo "volume" >"$SHARED/vol/sub/content"
	# the other container's symlink, relative, as it would make it
	ln -s ../secret "$SHARED/vol/sub.link"
	update_config --arg s "$SHARED/vol/sub" \
		'.mounts += [{"destination": "/tmp", "type": "bind", "source": $s, "options": ["rbind", "ro"]}]'
	set_args cat /tmp/content
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
		ours = os.readlink(f"/proc/{p.pid}/ns/pid")
		def init_exists():
		    # the init is the child in a pid namespace of its own
		    for c in open(children).read().split():
		        try:
		            if os.readlink(f"/proc/{c}/ns/pid") != ours:
		                return True
		        except OSError:
		            pass
		    return False
		try:
		    while p.poll() is None and not init_exists():
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

# race: ITERATIONS containers, each attacked; the verdict over all.  The
# attacker flips once the container's init (the runtime's child in a new
# pid namespace) exists, which is after any point a runtime that resolves
# once, before the clone, looks at the source.
race() {
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

@test "a bind source swapped for a symlink while the container is made never shows the host's secret" {
	race
}

@test "the same in a user namespace" {
	update_config '.linux.namespaces += [{"type": "user"}]
		| .linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]'
	race
}
