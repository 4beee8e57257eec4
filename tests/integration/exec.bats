#!/usr/bin/env bats
# hrun exec: a new process in a running container, with every flag.

load helpers

setup() {
	setup_state
	set_args sleep 100
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
}

teardown() {
	"${H[@]}" delete --force "$ID" >/dev/null 2>&1 || true
	assert_nothing_left
}

@test "exec runs in every namespace of the workload (pid 2)" {
	run "${H[@]}" exec "$ID" sh -c 'for n in mnt pid net ipc uts cgroup; do [ "$(readlink /proc/2/ns/$n)" = "$(readlink /proc/self/ns/$n)" ] || echo "$n differs"; done; hostname'
	[ "$status" -eq 0 ]
	[ "$output" = hrun ]
}

@test "exec exits with the process's status" {
	run "${H[@]}" exec "$ID" sh -c 'exit 42'
	[ "$status" -eq 42 ]
}

@test "exec of a missing program fails with runc's words" {
	run --separate-stderr "${H[@]}" exec "$ID" /bin/nope
	assert_one_line_error "no such file or directory"
	run --separate-stderr "${H[@]}" exec "$ID" nope-cmd
	assert_one_line_error "executable file not found in \\\$PATH"
}

@test "exec --env, --cwd" {
	run "${H[@]}" exec --env FOO=bar -e PATH=/bin --cwd /tmp "$ID" sh -c 'echo $FOO $PATH; pwd'
	[ "${lines[0]}" = "bar /bin" ]
	[ "${lines[1]}" = /tmp ]
}

@test "exec: HOME, when the env has none, from the container's /etc/passwd, as runc" {
	run "${H[@]}" exec "$ID" sh -c 'echo "$HOME"'
	[ "$output" = /root ]
	run "${H[@]}" exec --user 1000 "$ID" sh -c 'echo "$HOME"'
	[ "$output" = / ]
	run "${H[@]}" exec --env HOME=/given "$ID" sh -c 'echo "$HOME"'
	[ "$output" = /given ]
}

@test "exec --user and --additional-gids" {
	run "${H[@]}" exec --user 1000:1001 --additional-gids 10,20 "$ID" sh -c 'id -u; id -g; grep Groups /proc/self/status'
	[ "${lines[0]}" = 1000 ]
	[ "${lines[1]}" = 1001 ]
	[[ "${lines[2]}" =~ Groups:[[:space:]]+10[[:space:]]20 ]]
}

@test "exec --user rejects what is not UID[:GID]" {
	run --separate-stderr "${H[@]}" exec --user root "$ID" true
	assert_one_line_error "expected UID\[:GID\]"
	run --separate-stderr "${H[@]}" exec --user 1:-2 "$ID" true
	assert_one_line_error "expected UID\[:GID\]"
}

@test "exec --cap adds a capability, never to the inheritable set" {
	run "${H[@]}" exec --cap CAP_SYS_ADMIN "$ID" sh -c 'grep -E "^Cap(Inh|Eff)" /proc/self/status'
	[[ "$output" == *"CapInh:	0000000000000000"* ]]
	[[ "$output" == *"CapEff:	0000000020200420"* ]]
}

@test "exec --no-new-privs" {
	update_config '.process.noNewPrivileges = false'
	"${H[@]}" delete --force "$ID"
	"${H[@]}" run --detach --bundle "$BUNDLE" "$ID"
	run "${H[@]}" exec "$ID" grep NoNewPrivs /proc/self/status
	[[ "$output" =~ NoNewPrivs:[[:space:]]+0 ]]
	run "${H[@]}" exec --no-new-privs "$ID" grep NoNewPrivs /proc/self/status
	[[ "$output" =~ NoNewPrivs:[[:space:]]+1 ]]
}

@test "exec --process takes the whole process from a file" {
	cat >"$BATS_TEST_TMPDIR/p.json" <<'JSON'
{"args": ["sh", "-c", "echo $X; pwd; id -u"], "env": ["X=from-file", "PATH=/bin"], "cwd": "/tmp", "user": {"uid": 7, "gid": 7}}
JSON
	run "${H[@]}" exec --process "$BATS_TEST_TMPDIR/p.json" "$ID"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = from-file ]
	[ "${lines[1]}" = /tmp ]
	[ "${lines[2]}" = 7 ]
}

