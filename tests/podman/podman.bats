#!/usr/bin/env bats
# podman 4.x + conmon driving hrun, scenario by scenario, with a private
# store and configuration (see helpers.bash).  Run with tests/podman/run.sh.

load helpers

# ---------------------------------------------------------------- basics

@test "podman info reports the runtime" {
	run --separate-stderr pm info --format '{{.Host.OCIRuntime.Name}} {{.Host.OCIRuntime.Path}}'
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	[[ "$(basename "${output%% *}")" == "$RUNTIME_NAME" ]] || { echo "info: $output"; false; }
}

@test "run --rm echo" {
	run --separate-stderr pm run --rm "$IMG" echo hello
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = hello ]
	run pm ps -a -q
	[ -z "$output" ]
}

@test "the container stops with its workload: what it left is killed at once" {
	local mark=4712$$
	SECONDS=0
	run --separate-stderr pm run --rm "$IMG" sh -c "sleep $mark & exit 5"
	echo "stderr: $stderr"
	[ "$status" -eq 5 ]
	[ "$SECONDS" -lt 4 ]
	run ! pgrep -fx "sleep $mark"
}

@test "the init's words stay out of podman logs" {
	local mark=4713$$
	run --separate-stderr pm run -d --name lg --annotation org.hrun.adopt-wait=300ms "$IMG" \
		sh -c "sleep $mark & echo hi"
	[ "$status" -eq 0 ]
	run pm wait lg
	run --separate-stderr pm logs lg
	echo "logs: $output / $stderr"
	[ "$output" = hi ]
	[ -z "$stderr" ]
	run ! pgrep -fx "sleep $mark"
}

@test "exit codes 0 and 7" {
	run --separate-stderr pm run --rm "$IMG" true
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	run --separate-stderr pm run --rm "$IMG" sh -c 'exit 7'
	echo "stderr: $stderr"
	[ "$status" -eq 7 ]
}

@test "non-executable command: 126" {
	run --separate-stderr pm run --rm "$IMG" /etc/passwd
	echo "stderr: $stderr"
	[ "$status" -eq 126 ]
	[[ "$stderr" =~ [Pp]ermission\ denied ]]
}

@test "missing command: 127" {
	run -127 --separate-stderr pm run --rm "$IMG" /nonexistent
	echo "stderr: $stderr"
	[[ "$stderr" =~ (executable file not found|[Nn]o such file or directory) ]]
}

@test "stdout and stderr stay separate" {
	run --separate-stderr pm run --rm "$IMG" sh -c 'echo to-out; echo to-err >&2'
	echo "stdout: $output"
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = to-out ]
	[[ "$stderr" == *to-err* ]]
}

@test "run -i: stdin and its EOF reach the container" {
	run --separate-stderr pm_in $'one\ntwo\n' run -i --rm "$IMG" wc -l
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$(echo $output)" = 2 ]
	run --separate-stderr pm_in 'round-trip' run -i --rm "$IMG" cat
	[ "$status" -eq 0 ]
	[ "$output" = round-trip ]
}

