#!/usr/bin/env bats
# `hrun run`: the workload's view of its container.

load helpers

teardown() { assert_nothing_left; }

@test "run exits with the workload's status 0" {
	set_args true
	hrun_run
	[ "$status" -eq 0 ]
}

@test "run exits with the workload's status 7" {
	set_args sh -c 'exit 7'
	hrun_run
	[ "$status" -eq 7 ]
}

@test "run exits 137 when the workload is killed by SIGKILL" {
	set_args sh -c 'kill -KILL $$'
	hrun_run
	[ "$status" -eq 137 ]
}

@test "workload stdout and stderr are hrun's" {
	set_args sh -c 'echo to-out; echo to-err >&2'
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = "to-out" ]
	[ "$stderr" = "to-err" ]
}

@test "workload gets exactly the configured env, and HOME when it has none (as runc)" {
	update_config '.process.env = ["PATH=/bin", "FOO=bar baz"]'
	set_args env
	hrun_run
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[[ "$output" == *"FOO=bar baz"* ]]
	[[ "$output" == *"PATH=/bin"* ]]
	[[ "$output" == *"HOME=/root"* ]]
}

@test "a name given twice in process.env keeps its last value, where that stands (as runc)" {
	update_config '.process.env = ["PATH=/bin", "A=1", "B=x", "A=2", "HOME=/h"]'
	set_args env
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'PATH=/bin\nB=x\nA=2\nHOME=/h')" ]
}

@test "workload starts in the configured cwd" {
	update_config '.process.cwd = "/tmp"'
	set_args pwd
	hrun_run
	[ "$output" = "/tmp" ]
}

@test "HOME, when the env has none, is the uid's in the container's /etc/passwd, else /, as runc" {
	# a bind on /etc/passwd counts: it is read with the container's mounts
	printf 'root:x:0:0:root:/root:/bin/sh\nu:x:1234:1234::/home/u:/bin/sh\n' >"$BATS_TEST_TMPDIR/passwd"
	update_config --arg p "$BATS_TEST_TMPDIR/passwd" \
		'.mounts += [{"destination": "/etc/passwd", "type": "bind", "source": $p, "options": ["bind", "ro"]}]'
	set_args sh -c 'echo "$HOME"'
	hrun_run
	[ "$output" = /root ]
	update_config '.process.user.uid = 1234'
	hrun_run
	[ "$output" = /home/u ]
	update_config '.process.user.uid = 1000'
	hrun_run
	[ "$output" = / ]
	update_config '.process.env += ["HOME=/given"]'
	hrun_run
	[ "$output" = /given ]
}

@test "workload runs as the configured uid, gid and additional gids" {
	update_config '.process.user = {"uid": 1000, "gid": 1001, "additionalGids": [10, 20]}'
	set_args sh -c 'grep -E "^(Uid|Gid|Groups):" /proc/self/status'
	hrun_run
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" =~ ^Uid:[[:space:]]+1000[[:space:]]+1000[[:space:]]+1000[[:space:]]+1000$ ]]
	[[ "${lines[1]}" =~ ^Gid:[[:space:]]+1001[[:space:]]+1001[[:space:]]+1001[[:space:]]+1001$ ]]
	[[ "${lines[2]}" =~ ^Groups:[[:space:]]+10[[:space:]]20 ]]
}

@test "workload sees the configured hostname" {
	update_config '.hostname = "box-7"'
	set_args hostname
	hrun_run
	[ "$output" = "box-7" ]
}

@test "workload has exactly the configured capabilities" {
	# spec default: CAP_AUDIT_WRITE(29), CAP_KILL(5), CAP_NET_BIND_SERVICE(10)
	set_args sh -c 'grep -E "^Cap(Inh|Prm|Eff|Bnd|Amb):" /proc/self/status'
	hrun_run
	[ "$status" -eq 0 ]
	[[ "$output" == *"CapInh:	0000000000000000"* ]]
	[[ "$output" == *"CapPrm:	0000000020000420"* ]]
	[[ "$output" == *"CapEff:	0000000020000420"* ]]
	[[ "$output" == *"CapBnd:	0000000020000420"* ]]
	[[ "$output" == *"CapAmb:	0000000000000000"* ]]
}

@test "ambient capabilities reach a non-root workload" {
	update_config '.process.user = {"uid": 1000, "gid": 1000}
		| .process.capabilities.ambient = ["CAP_KILL"]
		| .process.capabilities.inheritable = ["CAP_KILL"]'
	set_args sh -c 'grep -E "^Cap(Eff|Amb):" /proc/self/status'
	hrun_run
	[ "$status" -eq 0 ]
	[[ "$output" == *"CapEff:	0000000000000020"* ]]
	[[ "$output" == *"CapAmb:	0000000000000020"* ]]
}

@test "noNewPrivileges is set" {
	set_args grep NoNewPrivs /proc/self/status
	hrun_run
	[[ "$output" =~ NoNewPrivs:[[:space:]]+1 ]]
}

@test "lo is up in a new network namespace" {
	set_args cat /sys/class/net/lo/flags
	hrun_run
	[ "$status" -eq 0 ]
	# IFF_UP (0x1) | IFF_LOOPBACK (0x8)
	[ "$output" = "0x9" ]
}

@test "the workload is not pid 1: the init is" {
	set_args sh -c 'echo $$; cat /proc/1/comm'
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" != "1" ]
	[ "${lines[1]}" = "hrun-init" ]
}