@test "exec --process with bad JSON names the file and the field" {
	echo '{"args": "sh"}' >"$BATS_TEST_TMPDIR/p.json"
	run --separate-stderr "${H[@]}" exec --process "$BATS_TEST_TMPDIR/p.json" "$ID"
	assert_one_line_error "p\.json: args: must be a non-empty array of strings"
}

@test "exec --detach --pid-file returns at once with the pid written" {
	"${H[@]}" exec --detach --pid-file "$BATS_TEST_TMPDIR/pid" "$ID" sleep 50
	pid=$(cat "$BATS_TEST_TMPDIR/pid")
	[ "$(cat /proc/$pid/comm)" = sleep ]
	[ "$(readlink /proc/$pid/ns/pid)" = "$(readlink /proc/$("${H[@]}" state "$ID" | jq .pid)/ns/pid)" ]
}

@test "exec --preserve-fds passes an fd through" {
	run "${H[@]}" exec --preserve-fds 1 "$ID" sh -c 'cat <&3' 3<<<"through-fd-3"
	[ "$output" = through-fd-3 ]
}

@test "exec closes every other fd" {
	run "${H[@]}" exec "$ID" sh -c 'ls /proc/self/fd | tr "\n" " "' 5</dev/null 7</dev/null
	[ "$output" = "0 1 2 3 " ]
}

@test "a signal sent to exec reaches the process" {
	"${H[@]}" exec "$ID" sh -c 'trap "exit 9" TERM; while :; do sleep 0.05; done' &
	pid=$!
	sleep 0.5
	kill -TERM "$pid"
	status=0
	wait "$pid" || status=$?
	[ "$status" -eq 9 ]
}

# CLONE_PARENT: conmon, a subreaper above hrun, reaps an exec'd process
# and reads its status only if it is hrun's own child, not the middle's.
@test "exec's process is hrun's child, in the container's pid namespace" {
	"${H[@]}" exec "$ID" sh -c 'echo $$ >/dev/shm/exec-child; exec sleep 30' &
	hrun_pid=$!
	for _ in $(seq 100); do
		inner=$("${H[@]}" exec "$ID" cat /dev/shm/exec-child 2>/dev/null) && break
		sleep 0.05
	done
	[ -n "$inner" ]
	init=$("${H[@]}" state "$ID" | jq .pid)
	child=$(pgrep -P "$hrun_pid")
	[ "$(awk '/^NSpid:/ { print $3 }' /proc/$child/status)" = "$inner" ]
	[ "$(readlink /proc/$child/ns/pid)" = "$(readlink /proc/$init/ns/pid)" ]
	kill -KILL "$child"
	wait "$hrun_pid" || true
}

@test "exec's process leads a session and process group of its own" {
	run "${H[@]}" exec "$ID" sh -c 'echo "$$ $$"; cut -d" " -f5,6 /proc/$$/stat'
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "${lines[0]}" ]
}

# exec applies the process's LSM labels as create does (the middle writes
# them through the host's /proc before it joins), so it refuses, as create
# does, a label whose LSM the host has not: the process must not run
# unconfined.
@test "exec with an AppArmor profile or SELinux label the host lacks is refused; nothing runs" {
	[ "$(cat /sys/module/apparmor/parameters/enabled 2>/dev/null)" != Y ] || skip "AppArmor is enabled here"
	[ ! -e /sys/fs/selinux/enforce ] || skip "SELinux is enabled here"
	run --separate-stderr "${H[@]}" exec --apparmor hrun-test "$ID" touch /dev/shm/ran-apparmor
	assert_one_line_error 'process.apparmorProfile: AppArmor is not enabled on this host$'
	[ "$status" -eq 255 ]
	run --separate-stderr "${H[@]}" exec --process-label system_u:system_r:container_t:s0 "$ID" touch /dev/shm/ran-selinux
	assert_one_line_error 'process.selinuxLabel: SELinux is not enabled on this host$'
	run "${H[@]}" exec "$ID" ls /dev/shm
	[[ "$output" != *ran-* ]]
}

# the mount a file is open on, from its fdinfo
mnt_id_of() {
	awk '/^mnt_id:/ { print $2 }' /proc/self/fdinfo/9 9<"$1"
}