@test "run -t: a terminal" {
	run --separate-stderr pm run --rm -t "$IMG" sh -c 'tty; test -t 1 && echo out-is-tty'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	output=${output//$'\r'/}
	echo "output: $output"
	[[ "${lines[0]}" == /dev/pts/* ]]
	[[ "$output" == *out-is-tty* ]]
}

@test "run -d, ps and logs" {
	run --separate-stderr pm run -d --name detached "$IMG" sh -c 'echo log-out; echo log-err >&2; while :; do sleep 1; done'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	wait_running detached
	run pm ps --format '{{.Names}} {{.Status}}'
	echo "ps: $output"
	[[ "$output" == *"detached Up"* ]]
	# the pid file names the container's init, reparented to conmon
	local pid conmon
	pid=$(cpid detached)
	conmon=$(pm inspect --format '{{.State.ConmonPid}}' detached)
	echo "init $pid: parent $(ps -o ppid= -p "$pid"), conmon $conmon"
	[ "$(ps -o ppid= -p "$pid" | tr -d ' ')" = "$conmon" ]
	sleep 0.5
	run pm logs detached
	echo "logs: $output"
	[[ "$output" == *log-out* ]]
	[[ "$output" == *log-err* ]]
}

# ---------------------------------------------------------------- exec

@test "exec: output and exit codes" {
	start_sleeper ex
	run --separate-stderr pm exec ex echo in-exec
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = in-exec ]
	run --separate-stderr pm exec ex sh -c 'exit 3'
	[ "$status" -eq 3 ]
	run -127 --separate-stderr pm exec ex /nonexistent
	echo "missing: $status $stderr"
}

@test "exec -t" {
	start_sleeper ext
	run --separate-stderr pm exec -t ext tty
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[[ "${output//$'\r'/}" == /dev/pts/* ]]
	run -127 --separate-stderr pm exec -t ext /nonexistent
	echo "missing: $status $stderr"
}

@test "exec -i" {
	start_sleeper exi
	run --separate-stderr pm_in 'piped-in' exec -i exi cat
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = piped-in ]
}

@test "exec --detach" {
	start_sleeper exd
	run --separate-stderr pm exec -d exd sh -c 'echo detached-ran >/tmp/exd'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	local n
	# (bats 1.8's run clobbers a variable named i)
	for n in $(seq 25); do
		run pm exec exd cat /tmp/exd
		[ "$output" = detached-ran ] && break
		sleep 0.2
	done
	[ "$output" = detached-ran ]
	# a long exec --detach process ends up a child of its own conmon
	# a number no other suite on the machine sleeps for
	local mark=4711$$
	run --separate-stderr pm exec -d exd sleep "$mark"
	[ "$status" -eq 0 ]
	local pid=""
	for n in $(seq 25); do
		pid=$(pgrep -fx "sleep $mark") && break
		sleep 0.2
	done
	[ -n "$pid" ]
	local parent
	parent=$(ps -o ppid= -p "$pid" | tr -d ' ')
	echo "exec'd sleep $pid: parent $parent ($(cat /proc/$parent/comm))"
	[ "$(cat /proc/$parent/comm)" = conmon ]
}

@test "exec -u" {
	start_sleeper exu
	run --separate-stderr pm exec -u 65534 exu id -u
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = 65534 ]
	run --separate-stderr pm exec -u nobody:65534 exu sh -c 'echo $(id -un) $(id -g)'
	[ "$status" -eq 0 ]
	[ "$output" = "nobody 65534" ]
}

@test "exec -w" {
	start_sleeper exw
	run --separate-stderr pm exec -w /tmp exw pwd
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = /tmp ]
}

@test "exec -e" {
	start_sleeper exe
	run --separate-stderr pm exec -e FOO=bar -e 'SPACED=a b' exe sh -c 'echo "$FOO/$SPACED"'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = "bar/a b" ]
}

@test "exec --preserve-fds" {
	start_sleeper exf
	echo preserved-secret >"$BATS_TEST_TMPDIR/fd3"
	run --separate-stderr pm_fd3 "$BATS_TEST_TMPDIR/fd3" exec --preserve-fds 1 exf sh -c 'cat <&3'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = preserved-secret ]
}

@test "run --preserve-fds" {
	echo preserved-at-run >"$BATS_TEST_TMPDIR/fd3"
	run --separate-stderr pm_fd3 "$BATS_TEST_TMPDIR/fd3" run --rm --preserve-fds 1 "$IMG" sh -c 'cat <&3'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = preserved-at-run ]
}

# Socket activation of a container (podman 3.4 and later): podman passes
# LISTEN_FDS's fds on and writes LISTEN_PID=1 in the config; the program
# must find its own pid there (sd_listen_fds), though here it is the init's
# child, not pid 1
@test "socket activation: the fds reach the program, and LISTEN_PID is its pid" {
	echo activated >"$BATS_TEST_TMPDIR/fd3"
	LISTEN_FDS=1 LISTEN_PID=1 run --separate-stderr pm_fd3 "$BATS_TEST_TMPDIR/fd3" run --rm "$IMG" \
		sh -c 'echo "$LISTEN_FDS $(( LISTEN_PID == $$ ))"; cat <&3'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = "1 1"$'\n'"activated" ]
}

# ---------------------------------------------------------------- lifecycle

@test "stop: SIGTERM" {
	run --separate-stderr pm run -d --name st "$IMG" sh -c 'trap "exit 3" TERM; while :; do sleep 1; done'
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	wait_running st
	local t0=$SECONDS
	run --separate-stderr pm stop -t 20 st
	echo "stop: $status $stderr"
	[ "$status" -eq 0 ]
	[ $((SECONDS - t0)) -lt 15 ] || { echo "stop took $((SECONDS - t0)) s: TERM not delivered"; false; }
	run pm inspect --format '{{.State.ExitCode}}' st
	[ "$output" = 3 ]
}

@test "stop: SIGKILL after the timeout" {
	run --separate-stderr pm run -d --name stk "$IMG" sh -c 'trap "" TERM; while :; do sleep 1; done'
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	wait_running stk
	local t0=$SECONDS
	run --separate-stderr pm stop -t 2 stk
	echo "stop: $status $stderr"
	[ "$status" -eq 0 ]
	[ $((SECONDS - t0)) -ge 2 ]
	[ $((SECONDS - t0)) -lt 20 ]
	run pm inspect --format '{{.State.ExitCode}}' stk
	[ "$output" = 137 ]
}

# conmon's --timeout SIGKILLs the process group of the container's pid.
# That is the init's own (as runc's container process leads its own): were
# it conmon's, conmon would kill itself and the exit would go unrecorded,
# the container "running" for ever.
@test "--timeout: conmon kills the container and records its exit" {
	run --separate-stderr pm run -d --name tmo --timeout 3 "$IMG" sh -c "sleep 60; : $PT"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	wait_exited tmo
	# "stopped" is podman's state between the exit and its cleanup, which
	# runs in a process of its own: either says the exit was recorded.
	run pm inspect --format '{{.State.Status}} {{.State.ExitCode}}' tmo
	echo "$output"
	[[ "$output" == "exited -1" || "$output" == "stopped -1" ]]
}

@test "kill: USR1 and the default KILL" {
	run --separate-stderr pm run -d --name ku "$IMG" sh -c 'trap "echo got-usr1; exit 5" USR1; while :; do sleep 1; done'
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	wait_running ku
	run --separate-stderr pm kill -s USR1 ku
	echo "kill USR1: $status $stderr"
	[ "$status" -eq 0 ]
	wait_exited ku
	run pm inspect --format '{{.State.ExitCode}}' ku
	[ "$output" = 5 ]
	run pm logs ku
	[[ "$output" == *got-usr1* ]]

	start_sleeper kk
	run --separate-stderr pm kill kk
	echo "kill: $status $stderr"
	[ "$status" -eq 0 ]
	wait_exited kk
	run pm inspect --format '{{.State.ExitCode}}' kk
	[ "$output" = 137 ]
}

@test "rm -f a running container" {
	start_sleeper rmf
	local id=$SLEEPER
	run --separate-stderr pm rm -f -t 0 rmf
	echo "rm: $status $stderr"
	[ "$status" -eq 0 ]
	run pm ps -a -q
	[ -z "$output" ]
	if is_hrun; then
		run "$HRUN" state "$id"
		[ "$status" -ne 0 ]
		[ ! -e "/run/hrun/$id" ]
	fi
}

@test "restart" {
	start_sleeper rs
	local pid1
	pid1=$(cpid rs)
	run --separate-stderr pm restart -t 1 rs
	echo "restart: $status $stderr"
	[ "$status" -eq 0 ]
	wait_running rs
	[ "$(cpid rs)" != "$pid1" ]
	run pm logs rs
	[ "$(grep -c ready <<<"$output")" -eq 2 ]
}

@test "pause and unpause" {
	start_sleeper pz
	run --separate-stderr pm pause pz
	echo "pause: $status $stderr"
	[ "$status" -eq 0 ]
	run pm inspect --format '{{.State.Status}}' pz
	[ "$output" = paused ]
	local f
	f=$(host_cgroup_file freezer freezer.state pz)
	[ ! -f "$f" ] || [ "$(cat "$f")" = FROZEN ]
	run --separate-stderr pm unpause pz
	echo "unpause: $status $stderr"
	[ "$status" -eq 0 ]
	run pm inspect --format '{{.State.Status}}' pz
	[ "$output" = running ]
	[ ! -f "$f" ] || [ "$(cat "$f")" = THAWED ]
}

@test "top" {
	start_sleeper tp
	run --separate-stderr pm top tp
	echo "top: $status $output $stderr"
	[ "$status" -eq 0 ]
	[[ "$output" == *sleep* ]]
}

@test "stats" {
	start_sleeper sa
	run --separate-stderr pm stats --no-stream --format '{{.Name}} {{.MemUsage}} {{.PIDs}}' sa
	echo "stats: $status $output $stderr"
	[ "$status" -eq 0 ]
	[[ "$output" == "sa "*B\ /* ]]
}

@test "update --memory" {
	start_sleeper up --memory 200m
	run --separate-stderr pm update --memory 100m --memory-swap 200m up
	echo "update: $status $output $stderr"
	[ "$status" -eq 0 ]
	local f
	f=$(host_cgroup_file memory memory.limit_in_bytes up)
	[ -f "$f" ] || f=$(host_cgroup_file memory memory.max up)
	echo "$f: $(cat "$f")"
	[ "$(cat "$f")" = 104857600 ]
}

# ---------------------------------------------------------------- identity and security

@test "--user and --group-add" {
	run --separate-stderr pm run --rm --user 65534:65534 --group-add 10 "$IMG" sh -c 'echo $(id -u) $(id -g) / $(id -G)'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	echo "output: $output"
	[[ "$output" == "65534 65534 / "* ]]
	[[ " ${output#*/ } " == *" 10 "* ]]
}

@test "--cap-drop all --cap-add NET_RAW, --cap-drop CHOWN" {
	run --separate-stderr pm run --rm --cap-drop all --cap-add NET_RAW "$IMG" grep -E '^Cap(Eff|Bnd)' /proc/self/status
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	echo "output: $output"
	[[ "${lines[0]}" == *0000000000002000 ]]
	[[ "${lines[1]}" == *0000000000002000 ]]
	run --separate-stderr pm run --rm --cap-drop CHOWN "$IMG" sh -c 'touch /tmp/f; chown 65534 /tmp/f'
	echo "chown: $status $stderr"
	[ "$status" -ne 0 ]
	[[ "$stderr" == *"not permitted"* ]]
}

@test "--read-only" {
	run --separate-stderr pm run --rm --read-only "$IMG" sh -c 'touch /tmp/ok && echo tmp-ok; touch /rofile'
	echo "stderr: $stderr"
	[ "$status" -ne 0 ]
	[ "$output" = tmp-ok ]
	[[ "$stderr" == *"Read-only file system"* ]]
}

@test "--security-opt no-new-privileges" {
	run --separate-stderr pm run --rm --security-opt no-new-privileges "$IMG" grep NoNewPrivs /proc/self/status
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[[ "$output" =~ NoNewPrivs:[[:space:]]+1 ]]
}

@test "seccomp: default filter and seccomp=unconfined" {
	run --separate-stderr pm run --rm "$IMG" grep '^Seccomp:' /proc/self/status
	echo "default: $output $stderr"
	[ "$status" -eq 0 ]
	[[ "$output" =~ Seccomp:[[:space:]]+2 ]]
	run --separate-stderr pm run --rm --security-opt seccomp=unconfined "$IMG" grep '^Seccomp:' /proc/self/status
	echo "unconfined: $output $stderr"
	[ "$status" -eq 0 ]
	[[ "$output" =~ Seccomp:[[:space:]]+0 ]]
}

@test "seccomp: a custom profile" {
	cat >"$BATS_TEST_TMPDIR/profile.json" <<-'EOF'
	{
	  "defaultAction": "SCMP_ACT_ALLOW",
	  "syscalls": [
	    { "names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1 }
	  ]
	}
	EOF
	run --separate-stderr pm run --rm --security-opt seccomp="$BATS_TEST_TMPDIR/profile.json" "$IMG" sh -c 'touch /tmp/f && echo touch-ok; mkdir /tmp/d'
	echo "stderr: $stderr"
	[ "$status" -ne 0 ]
	[ "$output" = touch-ok ]
	[[ "$stderr" == *"not permitted"* ]]
}

# ---------------------------------------------------------------- mounts and settings

@test "-v bind mounts rw and ro" {
	mkdir "$BATS_TEST_TMPDIR/vol"
	echo from-host >"$BATS_TEST_TMPDIR/vol/in"
	run --separate-stderr pm run --rm -v "$BATS_TEST_TMPDIR/vol:/data" "$IMG" sh -c 'cat /data/in; echo from-container >/data/out'
	echo "rw: $status $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = from-host ]
	[ "$(cat "$BATS_TEST_TMPDIR/vol/out")" = from-container ]
	run --separate-stderr pm run --rm -v "$BATS_TEST_TMPDIR/vol:/data:ro" "$IMG" sh -c 'cat /data/in; echo x >/data/out2'
	echo "ro: $status $stderr"
	[ "$status" -ne 0 ]
	[ "$output" = from-host ]
	[ ! -e "$BATS_TEST_TMPDIR/vol/out2" ]
	[[ "$stderr" == *"Read-only file system"* ]]
}

@test "--tmpfs" {
	run --separate-stderr pm run --rm --tmpfs /scratch:size=1m "$IMG" sh -c 'grep " /scratch " /proc/mounts; echo x >/scratch/f && echo written'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "tmpfs /scratch tmpfs "* ]]
	[ "${lines[1]}" = written ]
}

@test "--env" {
	run --separate-stderr pm run --rm --env FOO=bar --env 'SPACED=a b' "$IMG" sh -c 'echo "$FOO/$SPACED"'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = "bar/a b" ]
}

