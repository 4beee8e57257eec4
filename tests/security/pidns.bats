#!/usr/bin/env bats
# Joining a pid namespace (CVE-2016-9962): a new init that joins another
# container's pid namespace appears there while its root is still the
# host's.  An attacker in that container, root with the default
# capabilities, loops over /proc/<pid>/root and /proc/<pid>/cwd of every
# process it sees, to read a secret outside any rootfs and to make a
# marker there.  Verdict: the marker and the loot.

load helpers

setup() {
	setup_state
}

teardown() {
	for k in $(seq 20); do
		"${H[@]}" delete --force "$ID-b$k" >/dev/null 2>&1 || true
	done
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	assert_binary_intact
}

@test "an init joining a pid namespace (new user namespace) is out of reach of that namespace" {
	# (not `i`: bats' `run` sets it)
	local secret="secret-$BATS_TEST_NUMBER-$$-$RANDOM" m apid pid k b="$BATS_TEST_TMPDIR/b" shared=$ROOTFS
	echo "$secret" >"$OUTSIDE/secret"
	m=$(marker procroot)
	# B: the file's rootfs (readable by the mapped uids), a new user
	# namespace, A's pid namespace; no /proc of its own (mounting one
	# needs CAP_SYS_ADMIN over A's pid namespace, which B has not)
	mkdir -p "$b"
	jq --arg r "$shared" '.root.path = $r | .process.args = ["true"]
		| .linux.namespaces += [{"type": "user"}]
		| .linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .mounts |= map(select(.destination != "/proc"))' "$BUNDLE/config.json" >"$b/config.json.in"
	# A: the attacker, for as long as the creates take
	private_rootfs
	install_attacker procroot
	set_args /procroot 120 "$OUTSIDE/secret" "$m" /dev/shm/loot
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	apid=$("${H[@]}" state "$ID" | jq .pid)
	jq --arg p "/proc/$apid/ns/pid" '.linux.namespaces |= map(if .type == "pid" then .path = $p else . end)' \
		"$b/config.json.in" >"$b/config.json"
	for k in $(seq 20); do
		# (not `run`: the init would hold its output pipe)
		"${H[@]}" create --bundle "$b" "$ID-b$k" 2>"$BATS_TEST_TMPDIR/err" || {
			echo "create $k failed: $(cat "$BATS_TEST_TMPDIR/err")"
			return 1
		}
		pid=$("${H[@]}" state "$ID-b$k" | jq .pid)
		# the state holds the init's host pid: in A's pid namespace, in B's cgroup
		[ "$(readlink "/proc/$pid/ns/pid")" = "$(readlink "/proc/$apid/ns/pid")" ] || { echo "pid $pid is not B's init"; return 1; }
		grep -q "/$ID-b$k\$" "/proc/$pid/cgroup" || { echo "pid $pid is not in B's cgroup"; return 1; }
		"${H[@]}" delete --force "$ID-b$k"
	done
	[ ! -e "$m" ] || { echo "the attacker made $m on the host"; return 1; }
	! grep -qF "$secret" "/proc/$apid/root/dev/shm/loot" 2>/dev/null || { echo "the attacker read the host's secret"; return 1; }
	[ -d "/proc/$apid" ] || { echo "the attacker is gone: no verdict"; return 1; }
}

# Joining A's user and pid namespaces: the runtime must record and place
# the init's host pid.  The pid it would see inside A's namespace (a small
# number) names some other process of the host, which would be moved into
# B's cgroup and signalled as B's init.
@test "an init joining another container's user and pid namespaces is known by its host pid" {
	local apid pid nspid b="$BATS_TEST_TMPDIR/b"
	update_config '.linux.namespaces += [{"type": "user"}]
		| .linux.uidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": 100000, "size": 65536}]'
	set_args sleep 1000
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	apid=$("${H[@]}" state "$ID" | jq .pid)
	mkdir -p "$b"
	jq --arg u "/proc/$apid/ns/user" --arg p "/proc/$apid/ns/pid" '.process.args = ["true"]
		| .linux.namespaces |= map(if .type == "pid" then .path = $p elif .type == "user" then .path = $u else . end)
		| del(.linux.uidMappings, .linux.gidMappings)' "$BUNDLE/config.json" >"$b/config.json"
	"${H[@]}" create --bundle "$b" "$ID-b1" 2>"$BATS_TEST_TMPDIR/err" || {
		echo "create failed: $(cat "$BATS_TEST_TMPDIR/err")"
		return 1
	}
	pid=$("${H[@]}" state "$ID-b1" | jq .pid)
	nspid=$(awk '/^NSpid:/ { print $3 }' "/proc/$pid/status")
	[ -n "$nspid" ] && [ "$nspid" != "$pid" ] || { echo "pid $pid is not in A's pid namespace"; return 1; }
	grep -q "/$ID-b1\$" "/proc/$pid/cgroup" || { echo "B's init $pid is not in B's cgroup"; return 1; }
	! grep -q "/$ID-b1\$" "/proc/$nspid/cgroup" 2>/dev/null || { echo "host process $nspid was moved into B's cgroup"; return 1; }
}

# A pod member (B joins A's pid namespace, no user namespace) given
# CAP_SYS_PTRACE follows its init's fds through /proc/<init>/fd: the init
# keeps a procfs for its last sweep, which was the host's, and through it
# every host process's root (the host's files).  Verdict: the secret
# outside any rootfs, a marker there.
@test "a pod member with CAP_SYS_PTRACE reaches nothing of the host through its init's fds" {
	local secret="secret-$BATS_TEST_NUMBER-$$-$RANDOM" m apid b="$BATS_TEST_TMPDIR/b"
	echo "$secret" >"$OUTSIDE/secret"
	m=$(marker initfd)
	set_args sleep "$LONG"
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	apid=$("${H[@]}" state "$ID" | jq .pid)
	mkdir -p "$b"
	jq --arg p "/proc/$apid/ns/pid" --arg s "$OUTSIDE/secret" --arg m "$m" \
		'.linux.namespaces |= map(if .type == "pid" then .path = $p else . end)
		| .process.capabilities |= map_values(. + ["CAP_SYS_PTRACE"])
		| .process.args = ["sh", "-c", "init=$(cut -d\" \" -f4 /proc/$$/stat); echo init=$(cat /proc/$init/comm)
			for f in /proc/$init/fd/*; do for d in $f/[0-9]*; do cat $d/root\($s); touch $d/root\($m); done; done 2>/dev/null; true"]' \
		"$BUNDLE/config.json" >"$b/config.json"
	run "${H[@]}" run --bundle "$b" "$ID-b1"
	[ "${lines[0]}" = init=hrun-init ] || { echo "no verdict: $output"; return 1; }
	[[ "$output" != *"$secret"* ]] || { echo "the pod member read the host's secret"; return 1; }
	[ ! -e "$m" ] || { echo "the pod member made $m on the host"; return 1; }
}
