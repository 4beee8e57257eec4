#!/bin/bash
# Benchmark `run` of /bin/true in a busybox bundle: hrun side by side with
# crun and runc from Debian and with the floor (../shared/tools/limit.c: the
# least work any runtime must do).  Prints hyperfine's table, peak RSS, and
# the ratios.  Not part of `make check`: timings are not tests.
#
# usage: tests/bench/run.sh [HRUN] [RUNS]     (as root; needs hyperfine crun runc)
#
# HRUN_BEFORE=/path/to/an/older/hrun adds it to the table as hrun-before,
# the ratio hrun / hrun-before, and `create --help` of both: the start-up
# alone (re-execution from the sealed binary included, no container).
#
# crun 1.8 refuses hybrid cgroup layouts, so everything runs inside one
# private mount namespace where /sys/fs/cgroup/unified is unmounted.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
hrun=$(realpath "${1:-$top/hrun}")
runs=${2:-100}
before=${HRUN_BEFORE:+$(realpath "$HRUN_BEFORE")}
limit_src=${LIMIT_SRC:-$top/../shared/tools/limit.c}

if [ "${HRUN_BENCH_INNER:-}" != 1 ]; then
	for tool in hyperfine crun runc gcc jq; do
		command -v "$tool" >/dev/null || { echo "bench: $tool missing (apt-get install $tool)" >&2; exit 1; }
	done
	exec unshare -m env HRUN_BENCH_INNER=1 "$0" "$hrun" "$runs"
fi
mountpoint -q /sys/fs/cgroup/unified && umount /sys/fs/cgroup/unified

work=$(mktemp -d /tmp/hrun-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$top/tests/integration/mkrootfs.sh" "$work/rootfs"
"$hrun" spec --bundle "$work"
# crun 1.8 refuses a config newer than the spec it knows
jq --arg r "$work/rootfs" '.ociVersion = "1.0.2" | .root.path = $r | .process.terminal = false | .process.args = ["/bin/true"]' \
	"$work/config.json" >"$work/c.json" && mv "$work/c.json" "$work/config.json"
gcc -O2 -o "$work/limit" "$limit_src"

cmd_hrun="$hrun run --bundle $work bench-hrun"
cmd_crun="crun --root $work/crun-state run --bundle $work bench-crun"
cmd_runc="runc --root $work/runc-state run --bundle $work bench-runc"
cmd_limit="$work/limit $work/rootfs /bin/true"
names=(hrun crun runc limit)
if [ -n "$before" ]; then
	cmd_before="$before run --bundle $work bench-hrun-before"
	names+=(before)
fi
hf=()
for name in "${names[@]}"; do
	var="cmd_$name"
	${!var} || { echo "bench: '${!var}' failed" >&2; exit 1; }
	hf+=(-n "$([ "$name" = before ] && echo hrun-before || echo "$name")" "${!var}")
done

hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/times.json" "${hf[@]}"
if [ -n "$before" ]; then
	echo
	echo "start-up alone (\`create --help\`: no container):"
	hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/startup.json" \
		-n hrun "$hrun create --help" -n hrun-before "$before create --help"
fi

peak_rss() { # the largest max-RSS (KiB) over 20 runs
	local max=0 r
	for _ in $(seq 20); do
		r=$( { /usr/bin/time -f %M $1 >/dev/null; } 2>&1 | tail -1)
		[ "$r" -gt "$max" ] && max=$r
	done
	echo "$max"
}
echo
echo "peak RSS of the runtime process (KiB, max of 20 runs):"
declare -A rss
for name in "${names[@]}"; do
	var="cmd_$name"
	rss[$name]=$(peak_rss "${!var}")
	printf '  %-6s %6d\n' "$name" "${rss[$name]}"
done

stat_of() { jq -r --arg n "$1" --arg s "$2" '.results[] | select(.command == $n) | .[$s]' "${3:-$work/times.json}"; }
mean() { stat_of "$1" mean; }
echo
echo "ratios (hrun / other; below 1 means hrun is faster or smaller):"
for other in crun runc limit; do
	awk -v a="$(mean hrun)" -v b="$(mean "$other")" -v ra="${rss[hrun]}" -v rb="${rss[$other]}" -v o="$other" \
		'BEGIN { printf "  vs %-6s time %.2fx   peak RSS %.2fx\n", o, a / b, ra / rb }'
done
if [ -n "$before" ]; then
	# medians: the price of hrun's own changes, robust to a busy machine
	awk -v a="$(stat_of hrun median)" -v b="$(stat_of hrun-before median)" -v ra="${rss[hrun]}" -v rb="${rss[before]}" \
		'BEGIN { printf "  vs hrun-before: median time %.2fx (%+.2f ms)   peak RSS %.2fx\n", a / b, (a - b) * 1000, ra / rb }'
	awk -v a="$(stat_of hrun median "$work/startup.json")" -v b="$(stat_of hrun-before median "$work/startup.json")" \
		'BEGIN { printf "  start-up alone: median %.2f ms, before %.2f ms (%+.2f ms)\n", a * 1000, b * 1000, (a - b) * 1000 }'
fi