@test "--workdir" {
	run --separate-stderr pm run --rm --workdir /tmp "$IMG" pwd
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = /tmp ]
}

@test "--hostname" {
	run --separate-stderr pm run --rm --hostname hx-test "$IMG" hostname
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = hx-test ]
}

# ---------------------------------------------------------------- namespaces

@test "--network none" {
	run --separate-stderr pm run --rm --network none "$IMG" sh -c "awk 'NR > 2 { print \$1 }' /proc/net/dev"
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = lo: ]
}

@test "--network host" {
	run --separate-stderr pm run --rm --network host "$IMG" readlink /proc/self/ns/net
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = "$(readlink /proc/self/ns/net)" ]
}

@test "--network bridge" {
	run --separate-stderr pm run --rm --network bridge "$IMG" sh -c 'ip -4 addr show eth0; ping -c 1 -W 3 10.251.77.1'
	echo "stdout: $output"
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[[ "$output" == *"inet 10.251.77."* ]]
	[ "$(readlink /proc/self/ns/net)" ]
}

@test "--pid host" {
	run --separate-stderr pm run --rm --pid host "$IMG" readlink /proc/self/ns/pid
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = "$(readlink /proc/self/ns/pid)" ]
	# without a private PID namespace podman stops with `kill --all`
	start_sleeper ph --pid host
	local t0=$SECONDS
	run --separate-stderr pm stop -t 10 ph
	echo "stop: $status $stderr"
	[ "$status" -eq 0 ]
	[ $((SECONDS - t0)) -lt 8 ]
	run ! pgrep -f "echo ready; while :; do sleep 1; done; : $PT"
}

