#!/usr/bin/env bats
# Bind sources (TOCTOU): the source of a bind lies in a volume another
# container shares.  That container waits until our container's init
# exists, then swaps the source directory for a symlink to a host
# directory holding a secret, and swaps it back once create is over.  A
# runtime that resolves the source once, before the clone, binds what was
# there; one that resolves it (or binds it by path) later, in the init,
# binds the secret.  Verdict: what the workload reads at its mount point,
# and a marker it writes there appearing in the secret directory.
# Id-mapped binds take the same way in a user namespace (cloned in a
# locked copy of the runtime's mount namespace, then id-mapped): the race,
# and the locks of the host's mounts' flags, are tried on them too.

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
	# what a workload that can write leaves where its bind is
	MARK="written-$BATS_TEST_NUMBER-$$"
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

# race: ITERATIONS containers, each attacked; the verdict over all (and
# in MARKED, how many left $MARK in the volume).  The attacker flips once
# the container's init (the runtime's child in a new pid namespace)
# exists, which is after any point a runtime that resolves once, before
# the clone, looks at the source.
race() {
	local won=0 seen=0 out
	MARKED=0
	for i in $(seq "$ITERATIONS"); do
		out="$BATS_TEST_TMPDIR/out-$i"
		python3 "$ATTACKER" "$SHARED/vol" "$out" "${H[@]}" run --bundle "$BUNDLE" "$ID-$i"
		[ -d "$SHARED/vol/sub" ]
		[ -L "$SHARED/vol/sub.link" ]
		grep -qx volume "$out" && seen=$((seen + 1))
		if grep -q "$SECRET" "$out" || [ -e "$SHARED/secret/$MARK" ]; then
			won=$((won + 1))
		fi
		[ ! -e "$SHARED/vol/sub/$MARK" ] || MARKED=$((MARKED + 1))
		rm -f "$SHARED/secret/$MARK" "$SHARED/vol/sub/$MARK"
	done
	echo "the secret was reached in $won of $ITERATIONS containers; the volume in $seen"
	[ "$won" -eq 0 ]
	# the attack must not have made every create fail either
	[ "$seen" -gt 0 ]
}

@test "a bind source swapped for a symlink while the container is made never shows the host's secret" {
	race
}

userns_config() {
	update_config '.linux.namespaces += [{"type": "user"}]
		| .linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]'
}

@test "the same in a user namespace" {
	userns_config
	race
}

# Id-mapped, writable: the container's root owns the volume through the
# mount and leaves its marker there; in the secret directory, never.
@test "an id-mapped bind source swapped for a symlink: neither the secret read nor a marker left by it" {
	userns_config
	update_config '.mounts[-1].options = ["rbind", "idmap"]'
	set_args sh -c "cat /tmp/content; touch /tmp/$MARK"
	race
	# the marker is a verdict: the workload could leave it where its bind was
	[ "$MARKED" -gt 0 ]
}

# The kernel locks a host mount's flags only in a mount namespace copied
# for another user namespace: an id-mapped clone of a read-only host mount
# made in the runtime's own namespace had no lock, and the container's
# root (CAP_SYS_ADMIN in its user namespace) remounted it read-write and
# wrote through it.  The read-only mount is made in a mount namespace of
# the test's own, in which hrun runs: the host's table stays as it is.
@test "an id-mapped bind of a read-only host mount stays read-only for the container's root" {
	local src="$OUTSIDE/ro-src-$BATS_TEST_NUMBER-$$" ro="$OUTSIDE/ro-$BATS_TEST_NUMBER-$$"
	mkdir -p "$src" "$ro"
	userns_config
	update_config --arg s "$ro" '.mounts[-1] = {"destination": "/tmp", "type": "bind",
			"source": $s, "options": ["rbind", "idmap"]}
		| .process.capabilities.bounding += ["CAP_SYS_ADMIN"]
		| .process.capabilities.effective += ["CAP_SYS_ADMIN"]
		| .process.capabilities.permitted += ["CAP_SYS_ADMIN"]'
	set_args sh -c "mount -o remount,bind,rw /tmp; touch /tmp/$MARK; ls /tmp"
	run unshare -m --propagation private sh -c '
		mount --bind "$1" "$2" && mount -o remount,bind,ro "$2" &&
		exec "$3" run --bundle "$4" "$5"' sh "$src" "$ro" "$HRUN" "$BUNDLE" "$ID"
	echo "$output"
	[ ! -e "$src/$MARK" ]
	rm -rf "$src" "$ro"
}
