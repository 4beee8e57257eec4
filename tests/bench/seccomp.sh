#!/bin/bash
# Benchmark seccomp with podman's default profile (containers-common's
# /usr/share/containers/seccomp.json, put into config.json as podman does):
#  1. in-process: compiling it with libseccomp vs loading it from the BPF
#     cache (tests/bench/seccomp_bench);
#  2. end to end: `hrun run /bin/true` with the profile, cache cold and
#     warm, and without seccomp.
# Not part of `make check`: timings are not tests.
#
# usage: tests/bench/seccomp.sh [HRUN] [RUNS]   (as root, from a built tree;
#        needs hyperfine jq and the Debian package golang-github-containers-common)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
hrun=$(realpath "${1:-$top/hrun}")
runs=${2:-50}
build=$(dirname "$hrun")
profile=/usr/share/containers/seccomp.json

for tool in hyperfine jq make; do
	command -v "$tool" >/dev/null || { echo "bench: $tool missing (apt-get install $tool)" >&2; exit 1; }
done
[ -r "$profile" ] || { echo "bench: $profile missing (apt-get install golang-github-containers-common)" >&2; exit 1; }
make -s -C "$build" tests/bench/seccomp_bench

work=$(mktemp -d /tmp/hrun-bench-seccomp.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$top/tests/integration/mkrootfs.sh" "$work/rootfs"
mkdir -p "$work/plain" "$work/podman"
"$hrun" spec --bundle "$work/plain"
jq --arg r "$work/rootfs" '.root.path = $r | .process.terminal = false | .process.args = ["/bin/true"]' \
	"$work/plain/config.json" >"$work/c.json" && mv "$work/c.json" "$work/plain/config.json"
jq --slurpfile profile "$profile" -f "$top/tests/integration/seccomp_podman.jq" \
	"$work/plain/config.json" >"$work/podman/config.json"

echo "podman's profile: $("$hrun" plan --bundle "$work/podman" | grep -c '^  [A-Z]') rules"
echo
echo "in-process (200 rounds):"
"$build/tests/bench/seccomp_bench" "$work/podman/config.json" "$work/bench-state" 200
echo

cold="$hrun --root $work/cold run --bundle $work/podman bench-cold"
warm="$hrun --root $work/warm run --bundle $work/podman bench-warm"
none="$hrun --root $work/none run --bundle $work/plain bench-none"
for c in "$cold" "$warm" "$none"; do
	$c || { echo "bench: '$c' failed" >&2; exit 1; }
done
hyperfine -N --warmup 5 --runs "$runs" \
	-n "podman profile, no cache" --prepare "rm -rf $work/cold/seccomp" "$cold" \
	-n "podman profile, cached" "$warm" \
	-n "no seccomp" "$none"