@test "--network container:X and --pid container:X" {
	start_sleeper nsa
	local pid
	pid=$(cpid nsa)
	run --separate-stderr pm run --rm --network container:nsa --pid container:nsa "$IMG" sh -c 'readlink /proc/self/ns/net; readlink /proc/self/ns/pid'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(readlink /proc/$pid/ns/net)" ]
	[ "${lines[1]}" = "$(readlink /proc/$pid/ns/pid)" ]
}

# ---------------------------------------------------------------- resources

# the shell snippet that prints a cgroup file of the container's own
# cgroup, v1 then v2
cg() { echo "cat /sys/fs/cgroup/$1/$2 2>/dev/null || cat /sys/fs/cgroup/$3"; }

@test "--pids-limit" {
	run --separate-stderr pm run --rm --pids-limit 10 "$IMG" sh -c "$(cg pids pids.max pids.max)"
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	# the limit as given, with every runtime: the maximum of tasks in the
	# cgroup (hrun's init is one of them)
	[ "$output" = 10 ]
	run --separate-stderr pm run --rm --pids-limit 10 "$IMG" sh -c 'i=0; while [ $i -lt 20 ]; do sleep 2 & i=$((i + 1)); done; wait'
	echo "forks: $status $stderr"
	[[ "$stderr" == *"can't fork"* ]]
	# ten tasks in all: the workload (sh) and 9 more with runc, 8 beside
	# hrun's init
	local more=9
	is_hrun && more=8
	run --separate-stderr pm run --rm --pids-limit 10 "$IMG" sh -c "i=0; while [ \$i -lt $more ]; do sleep 1 & i=\$((i + 1)); done; wait && echo forked"
	echo "forked: $status $stderr"
	[ "$output" = forked ]
}

