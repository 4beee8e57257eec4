# Shared set-up for the integration suites: a busybox rootfs per test file,
# a fresh bundle per test, config edits with jq, and leak checks.

bats_require_minimum_version 1.5.0

HRUN=${HRUN:-$(cd "$BATS_TEST_DIRNAME/../.." && pwd)/hrun}
TOP_SRCDIR=${HRUN_TOP_SRCDIR:-$(cd "$BATS_TEST_DIRNAME/../.." && pwd)}

setup_file() {
	export ROOTFS="$BATS_FILE_TMPDIR/rootfs"
	"$TOP_SRCDIR/tests/integration/mkrootfs.sh" "$ROOTFS"
	open_file_tmpdir
}

# The root of a new user namespace maps to an unprivileged host uid, which
# must still reach the rootfs through bats' private directories.
open_file_tmpdir() {
	local d="$BATS_FILE_TMPDIR"
	while [ "$d" != "$(dirname "$BATS_RUN_TMPDIR")" ]; do
		chmod go+rx "$d"
		d=$(dirname "$d")
	done
}

# A bundle whose config is `hrun spec` with terminal off and the shared
# rootfs; tests change it with update_config.
setup_bundle() {
	BUNDLE="$BATS_TEST_TMPDIR/bundle"
	mkdir -p "$BUNDLE"
	"$HRUN" spec --bundle "$BUNDLE"
	update_config --arg root "$ROOTFS" '.root.path = $root | .process.terminal = false'
	ID="test-$BATS_TEST_NUMBER-$$"
	# a number no other test (nor another copy of the suites) uses: a
	# workload's `sleep $LONG` is found by its exact command line
	LONG="9$$$BATS_TEST_NUMBER"
}

# gone CMDLINE: no process has exactly this command line (within 5 s: a
# SIGKILL takes a moment).  Markers are unique (sleep $LONG), so a process
# of another test or another suite on the machine is never taken for ours.
gone() {
	for _ in $(seq 100); do
		pgrep -fx -- "$1" >/dev/null || return 0
		sleep 0.05
	done
	echo "still running: $1"
	return 1
}

setup() {
	setup_bundle
}

# setup_state: a bundle (setup_bundle), and hrun with a state root of the
# test's own, as the array H.
setup_state() {
	setup_bundle
	STATE_ROOT="$BATS_TEST_TMPDIR/state"
	H=("$HRUN" --root "$STATE_ROOT")
}

# update_config [jq options] FILTER: edit the bundle's config.json in place.
update_config() {
	jq "$@" "$BUNDLE/config.json" >"$BUNDLE/config.json.new"
	mv "$BUNDLE/config.json.new" "$BUNDLE/config.json"
}

# set_args ARG...: the workload's argv (an argument may hold newlines).
set_args() {
	local i=0 arg opts=() refs=()
	for arg in "$@"; do
		opts+=(--arg "a$i" "$arg")
		refs+=("\$a$i")
		i=$((i + 1))
	done
	local IFS=,
	update_config "${opts[@]}" ".process.args = [${refs[*]}]"
}

hrun_run() {
	run --separate-stderr "$HRUN" run --bundle "$BUNDLE" "$ID"
}

# Nothing the test made may outlive it: no mount on the host under the
# test's directories or named after its container, no hrun of its bundle,
# no cgroup of its container.  Only what is ours is looked at: other
# suites may run on the machine at the same time.
assert_nothing_left() {
	! grep -E "(^|[^A-Za-z0-9_.+-])$ID([^A-Za-z0-9_.+-]|$)" /proc/self/mountinfo || {
		echo "a mount named after the container was left"
		return 1
	}
	! grep -F "$BATS_RUN_TMPDIR" /proc/self/mountinfo || {
		echo "a mount under the test's directory was left"
		return 1
	}
	! pgrep -f "hrun run --bundle $BUNDLE" >/dev/null || {
		echo "hrun process left"
		return 1
	}
	# the default cgroup is named after the id, in every hierarchy
	local cgroups
	cgroups=$(ls -d /sys/fs/cgroup/"$ID" /sys/fs/cgroup/*/"$ID" 2>/dev/null || true)
	[ -z "$cgroups" ] || {
		echo "cgroup left: $cgroups"
		return 1
	}
}

# state_field FIELD: one field of `state` (suites that set H, the hrun
# command with its --root).
state_field() {
	"${H[@]}" state "$ID" | jq -r ".$1"
}

# wait_status STATUS: poll state until it says STATUS (at most 5 s).
wait_status() {
	for _ in $(seq 100); do
		[ "$(state_field status)" = "$1" ] && return 0
		sleep 0.05
	done
	echo "status is $(state_field status), expected $1"
	return 1
}

# assert_one_line_error PATTERN: a failed command printed exactly one line
# on stderr, matching PATTERN (extended regex), and exited non-zero.
assert_one_line_error() {
	[ "$status" -ne 0 ] || { echo "exit status 0, expected failure"; return 1; }
	[ "${#stderr_lines[@]}" -eq 1 ] || { echo "stderr has ${#stderr_lines[@]} lines:"; echo "$stderr"; return 1; }
	[[ "$stderr" =~ $1 ]] || { echo "stderr: $stderr"; echo "expected: $1"; return 1; }
}
