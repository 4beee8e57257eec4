#!/usr/bin/env bats
# Rootless: hrun run by an unprivileged user (a user the suite makes), with
# a user namespace of the config's, and as root of a user namespace of the
# user's own without one in the config (how rootless podman calls its
# runtime).  Every command runs as that user.

load rootless

@test "spec --rootless, run: root in the container, exit codes pass through" {
	rl_args id
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ]
	[ "$output" = "uid=0(root) gid=0(root) groups=0(root)" ]
	rl_args sh -c 'exit 7'
	run "${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 7 ]
}

@test "the state is under \$XDG_RUNTIME_DIR/hrun, private to the user; --root wins" {
	rl_args sleep 100
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	[ "$(stat -c '%a %U' "$XDG/hrun")" = "700 $RL_USER" ]
	[ -f "$XDG/hrun/$ID/state.json" ]
	"${H[@]}" delete --force "$ID"
	"${H[@]}" --root "$XDG/other" create --bundle "$BUNDLE" "$ID"
	[ -f "$XDG/other/$ID/state.json" ]
	[ ! -e "$XDG/hrun/$ID" ]
	"${H[@]}" --root "$XDG/other" delete --force "$ID"
	[ ! -e "$XDG/other/$ID" ]
}

@test "create, start, state, kill, delete" {
	rl_args sleep 100
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	[ "$(state_field status)" = created ]
	pid=$(state_field pid)
	[ "$(stat -c %U "/proc/$pid")" = "$RL_USER" ]
	"${H[@]}" start "$ID"
	wait_status running
	"${H[@]}" kill "$ID" TERM
	wait_status stopped
	"${H[@]}" delete "$ID"
	[ ! -e "$XDG/hrun/$ID" ]
}