@test "--memory: limit and OOM kill" {
	run --separate-stderr pm run --rm --memory 32m --memory-swap 32m "$IMG" sh -c "$(cg memory memory.limit_in_bytes memory.max)"
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = 33554432 ]
	run --separate-stderr pm run --name oom --memory 32m --memory-swap 32m "$IMG" dd if=/dev/zero of=/dev/null bs=64M count=1
	echo "oom: $status $stderr"
	[ "$status" -eq 137 ]
	# conmon does not see the OOM event on this machine, with runc either:
	# OOMKilled is shown, not checked
	run pm inspect --format '{{.State.OOMKilled}}' oom
	echo "OOMKilled: $output"
}

@test "--cpus" {
	run --separate-stderr pm run --rm --cpus 0.5 "$IMG" sh -c "$(cg cpu cpu.cfs_quota_us cpu.max)"
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[[ "$output" == 50000* ]]
}

@test "--cpuset-cpus" {
	run --separate-stderr pm run --rm --cpuset-cpus 0 "$IMG" grep Cpus_allowed_list /proc/self/status
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[[ "$output" =~ Cpus_allowed_list:[[:space:]]+0$ ]]
}

@test "--ulimit" {
	# --ulimit replaces default_ulimits, and podman's own default for
	# nproc is more than this machine lets anyone set: give both
	run --separate-stderr pm run --rm --ulimit nofile=100:200 --ulimit nproc=300:400 "$IMG" \
		sh -c 'echo $(ulimit -n) $(ulimit -Hn) $(ulimit -u) $(ulimit -Hu)'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = "100 200 300 400" ]
}