# activated BUNDLE-FILE LISTEN-PID [HRUN-ARGS...]: `hrun run` as a
# systemd socket unit starts it: FILE on fd 3, LISTEN_FDS=1, LISTEN_PID
# (`self`: hrun's own pid, as systemd sets it)
activated() {
	local file=$1 pid=$2
	shift 2
	run --separate-stderr bash -c 'export LISTEN_FDS=1 LISTEN_PID=${1/self/$$}; shift; exec "$@"' \
		activated "$pid" "$HRUN" run "$@" --bundle "$BUNDLE" "$ID" 3<"$file"
}

# Socket activation: runc passes LISTEN_FDS's fds on, with LISTEN_FDS and
# LISTEN_PID in the workload's environment; LISTEN_PID must then be the
# workload's own pid (sd_listen_fds ignores the fds in any other), and
# here the workload is the init's child, not pid 1
@test "socket activation: the fds reach the workload, and LISTEN_PID is its pid" {
	echo activated >"$BATS_TEST_TMPDIR/fd3"
	set_args sh -c 'echo "$LISTEN_FDS $(( LISTEN_PID == $$ ))"; cat <&3'
	activated "$BATS_TEST_TMPDIR/fd3" self
	[ "$status" -eq 0 ]
	[ "$output" = "1 1"$'\n'"activated" ]
	# as pid 1 (org.hrun.init none), LISTEN_PID is 1
	update_config '.annotations["org.hrun.init"] = "none"'
	set_args sh -c 'echo "$LISTEN_PID $$"; cat <&3'
	activated "$BATS_TEST_TMPDIR/fd3" self
	[ "$status" -eq 0 ]
	[ "$output" = "1 1"$'\n'"activated" ]
	# a LISTEN_PID of another process's: nothing is passed, as with runc
	update_config 'del(.annotations["org.hrun.init"])'
	set_args sh -c 'echo "${LISTEN_FDS:-none}"; cat <&3'
	activated "$BATS_TEST_TMPDIR/fd3" 1
	[ "$status" -ne 0 ]
	[ "${lines[0]}" = none ]
}

# podman (and runc's own activation above) writes LISTEN_PID=1 in the
# config: the init gives the workload its own pid there
@test "a config's LISTEN_PID=1 becomes the workload's pid" {
	update_config '.process.env += ["LISTEN_PID=1", "LISTEN_FDS=1"]'
	set_args sh -c 'echo "$(( LISTEN_PID == $$ )) $LISTEN_FDS"'
	hrun_run
	[ "$status" -eq 0 ]
	[ "$output" = "1 1" ]
}

# As runc's and crun's: conmon's --timeout SIGKILLs the process group of
# the container's pid, which must not be conmon's.  Seen from inside, a
# session led from outside the pid namespace would read 0.
@test "the init and the workload each lead a session and process group of their own" {
	set_args sh -c 'cut -d" " -f5,6 /proc/1/stat; echo "$$ $$"; cut -d" " -f5,6 /proc/$$/stat'
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "1 1" ]
	[ "${lines[2]}" = "${lines[1]}" ]
}

@test "masked paths show nothing" {
	# a file (bind of /dev/null) and a directory (read-only tmpfs)
	set_args sh -c 'wc -c </proc/keys; ls -A /sys/firmware | wc -l; touch /sys/firmware/x'
	hrun_run
	[ "${lines[0]}" = "0" ]
	[ "${lines[1]}" = "0" ]
	[[ "$stderr" == *"Read-only file system"* ]]
}

@test "read-only paths cannot be written" {
	set_args sh -c 'echo x >/proc/sys/kernel/domainname'
	hrun_run
	[ "$status" -ne 0 ]
	[[ "$stderr" == *"Read-only file system"* ]]
}

@test "a read-only root cannot be written" {
	update_config '.root.readonly = true'
	set_args touch /newfile
	hrun_run
	[ "$status" -ne 0 ]
	[[ "$stderr" == *"Read-only file system"* ]]
	[ ! -e "$ROOTFS/newfile" ]
}

@test "a writable root can be written" {
	update_config '.root.readonly = false'
	set_args sh -c 'touch /tmp/written && rm /tmp/written'
	hrun_run
	[ "$status" -eq 0 ]
}

@test "linux.rootfsPropagation is applied with the default capabilities" {
	update_config '.linux.rootfsPropagation = "rshared"'
	set_args awk '$5 == "/"' /proc/self/mountinfo
	hrun_run
	[ "$status" -eq 0 ]
	[[ "$output" =~ \ shared:[0-9]+ ]]
}

@test "an orphan left by the workload is reaped: no zombie" {
	set_args sh -c '(sleep 0.2 &); sleep 1; ps -o stat,comm | grep -c "^Z" || true'
	hrun_run
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "0" ]
}

@test "hrun spec bundle with a non-interactive command runs as runc would" {
	set_args sh -c 'test -d /proc/self && test -c /dev/null && test -L /dev/fd && sed -E "s/^([^ ]+ ){4}([^ ]+) .* - ([^ ]+) .*/\\2 \\3/" /proc/self/mountinfo'
	hrun_run
	[ "$status" -eq 0 ]
	for m in "/proc proc" "/dev tmpfs" "/dev/pts devpts" "/dev/shm tmpfs" "/dev/mqueue mqueue" "/sys sysfs"; do
		[[ "$output" == *"$m"* ]] || { echo "missing $m"; return 1; }
	done
}
