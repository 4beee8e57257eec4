#!/bin/sh
# tests/podman/run.sh [BATS OPTIONS...]: podman 4.x + conmon driving a
# runtime, with a private store, configuration and network; TAP on stdout,
# then one line "N passed, N failed, N skipped".
#
#   HRUN=/path/to/hrun tests/podman/run.sh                  # the whole suite
#   HRUN=... tests/podman/run.sh -f 'exec'                   # tests matching a regex
#   HRUN=/usr/bin/crun tests/podman/run.sh                   # a reference runtime
#   HRUN_PODMAN_JSON=0 ...       hrun not in runtime_supports_json (stderr path)
#   HRUN_PODMAN_DEBUG=1 ...      podman --log-level=debug on every call
#   HRUN_PODMAN_KEEP=1 ...       keep the private tree (trace.log, store) after
#
# rootless.bats runs the same podman as a user of its own (needs uidmap).
# Needs root and the Debian packages podman (conmon, catatonit, netavark,
# aardvark-dns, crun or runc come with it), bats, busybox-static, iproute2.
# The first TAP comment says which runtime ran and whether podman used the
# JSON error path (--log-format=json --log) or the runtime's stderr.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
if [ -z "${HRUN:-}" ]; then
	for c in "$top/hrun" "$top/build-podman/hrun" "$top/build/hrun"; do
		[ -x "$c" ] && HRUN=$c && break
	done
fi
[ -n "${HRUN:-}" ] && [ -x "$HRUN" ] || { echo "run.sh: no hrun binary: build it or set HRUN" >&2; exit 2; }
HRUN=$(cd "$(dirname "$HRUN")" && pwd)/$(basename "$HRUN")
export HRUN HRUN_TOP_SRCDIR="$top"
[ "$(id -u)" = 0 ] || { echo "run.sh: needs root" >&2; exit 2; }
for tool in podman conmon bats busybox ip; do
	command -v "$tool" >/dev/null || { echo "run.sh: $tool not installed" >&2; exit 2; }
done

out=$(mktemp)
trap 'rm -f "$out"' EXIT
# rootful, then rootless (a user of the suite's own): one bats each, since
# each file takes the suite's lock for its whole run
rc=0
for suite in podman rootless; do
	bats --tap "$@" "$here/$suite.bats" </dev/null | tee -a "$out" || rc=1
done
pass=$(grep -c '^ok .*' "$out" | tr -d ' ')
skip=$(grep -c '^ok .* # skip' "$out" | tr -d ' ')
fail=$(grep -c '^not ok ' "$out" | tr -d ' ')
echo "$((pass - skip)) passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$rc" -eq 0 ]