@test "--sysctl" {
	run --separate-stderr pm run --rm --network none --sysctl net.ipv4.ip_forward=1 --sysctl kernel.msgmax=4096 "$IMG" \
		cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/msgmax
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 1 ]
	[ "${lines[1]}" = 4096 ]
}

@test "--device" {
	run --separate-stderr pm run --rm --device /dev/zero:/dev/myzero "$IMG" sh -c 'test -c /dev/myzero && head -c 5 /dev/myzero | wc -c'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$(echo $output)" = 5 ]
}

@test "--privileged" {
	run --separate-stderr pm run --rm --privileged "$IMG" sh -c 'grep -E "^(CapEff|Seccomp):" /proc/self/status; test -e /dev/kmsg && echo host-devices'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	echo "output: $output"
	[ "${lines[0]}" = "$(grep '^CapEff:' /proc/self/status)" ]
	[[ "${lines[1]}" =~ Seccomp:[[:space:]]+0 ]]
	[ ! -e /dev/kmsg ] || [ "${lines[2]}" = host-devices ]
}

@test "--init" {
	run --separate-stderr pm run --rm --init "$IMG" ps -o args
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	echo "ps: $output"
	[[ "$output" == */run/podman-init* ]]
}

@test "--uidmap" {
	run --separate-stderr pm run --rm --uidmap 0:100000:65536 "$IMG" sh -c 'cat /proc/self/uid_map /proc/self/gid_map; id -u'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$(echo ${lines[0]})" = "0 100000 65536" ]
	[ "$(echo ${lines[1]})" = "0 100000 65536" ]
	[ "${lines[2]}" = 0 ]
}

@test "--uidmap with an :idmap volume" {
	local vol="$BATS_TEST_TMPDIR/vol"
	mkdir -p "$vol"
	touch "$vol/host-root"
	run --separate-stderr pm run --rm --uidmap 0:100000:65536 -v "$vol:/vol:idmap" "$IMG" \
		sh -c 'stat -c %u /vol/host-root; touch /vol/made-inside'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = 0 ]
	[ "$(stat -c %u "$vol/made-inside")" = 0 ]
}

@test "--oom-score-adj" {
	run --separate-stderr pm run --rm --oom-score-adj 500 "$IMG" cat /proc/self/oom_score_adj
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = 500 ]
}

@test "--cgroups=disabled" {
	grep -E '^runtime_supports_nocgroup ' "$PT/containers.conf" | grep -q "\"$RUNTIME_NAME\"" ||
		skip "$RUNTIME_NAME is not in runtime_supports_nocgroup"
	run --separate-stderr pm run --rm --cgroups=disabled "$IMG" echo no-cgroups
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	[ "$output" = no-cgroups ]
}

@test "--umask, --shm-size, --personality" {
	run --separate-stderr pm run --rm --umask 0077 --shm-size 1m --personality LINUX32 "$IMG" \
		sh -c 'umask; touch /tmp/f; stat -c %a /tmp/f; df -k /dev/shm | awk "NR == 2 { print \$2 }"; uname -m'
	echo "stderr: $stderr"
	[ "$status" -eq 0 ]
	echo "output: $output"
	[ "${lines[0]}" = 0077 ]
	[ "${lines[1]}" = 600 ]
	[ "${lines[2]}" = 1024 ]
	[[ "${lines[3]}" == i?86 ]]
}