# Sealed against CVE-2019-5736 by taking the init's sealed binary (the
# same file, on its read-only mount of its own), not a mount of exec's own
@test "exec runs from the init's sealed binary, not from the host's" {
	"${H[@]}" exec "$ID" sleep 30 &
	hrun_pid=$!
	for _ in $(seq 100); do
		pgrep -P "$hrun_pid" >/dev/null && break
		sleep 0.05
	done
	init=$("${H[@]}" state "$ID" | jq .pid)
	exe=$(mnt_id_of "/proc/$hrun_pid/exe")
	[ -n "$exe" ]
	[ "$exe" = "$(mnt_id_of "/proc/$init/exe")" ]
	[ "$exe" != "$(mnt_id_of "$HRUN")" ]
	kill -KILL "$(pgrep -P "$hrun_pid")"
	wait "$hrun_pid" || true
}

@test "exec into a stopped container is refused" {
	"${H[@]}" kill "$ID" KILL
	for _ in $(seq 50); do
		[ "$("${H[@]}" state "$ID" | jq -r .status)" = stopped ] && break
		sleep 0.1
	done
	run --separate-stderr "${H[@]}" exec "$ID" true
	assert_one_line_error "is stopped"
}

@test "exec of an unknown container is refused" {
	run --separate-stderr "${H[@]}" exec no-such true
	assert_one_line_error "does not exist"
}

@test "the init cannot be inspected from an exec'd process: it is not dumpable" {
	run "${H[@]}" exec "$ID" readlink /proc/1/exe
	[ "$status" -ne 0 ]
}

@test "exec joins the container's cgroup in every hierarchy" {
	run "${H[@]}" exec "$ID" sh -c 'cat /proc/self/cgroup'
	[ "$status" -eq 0 ]
	local init_pid
	init_pid=$("${H[@]}" state "$ID" | jq .pid)
	# from the host: the exec'd process's cgroups are the init's
	"${H[@]}" exec --detach --pid-file "$BATS_TEST_TMPDIR/pid" "$ID" sleep 30
	diff <(cut -d: -f2- /proc/$init_pid/cgroup) <(cut -d: -f2- /proc/$(cat "$BATS_TEST_TMPDIR/pid")/cgroup)
}

cpus() { awk '/^Cpus_allowed_list/ { print $2 }' "$1"; }

# exec holds hrun, its middle process and the new process on one cpu
# until the execve (util/cpu_pin.h); the program gets the affinity it
# would have had: its cpuset's, or without a cgroup the caller's.  Both
# are the init's.
@test "exec's program is not held to one cpu: it has the init's affinity" {
	[[ "$(cpus /proc/self/status)" =~ [-,] ]] || skip "the caller runs on one cpu"
	"${H[@]}" --cgroup-manager disabled run --detach --bundle "$BUNDLE" "$ID-nocg"
	for id in "$ID" "$ID-nocg"; do
		init=$("${H[@]}" state "$id" | jq .pid)
		run "${H[@]}" exec "$id" awk '/^Cpus_allowed_list/ { print $2 }' /proc/self/status
		[ "$status" -eq 0 ]
		[ "$output" = "$(cpus "/proc/$init/status")" ] ||
			{ echo "$id: $output, the init's $(cpus "/proc/$init/status")"; return 1; }
	done
	"${H[@]}" delete --force "$ID-nocg"
}

# ... and nothing of the hold stays with it (since 6.2 the kernel keeps an
# affinity set by sched_setaffinity as a "user" mask that narrows every
# later cpuset): narrowed to the other cpu and widened again, it follows
@test "exec's program follows its cpuset as it changes" {
	[ "$(cpus /proc/self/status)" = 0-1 ] || skip "needs cpus 0-1 exactly"
	"${H[@]}" exec --detach "$ID" sleep "$LONG"
	pid=$(pgrep -fx -- "sleep $LONG")
	for want in 1 0-1 0 0-1; do
		"${H[@]}" update --cpuset-cpus "$want" "$ID" || skip "no cpuset to update here"
		[ "$(cpus "/proc/$pid/status")" = "$want" ] ||
			{ echo "cpuset $want, the program's $(cpus "/proc/$pid/status")"; return 1; }
	done
}
