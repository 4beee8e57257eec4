#!/usr/bin/env bats
# CVE-2019-5736: the host's hrun binary, reached from inside a container
# through a process whose exe it is (the init, exec's process, a
# `#!/proc/self/exe` with a planted loader), must stay as it was.  Each
# test is an attack; the verdict is the copy's bytes and mode
# (assert_binary_intact) and what the attacker logged in /out (a volume
# outside the rootfs): the attack must have run, and achieved nothing.

load helpers

setup_file() {
	security_setup_file
	install_attacker exe_attack
}

setup() {
	# a fresh copy for each attack: the one before may have succeeded
	rm -f "$HRUN"
	cp "$HRUN_ORIG" "$HRUN"
	chmod 0755 "$HRUN"
	setup_bundle
	STATE="$BATS_TEST_TMPDIR/state"
	H=("$HRUN" --root "$STATE")
	OUT=$(marker exe)
	mkdir -p "$OUT"
	chmod 0777 "$OUT"
	update_config --arg out "$OUT" \
		'.mounts += [{"destination": "/out", "type": "bind", "source": $out, "options": ["rbind"]}]'
}

teardown() {
	# the copy may have been rewritten: clean up with the real binary
	"$HRUN_ORIG" --root "$STATE" delete --force "$ID" 2>/dev/null || true
	[ -z "${DUMPABLE_BEFORE:-}" ] || echo "$DUMPABLE_BEFORE" >/proc/sys/fs/suid_dumpable
}

add_cap() {
	update_config --arg c "$1" '.process.capabilities |= with_entries(.value += [$c])'
}

no_pid_namespace() {
	update_config '.linux.namespaces |= map(select(.type != "pid"))'
}

# The image's /bin/sh is `#!/proc/self/exe`, its loader the attacker.
plant_loader() {
	private_rootfs
	rm -f "$ROOTFS/bin/sh"
	printf '#!/proc/self/exe\n' >"$ROOTFS/bin/sh"
	chmod 0755 "$ROOTFS/bin/sh"
	mkdir -p "$ROOTFS/lib64"
	install_attacker exe_loader /lib64/ld-linux-x86-64.so.2
}

# create, then start, and no hrun of ours left running: the binary is
# busy only through the container's processes
create_start() {
	"${H[@]}" create --bundle "$BUNDLE" "$ID"
	"${H[@]}" start "$ID" || true
}

wait_done() {
	for _ in $(seq 200); do
		grep -qx done "$OUT/log" 2>/dev/null && return 0
		sleep 0.05
	done
	echo "the attacker did not finish: $(cat "$OUT/log" 2>/dev/null)"
	return 1
}

# assert_achieved_nothing RAN WORD...: the log says RAN (the attack ran)
# and none of WORD (what it would have achieved), and the binary is intact.
assert_achieved_nothing() {
	local ran=$1 word
	shift
	echo "attacker's log: $(tr '\n' ' ' <"$OUT/log")"
	grep -qx "$ran" "$OUT/log" || { echo "the attack did not run"; return 1; }
	for word in "$@"; do
		! grep -qx "$word" "$OUT/log" || { echo "the attacker achieved: $word"; return 1; }
	done
	assert_binary_intact
}

@test "exe: CAP_SYS_PTRACE, pid 1 ptraced into another execve, /proc/1/exe chmod and rewrite" {
	add_cap CAP_SYS_PTRACE
	add_cap CAP_SYS_ADMIN
	set_args /exe_attack inject
	create_start
	wait_done
	assert_achieved_nothing open fchmod remount rewritten
}

@test "exe: CAP_SYS_ADMIN and CAP_SYS_PTRACE, every /proc/1/map_files entry of the binary chmod and rewritten" {
	add_cap CAP_SYS_PTRACE
	add_cap CAP_SYS_ADMIN
	set_args /exe_attack maps
	create_start
	wait_done
	assert_achieved_nothing mapfiles mapfiles-fchmod mapfiles-write
}

@test "exe: planted #!/proc/self/exe and loader, triggered by exec" {
	plant_loader
	set_args sleep 30
	create_start
	"${H[@]}" exec "$ID" /bin/sh || true
	wait_done
	assert_achieved_nothing ran fchmod write mapfiles-fchmod mapfiles-write
}

# exec takes the init's sealed binary when the init is hrun's; when the
# workload is pid 1 (org.hrun.init "none") there is none, and exec seals
# its own
@test "exe: planted #!/proc/self/exe and loader, triggered by exec, the workload as pid 1" {
	plant_loader
	update_config '.annotations["org.hrun.init"] = "none"'
	set_args sleep 30
	create_start
	"${H[@]}" exec "$ID" /bin/sh || true
	wait_done
	assert_achieved_nothing ran fchmod write mapfiles-fchmod mapfiles-write
}

@test "exe: planted #!/proc/self/exe and loader, as the entrypoint at start" {
	plant_loader
	set_args /bin/sh
	"${H[@]}" run --bundle "$BUNDLE" "$ID" || true
	wait_done
	assert_achieved_nothing ran fchmod write mapfiles-fchmod mapfiles-write
}

@test "exe: no pid namespace, default caps: the planted loader kills the init and rewrites through its fd" {
	plant_loader
	no_pid_namespace
	touch "$OUT/kill-parent"
	set_args /bin/sh
	create_start
	wait_done
	assert_achieved_nothing ran fchmod write rewritten
}

@test "exe: no pid namespace, CAP_SYS_PTRACE: the parent's exe, the parent killed, reopened for writing" {
	no_pid_namespace
	add_cap CAP_SYS_PTRACE
	set_args /exe_attack parent
	create_start
	wait_done
	assert_achieved_nothing open fchmod rewritten
}

@test "exe: the init stays non-dumpable after a uid change (fs.suid_dumpable=1)" {
	DUMPABLE_BEFORE=$(cat /proc/sys/fs/suid_dumpable)
	echo 1 >/proc/sys/fs/suid_dumpable
	# ambient: the workload keeps the init's capabilities, so only the
	# init's dumpable flag stands in the way
	update_config '.process.user = {"uid": 1000, "gid": 1000} |
		.process.capabilities.inheritable = .process.capabilities.bounding |
		.process.capabilities.ambient = .process.capabilities.bounding'
	set_args /exe_attack peek
	"${H[@]}" run --bundle "$BUNDLE" "$ID" || true
	wait_done
	assert_achieved_nothing done environ exe
}

# Every process of a runc container runs under its seccomp filter, pid 1
# included; here pid 1 is hrun's init, which a workload with
# CAP_SYS_PTRACE can ptrace into any syscall or program: it must be under
# the workload's filter too.  The filter denies mkdir; the init, made to
# execve busybox mkdir on a volume, must not make the directory.
@test "the init is under the workload's seccomp filter: ptraced into a denied mkdir, it makes nothing" {
	add_cap CAP_SYS_PTRACE
	update_config '.linux.seccomp = {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [
		{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}'
	set_args /exe_attack filter
	create_start
	# the init, become mkdir, has run and exited, and the attacker with it
	# (no "done"): the container is stopped
	for _ in $(seq 200); do
		[ "$("${H[@]}" state "$ID" | jq -r .status)" = stopped ] && break
		sleep 0.05
	done
	assert_achieved_nothing injected self-mkdir
	[ ! -e "$OUT/escaped" ] || { echo "pid 1 made $OUT/escaped past the filter"; return 1; }
}