@test "exec: its status, and a terminal through the console socket" {
	rl_args sleep 100
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	run "${H[@]}" exec "$ID" id -u
	[ "$status" -eq 0 ]
	[ "$output" = 0 ]
	run "${H[@]}" exec "$ID" sh -c 'exit 4'
	[ "$status" -eq 4 ]
	local sock="$XDG/tty.sock" out="$XDG/tty.out"
	as_user "$RECVTTY" "$sock" >"$out" &
	RECV_PID=$!
	for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.02; done
	"${H[@]}" exec --detach --tty --console-socket "$sock" "$ID" sh -c 'tty; test -t 0 && echo stdin-is-tty'
	wait "$RECV_PID"
	RECV_PID=
	output=$(tr -d '\r' <"$out")
	[[ "$output" == /dev/pts/*"
stdin-is-tty" ]]
}

@test "run in the foreground relays the caller's terminal" {
	rl_config '.process.terminal = true'
	rl_args sh -c 'tty; read line; echo "got:$line"; exit 3'
	run bash -c "printf 'typed\n' | runuser -u $RL_USER -- env XDG_RUNTIME_DIR=$XDG script -qec '$HRUN run --bundle $BUNDLE $ID' /dev/null"
	[ "$status" -eq 3 ]
	output=$(tr -d '\r' <<<"$output")
	[[ "$output" == *"/dev/pts/0"* ]]
	[[ "$output" == *"got:typed"* ]]
}

@test "ps, list, events and kill --all without a cgroup" {
	rl_args sleep 100
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	run "${H[@]}" ps "$ID"
	[ "$status" -eq 0 ]
	[[ "$output" == *"sleep 100"* ]]
	run "${H[@]}" list
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" =~ ^$ID\ +[0-9]+\ +running\ .*\ $RL_USER$ ]]
	# no stats without a cgroup; the stream ends with the container
	"${H[@]}" events "$ID" >"$XDG/events.out" &
	local events=$!
	sleep 0.3
	kill -0 "$events"
	"${H[@]}" kill --all "$ID" KILL
	wait "$events"
	[ ! -s "$XDG/events.out" ]
	run --separate-stderr "${H[@]}" events --stats "$ID"
	assert_one_line_error "has no cgroup"
}

@test "pause, resume and update are refused without a delegated cgroup" {
	rl_args sleep 100
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	for verb in pause resume "update --pids-limit 10"; do
		run --separate-stderr "${H[@]}" $verb "$ID"
		assert_one_line_error "^hrun: .*container \`$ID\` has no cgroup \(cgroup manager disabled, or rootless with none delegated\)$"
	done
	[ "$(state_field status)" = running ]
}

@test "linux.resources without a delegated cgroup: one clear error, nothing left" {
	rl_config '.linux.resources = {"pids": {"limit": 100}}'
	rl_args true
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	assert_one_line_error 'linux.resources need a cgroup, and none is delegated to this user'
}

@test "newuidmap maps 65536 subordinate ids: ids inside, ownership on the host" {
	local shared="$RLDIR/shared-$BATS_TEST_NUMBER"
	install -d -m 1777 "$shared"
	rl_config --arg s "$shared" --argjson h "$RL_SUB_START" --argjson g "$RL_SUBGID_START" '
		.linux.uidMappings = [{"containerID": 0, "hostID": $h, "size": 65536}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": $g, "size": 65536}]
		| .mounts += [{"destination": "/shared", "type": "bind", "source": $s, "options": ["rbind"]}]
		| .process.user = {"uid": 1000, "gid": 1000}'
	rl_args sh -c 'echo $(id -u):$(id -g); cat /proc/self/uid_map; touch /shared/by-1000'
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "1000:1000" ]
	[[ "${lines[1]}" =~ ^\ +0\ +$RL_SUB_START\ +65536$ ]]
	[ "$(stat -c %u:%g "$shared/by-1000")" = "$((RL_SUB_START + 1000)):$((RL_SUBGID_START + 1000))" ]
}

@test "a mapping outside the subordinate ranges is refused by name, nothing left" {
	rl_config '.linux.uidMappings = [{"containerID": 0, "hostID": 42, "size": 65536}]'
	rl_args true
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	assert_one_line_error "^hrun: linux.uidMappings\[0\]: host ids 42-65577 are not in a subordinate range of user \`$RL_USER\` in /etc/subuid$"
}

@test "without a subordinate range: the error names the file and the helper" {
	[ -e "$BATS_FILE_TMPDIR/added-subgid" ] || [ -e "$BATS_FILE_TMPDIR/added-user" ] ||
		skip "the user's /etc/subgid line is not the suite's"
	local line
	line=$(sub_line /etc/subgid)
	rl_config --argjson g "$RL_SUBGID_START" '
		.linux.gidMappings = [{"containerID": 0, "hostID": $g, "size": 65536}]'
	rl_args true
	# the suite's own line, out for this one run
	sed -i "/^$line\$/d" /etc/subgid
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	echo "$line" >>/etc/subgid
	assert_one_line_error "^hrun: linux.gidMappings: user \`$RL_USER\` has no subordinate gid range in /etc/subgid \(newgidmap maps only those besides your own\)$"
}

@test "an rlimit above the user's hard limit is refused by name" {
	local hard
	hard=$(as_user sh -c 'ulimit -Hn')
	rl_config --argjson n "$((hard + 1))" '.process.rlimits = [{"type": "RLIMIT_NOFILE", "hard": $n, "soft": 1024}]'
	rl_args true
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	assert_one_line_error "^hrun: process.rlimits RLIMIT_NOFILE: hard limit $((hard + 1)) is above the current $hard, which only root on the host may raise \(rootless\)$"
}

@test "a failed create leaves nothing: no state, no process of the user" {
	rl_args /no/such/program
	run --separate-stderr "${H[@]}" create --bundle "$BUNDLE" "$ID"
	assert_one_line_error 'no such file or directory'
	[ -z "$(ls -A "$XDG/hrun")" ]
}

# rootless podman's way: the runtime is root of the user's namespace, and
# the config has none of its own
@test "root of a user namespace: a config without one runs; devices and sysfs as they can be" {
	rm "$BUNDLE/config.json"
	"$HRUN" spec --bundle "$BUNDLE"
	rl_config --arg root "$RLDIR/rootfs" '.root.path = $root | .process.terminal = false'
	rl_args sh -c 'id -u; cat /proc/self/uid_map; stat -c "%t:%T %U" /dev/null; grep -c " /sys sysfs " /proc/self/mounts'
	run --separate-stderr as_user_in_userns "$HRUN" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 0 ]
	[[ "${lines[1]}" =~ ^\ +0\ +$(id -u "$RL_USER")\ +1$ ]]
	# the host's node, bound: its owner is nobody's in here
	[ "${lines[2]}" = "1:3 nobody" ]
	[ "${lines[3]}" = 1 ]
	# without a network namespace of its own: the host's sysfs, bound
	rl_config '.linux.namespaces |= map(select(.type != "network"))'
	rl_args sh -c 'grep " /sys " /proc/self/mounts'
	run --separate-stderr as_user_in_userns "$HRUN" run --bundle "$BUNDLE" "$ID"
	[ "$status" -eq 0 ]
	[[ "$output" == *" /sys sysfs ro,"* ]]
}

@test "root of a user namespace: exec, and a lower oomScoreAdj refused by name" {
	rm "$BUNDLE/config.json"
	"$HRUN" spec --bundle "$BUNDLE"
	rl_config --arg root "$RLDIR/rootfs" '.root.path = $root | .process.terminal = false'
	rl_args sleep 100
	# one user namespace for the whole life of the container
	run --separate-stderr as_user_in_userns sh -c "
		'$HRUN' run --detach --bundle '$BUNDLE' '$ID' &&
		'$HRUN' exec '$ID' id -u &&
		'$HRUN' delete --force '$ID'"
	[ "$status" -eq 0 ]
	[ "$output" = 0 ]
	rl_config '.process.oomScoreAdj = -500'
	run --separate-stderr as_user_in_userns "$HRUN" run --bundle "$BUNDLE" "$ID"
	assert_one_line_error '^hrun: process.oomScoreAdj -500 is below the current -?[0-9]+, which only root on the host may lower \(rootless\)$'
}

@test "created: ps shows the init; exec is refused until start (the namespaces are reached through the workload)" {
	rl_args sleep 100
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	# ps shows the init, all there is before start
	run "${H[@]}" ps --format json "$ID"
	[ "$status" -eq 0 ]
	[ "$output" = "[$(state_field pid)]" ]
	run --separate-stderr "${H[@]}" exec "$ID" true
	assert_one_line_error "^hrun: exec: container \`$ID\`: rootless, its namespaces are reached through its workload, and none runs \(created, or ending\)$"
	"${H[@]}" start "$ID"
	run "${H[@]}" exec "$ID" id -u
	[ "$output" = 0 ]
}

@test "--systemd-cgroup with cgroup v1 hierarchies: refused by name, nothing left" {
	[ ! -e /sys/fs/cgroup/cgroup.controllers ] || skip "pure cgroup v2: the VM tier runs the user's manager"
	rl_args true
	run --separate-stderr "${H[@]}" --systemd-cgroup run --bundle "$BUNDLE" "$ID"
	assert_one_line_error 'rootless, the systemd cgroup manager needs cgroup v2 alone'
}

@test "a config without a user namespace, run by the user on the host: refused by name" {
	rm "$BUNDLE/config.json"
	"$HRUN" spec --bundle "$BUNDLE"
	rl_config --arg root "$RLDIR/rootfs" '.root.path = $root | .process.terminal = false'
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	assert_one_line_error '^hrun: rootless, the config needs a user namespace \(linux.namespaces `user` with uidMappings and gidMappings, as `hrun spec --rootless` writes\)$'
}

@test "wide maps without newuidmap on PATH: the error names the helper and its package" {
	rl_config --argjson h "$RL_SUB_START" '
		.linux.uidMappings = [{"containerID": 0, "hostID": $h, "size": 65536}]'
	rl_args true
	run --separate-stderr runuser -u "$RL_USER" -- env -i PATH=/nonexistent XDG_RUNTIME_DIR="$XDG" \
		"$HRUN" run --bundle "$BUNDLE" "$ID"
	assert_one_line_error '^hrun: linux.uidMappings: more than your own uid needs newuidmap \(package uidmap\), not found in PATH$'
}

# rl_time_offsets: a time namespace of the config's, its clocks 1000000 s
# (boottime) and 3600 s (monotonic) ahead of the host's.
rl_time_offsets() {
	rl_config '.linux.namespaces += [{"type": "time"}]
		| .linux.timeOffsets = {"boottime": {"secs": 1000000, "nanosecs": 0},
			"monotonic": {"secs": 3600, "nanosecs": 0}}'
	rl_args sh -c 'cut -d. -f1 /proc/uptime; cat /proc/self/timens_offsets'
}

# the container's uptime is the boottime offset and more; the offsets as set
assert_time_offsets() {
	echo "$stderr"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" -ge 1000000 ]
	[[ "$output" =~ monotonic[[:space:]]+3600[[:space:]]+0 ]]
	[[ "$output" =~ boottime[[:space:]]+1000000[[:space:]]+0 ]]
}

@test "linux.timeOffsets with the user's own id mapped: the container's clocks" {
	rl_time_offsets
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	assert_time_offsets
}

@test "linux.timeOffsets with subordinate ids (newuidmap): the container's clocks, also for exec" {
	rl_config --argjson h "$RL_SUB_START" --argjson g "$RL_SUBGID_START" '
		.linux.uidMappings = [{"containerID": 0, "hostID": $h, "size": 65536}]
		| .linux.gidMappings = [{"containerID": 0, "hostID": $g, "size": 65536}]'
	rl_time_offsets
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	assert_time_offsets
	rl_args sleep 100
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	run --separate-stderr "${H[@]}" exec "$ID" cut -d. -f1 /proc/uptime
	[ "$status" -eq 0 ]
	[ "$output" -ge 1000000 ]
}

@test "linux.timeOffsets as root of a user namespace, the config with none of its own" {
	rm "$BUNDLE/config.json"
	"$HRUN" spec --bundle "$BUNDLE"
	rl_config --arg root "$RLDIR/rootfs" '.root.path = $root | .process.terminal = false'
	rl_time_offsets
	run --separate-stderr as_user_in_userns "$HRUN" run --bundle "$BUNDLE" "$ID"
	assert_time_offsets
}

@test "linux.timeOffsets the kernel refuses: one line naming the clock, nothing left" {
	rl_time_offsets
	rl_config '.linux.timeOffsets.boottime.secs = -1000000000'
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	assert_one_line_error '^hrun: linux.timeOffsets.boottime: cannot write `-1000000000 0` to `/proc/self/timens_offsets` \(the clock would read below 0 or above 146 years\): Numerical result out of range$'
}

@test "linux.timeOffsets in a user namespace joined by path, without root: refused by name" {
	local pidfile="$RLDIR/holder-$BATS_TEST_NUMBER" ns
	as_user sh -c 'echo $$ >"$1"; exec unshare --user --map-root-user sleep 60' sh "$pidfile" &
	local holder=$!
	for _ in $(seq 50); do
		ns=$(cat "$pidfile" 2>/dev/null) || true
		[ -n "$ns" ] && [ "$(readlink /proc/$ns/ns/user)" != "$(readlink /proc/self/ns/user)" ] && break
		sleep 0.1
	done
	rl_time_offsets
	rl_config --arg ns "/proc/$ns/ns/user" '
		.linux.namespaces |= map(if .type == "user" then .path = $ns else . end)
		| del(.linux.uidMappings, .linux.gidMappings)'
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	kill "$ns" 2>/dev/null || true
	wait "$holder" || true
	assert_one_line_error '^hrun: linux.timeOffsets: without root, the offsets need a new user namespace \(not one joined by path\)$'
}

# The kernel id-maps a mount only for CAP_SYS_ADMIN in its filesystem's
# user namespace: the host's, for every filesystem the user can bind.
@test "an id-mapped bind of a host directory: one line naming the bind, nothing left" {
	rl_config --arg s "$RLDIR/rootfs/shared" '.mounts += [{"destination": "/m",
		"type": "bind", "source": $s, "options": ["rbind", "idmap"]}]'
	rl_args true
	run --separate-stderr "${H[@]}" run --bundle "$BUNDLE" "$ID"
	assert_one_line_error "^hrun: id-mapped bind on \`/m\`: without root, the kernel id-maps no mount of the host's filesystems$"
}
