#!/bin/bash
# Benchmark podman's own flows with hrun, crun and runc as its runtime:
#   podman run --rm --network none IMAGE true
#   podman exec CTR true            (into a running container)
# through podman itself (conmon included), with a private store and
# configuration as the podman suite makes them (tests/podman/helpers.bash):
# a busybox image from `podman import`, default_ulimits nofile/nproc, the
# cgroupfs manager.  No network: netavark's state is the machine's.
# Prints the medians and the ratios to crun.  Not part of `make check`:
# timings are not tests.  podman's own work (~150 ms a run here) dwarfs
# the runtime's (~20 ms), so the runtimes take turns, each command 150 ms
# after the last (common.sh's `lone`): in hyperfine's batches, one
# runtime's runs after the other's, a slow minute of this shared machine
# fell on one runtime alone (100 runs in batches once gave hrun 1.16x
# crun, where runs in turn gave 0.89x).  HRUN_BENCH_ORDER="crun runc
# hrun" changes the order within a round.
#
# usage: tests/bench/podman.sh [HRUN] [RUNS]   (as root; needs podman crun runc jq)
#
# crun 1.8 refuses hybrid cgroup layouts, so everything runs inside one
# private mount namespace where /sys/fs/cgroup/unified is unmounted.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
hrun=$(realpath "${1:-$top/hrun}")
runs=${2:-30}

before=
. "$top/tests/bench/common.sh"
bench_enter podman crun runc jq
# one podman suite or bench at a time (tests/podman/helpers.bash)
exec {lock}>/run/lock/hrun-podman-suite.lock
flock -w 1200 "$lock" || { echo "bench: another podman suite holds the lock" >&2; exit 1; }

PT=$(mktemp -d /tmp/hrun-bench-podman.XXXXXX)
chmod 755 "$PT"
mkdir -p "$PT/tmp" "$PT/libpod" "$PT/root" "$PT/runroot" "$PT/volumes"
runtimes=(${HRUN_BENCH_ORDER:-hrun crun runc})
declare -A path=([hrun]=$hrun [crun]=$(command -v crun) [runc]=$(command -v runc))
img=localhost/busybox-bench:latest

. "$top/tests/podman/conf.bash"
cat >"$PT/containers.conf" <<EOF
[containers]
$(podman_ulimits)
log_driver = "k8s-file"

$(podman_engine_conf "$PT")
$(grep -E '^runtime_supports_(json|nocgroup) *=' "$top/contrib/containers.conf.d/hrun.conf")

[engine.runtimes]
hrun = ["${path[hrun]}"]
crun = ["${path[crun]}"]
runc = ["${path[runc]}"]
EOF
podman_store_conf "$PT"
cat >"$PT/pm" <<EOF
#!/bin/sh
# podman with the bench's private store; \$1 is the runtime
rt=\$1
shift
cd '$PT/tmp'
exec env CONTAINERS_CONF='$PT/containers.conf' CONTAINERS_STORAGE_CONF='$PT/storage.conf' \\
	CONTAINERS_REGISTRIES_CONF='$PT/registries.conf' TMPDIR='$PT/tmp' \\
	podman --root '$PT/root' --runroot '$PT/runroot' --storage-driver vfs \\
	--tmpdir '$PT/libpod' --cgroup-manager cgroupfs --events-backend file \\
	--runtime "\$rt" "\$@"
EOF
chmod 755 "$PT/pm"
pm() { "$PT/pm" "$@"; }

cleanup() {
	for rt in "${runtimes[@]}"; do
		pm "$rt" rm -f -t 0 "bench-$rt" >/dev/null 2>&1 || true
	done
	pm hrun rmi -f "$img" >/dev/null 2>&1 || true
	rm -rf "$PT"
}
trap cleanup EXIT

# must WHAT COMMAND...: a command that does not work fails the bench
must() {
	local what=$1
	shift
	"$@" >/dev/null || { echo "bench: $what: '$*' failed" >&2; exit 1; }
}

"$top/tests/integration/mkrootfs.sh" "$PT/rootfs"
tar -C "$PT/rootfs" -cf "$PT/busybox.tar" .
must "podman import" pm hrun import --quiet --change 'CMD ["/bin/sh"]' "$PT/busybox.tar" "$img"
rm -rf "$PT/rootfs" "$PT/busybox.tar"

run_samples=() exec_samples=()
for rt in "${runtimes[@]}"; do
	must "podman run ($rt)" pm "$rt" run --rm --network none "$img" true
	must "podman run -d ($rt)" pm "$rt" run -d --network none --name "bench-$rt" "$img" sleep 1000000
	must "podman exec ($rt)" pm "$rt" exec "bench-$rt" true
	run_samples+=("$rt" "$PT/pm ${path[$rt]} run --rm --network none $img true")
	exec_samples+=("$rt" "$PT/pm ${path[$rt]} exec bench-$rt true")
done

echo "== podman run --rm --network none IMAGE true, podman exec CTR true: $runs rounds each"
lone "$PT/run.json" "$runs" "${run_samples[@]}"
lone "$PT/exec.json" "$runs" "${exec_samples[@]}"

median() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median * 1000' "$1"; }
echo
echo "medians (ms) and ratios (hrun / other; below 1: podman is faster with hrun):"
printf '  %-14s %8s %8s %8s %10s %10s\n' "" hrun crun runc hrun/crun hrun/runc
for t in run exec; do
	h=$(median "$PT/$t.json" hrun) c=$(median "$PT/$t.json" crun) r=$(median "$PT/$t.json" runc)
	awk -v t="podman $t" -v h="${h:-0}" -v c="${c:-0}" -v r="${r:-0}" '
		function ms(v) { return v > 0 ? sprintf("%.1f", v) : "-" }
		function ratio(a, b) { return a > 0 && b > 0 ? sprintf("%.2fx", a / b) : "-" }
		BEGIN { printf "  %-14s %8s %8s %8s %10s %10s\n", t, ms(h), ms(c), ms(r), ratio(h, c), ratio(h, r) }'
done
