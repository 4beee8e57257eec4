#!/usr/bin/env bats
# Rootless: the init is a clone of the runtime that never exec'd, so its
# memory holds the caller's environment.  It stays
# non-dumpable: the container's root (the user itself, on the host) cannot
# read it through /proc/1, even though `exec` and `ps` then reach the
# container through the workload instead.

RL_USER=hrun-rootless-sec
load ../integration/rootless

@test "rootless: the init's environment stays out of the container's reach" {
	local secret="hrun-secret-$$-$RANDOM" out="$RLDIR/seen-$BATS_TEST_NUMBER"
	install -d -m 0777 "$out"
	rl_config --arg o "$out" '.mounts += [{"destination": "/shared", "type": "bind", "source": $o, "options": ["rbind"]}]
		| .process.capabilities = {"bounding": ["CAP_SYS_PTRACE", "CAP_DAC_OVERRIDE"],
			"effective": ["CAP_SYS_PTRACE", "CAP_DAC_OVERRIDE"],
			"permitted": ["CAP_SYS_PTRACE", "CAP_DAC_OVERRIDE"]}'
	# everything the workload can get of its pid 1, into a file outside
	# (its cmdline is public, as any process's on the host)
	rl_args sh -c 'for f in /proc/1/environ /proc/1/task/1/environ; do cat $f; done >/shared/got 2>/dev/null; dd if=/proc/1/mem of=/shared/mem bs=4096 count=1 2>/dev/null; true'
	run --separate-stderr runuser -u "$RL_USER" -- env -i PATH="$PATH" XDG_RUNTIME_DIR="$XDG" \
		SECRET="$secret" "$HRUN" run --bundle "$BUNDLE" "$ID"
	echo "$stderr"
	[ "$status" -eq 0 ]
	# the attack ran (its file is there) and got nothing of the caller's
	[ -e "$out/got" ]
	! grep -qa "$secret" "$out/got" "$out/mem" 2>/dev/null
	[ ! -s "$out/got" ]
}
