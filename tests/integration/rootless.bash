# The rootless suites' set-up (tests/integration/rootless.bats and
# tests/security/rootless.bats): an unprivileged user of the suite's own
# (made and removed by the suite, reused if present), its subordinate ids,
# a copy of the rootfs it owns, and per test a private XDG_RUNTIME_DIR and
# a `spec --rootless` bundle.  H runs hrun as that user.

load ../integration/helpers

BUILDDIR=${HRUN_TOP_BUILDDIR:-$(dirname "$HRUN")}
RECVTTY="$BUILDDIR/tests/integration/recvtty"
# a suite may name its own user (suites run in parallel); the name ends
# with this run's own number: another copy of the suites may run on the
# machine at once, and each one kills its user's processes and removes the
# user at its end
RL_USER=${RL_USER:-hrun-rootless-test}-$(printf %s "$BATS_RUN_TMPDIR" | cksum | cut -d' ' -f1)
# subordinate ids of the test user, added to /etc/subuid and /etc/subgid
# when it has none (useradd may give it some)
RL_SUB_LINE="$RL_USER:1700000:65536"

# sub_line FILE: the user's first line of /etc/subuid or /etc/subgid.
sub_line() {
	grep -m1 "^$RL_USER:" "$1"
}

setup_file() {
	command -v newuidmap >/dev/null || skip "newuidmap missing: install uidmap"
	export ROOTFS="$BATS_FILE_TMPDIR/rootfs"
	"$TOP_SRCDIR/tests/integration/mkrootfs.sh" "$ROOTFS"
	if ! id -u "$RL_USER" >/dev/null 2>&1; then
		useradd --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$RL_USER"
		touch "$BATS_FILE_TMPDIR/added-user"
	fi
	local f
	for f in /etc/subuid /etc/subgid; do
		if ! sub_line "$f" >/dev/null; then
			echo "$RL_SUB_LINE" >>"$f"
			touch "$BATS_FILE_TMPDIR/added-$(basename "$f")"
		fi
	done
	# the user's own directory, reachable through bats' private ones
	export RLDIR="$BATS_FILE_TMPDIR/rl"
	mkdir -p "$RLDIR"
	open_file_tmpdir
	cp -a "$ROOTFS" "$RLDIR/rootfs"
	mkdir -p "$RLDIR/rootfs/shared"
	chown -R "$RL_USER:" "$RLDIR"
}

teardown_file() {
	local f
	for f in subuid subgid; do
		[ ! -e "$BATS_FILE_TMPDIR/added-$f" ] || sed -i "/^$RL_SUB_LINE\$/d" "/etc/$f"
	done
	if [ -e "$BATS_FILE_TMPDIR/added-user" ]; then
		pkill -KILL -u "$RL_USER" 2>/dev/null || true
		for _ in $(seq 50); do pgrep -u "$RL_USER" >/dev/null || break; sleep 0.1; done
		userdel "$RL_USER"
	fi
}

setup() {
	RL_SUB_START=$(sub_line /etc/subuid | cut -d: -f2)
	RL_SUBGID_START=$(sub_line /etc/subgid | cut -d: -f2)
	ID="rl-$BATS_TEST_NUMBER-$$"
	XDG="$RLDIR/xdg-$BATS_TEST_NUMBER"
	BUNDLE="$RLDIR/bundle-$BATS_TEST_NUMBER"
	install -d -m 0700 -o "$RL_USER" "$XDG"
	install -d -o "$RL_USER" "$BUNDLE"
	as_user "$HRUN" spec --rootless --bundle "$BUNDLE"
	rl_config --arg root "$RLDIR/rootfs" '.root.path = $root | .process.terminal = false'
	H=(as_user "$HRUN")
}

teardown() {
	as_user "$HRUN" delete --force "$ID" >/dev/null 2>&1 || true
	[ -z "${RECV_PID:-}" ] || pkill -u "$RL_USER" -x recvtty || true
	assert_nothing_left_rootless
}

# as_user CMD...: CMD as the test user, with its private XDG_RUNTIME_DIR.
as_user() {
	runuser -u "$RL_USER" -- env -i PATH="$PATH" XDG_RUNTIME_DIR="$XDG" HOME="$RLDIR" \
		ASAN_OPTIONS="${ASAN_OPTIONS:-}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-}" "$@"
}

# as_user_in_userns CMD...: as root of a user namespace of the user's own
# (its one id mapped), in a mount namespace of its own.
as_user_in_userns() {
	as_user unshare --user --map-root-user --mount "$@"
}

# rl_config [jq options] FILTER: edit the bundle's config, still the user's.
rl_config() {
	jq "$@" "$BUNDLE/config.json" >"$BUNDLE/config.json.new"
	chown "$RL_USER:" "$BUNDLE/config.json.new"
	mv "$BUNDLE/config.json.new" "$BUNDLE/config.json"
}

rl_args() {
	local json
	json=$(printf '%s\n' "$@" | jq -R . | jq -s .)
	rl_config --argjson a "$json" '.process.args = $a'
}

# Nothing of the container is left: no state, no process of the user.
assert_nothing_left_rootless() {
	[ -z "$(ls -A "$XDG/hrun" 2>/dev/null)" ] || { echo "state left: $(ls -A "$XDG/hrun")"; return 1; }
	local left
	# zombies are the host's to reap (a detached init passes to it)
	left=$(ps -u "$RL_USER" -o pid=,stat=,args= | awk '$2 !~ /^Z/' || true)
	[ -z "$left" ] || { echo "processes of $RL_USER left: $left"; return 1; }
}