@test "a pod: a container joins the infra container's namespaces" {
	run --separate-stderr pm pod create --name hpod
	[ "$status" -eq 0 ] || { echo "pod create: $stderr"; false; }
	run --separate-stderr pm run -d --pod hpod --name hpod-a "$IMG" sh -c "while :; do sleep 1; done; : $PT"
	[ "$status" -eq 0 ] || { echo "run: $stderr"; false; }
	wait_running hpod-a
	local infra
	infra=$(pm pod inspect --format '{{.InfraContainerID}}' hpod)
	run --separate-stderr pm exec hpod-a sh -c 'for n in net ipc uts; do readlink /proc/self/ns/$n; done'
	[ "$status" -eq 0 ] || { echo "exec: $stderr"; false; }
	local pid
	pid=$(cpid "$infra")
	[ "${lines[0]}" = "$(readlink /proc/$pid/ns/net)" ]
	[ "${lines[1]}" = "$(readlink /proc/$pid/ns/ipc)" ]
	[ "${lines[2]}" = "$(readlink /proc/$pid/ns/uts)" ]
	run --separate-stderr pm pod rm -f -t 0 hpod
	echo "pod rm: $status $stderr"
	[ "$status" -eq 0 ]
}

@test "a healthcheck runs through exec" {
	run --separate-stderr pm run -d --name hc --health-cmd 'test -e /tmp/healthy' --health-interval 0 "$IMG" \
		sh -c "while :; do sleep 1; done; : $PT"
	[ "$status" -eq 0 ] || { echo "run: $stderr"; false; }
	wait_running hc
	run pm healthcheck run hc
	[ "$status" -ne 0 ]
	pm exec hc touch /tmp/healthy
	run --separate-stderr pm healthcheck run hc
	echo "healthcheck: $status $output $stderr"
	[ "$status" -eq 0 ]
}

@test "--restart on-failure: restarted, then left exited with the code" {
	run --separate-stderr pm run -d --name rof --restart on-failure:2 "$IMG" sh -c 'echo started; exit 3'
	[ "$status" -eq 0 ] || { echo "run: $stderr"; false; }
	local n s
	for n in $(seq 100); do
		s=$(pm inspect --format '{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}' rof)
		[ "$s" = "2 exited 3" ] && break
		sleep 0.2
	done
	echo "state: $s"
	[ "$s" = "2 exited 3" ]
	run pm logs rof
	[ "$(grep -c started <<<"$output")" -eq 3 ]
}

@test "20 sequential runs" {
	local n
	for n in $(seq 20); do
		run --separate-stderr pm run --rm "$IMG" echo "run-$n"
		[ "$status" -eq 0 ] && [ "$output" = "run-$n" ] || {
			echo "run $n: $status $output $stderr"
			false
		}
	done
}

# ---------------------------------------------------------------- leaks

@test "nothing left behind: state, cgroups, mounts, processes, netns" {
	run pm ps -a -q
	[ -z "$output" ]
	local id leaks=""
	for id in $(awk '/^\[/ && / create / { print $NF }' "$PT/trace.log" | sort -u); do
		if is_hrun && [ -e "/run/hrun/$id" ]; then leaks+="state /run/hrun/$id"$'\n'; fi
		for d in /sys/fs/cgroup/*/libpod_parent/libpod-"$id" /sys/fs/cgroup/libpod_parent/libpod-"$id"; do
			[ -d "$d" ] && leaks+="cgroup $d"$'\n'
		done
	done
	leaks+=$(awk -v p="$PT/" 'index($5, p) == 1 { print "mount " $5 }' /proc/self/mountinfo)
	leaks+=$(pgrep -a -f "$PT/" | grep -v -e bats -e pgrep | sed 's/^/process /')
	leaks+=$(comm -13 "$PT/netns.before" <(ls /run/netns 2>/dev/null | sort) | grep '^netns-' | sed 's/^/netns (podman-named, new since the start) /')
	# netavark removes the bridge with the network's last container
	leaks+=$(ip -o link show hrunpm0 2>/dev/null | sed 's/^/link /')
	echo "$leaks"
	[ -z "$(echo "$leaks" | tr -d '[:space:]')" ]
}
