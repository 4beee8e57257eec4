#!/bin/bash
# Benchmark hrun side by side with crun and runc from Debian and with the
# floor (../shared/tools/limit.c: the least work any runtime must do), in a
# busybox bundle:
#   run                  `run` of /bin/true;
#   create+start+delete  the three verbs one after the other (one `sh -c`
#                        per sample, the same for every runtime; the
#                        container runs /bin/true, so delete is --force:
#                        it may not have exited yet);
#   exec                 `exec ID /bin/true` into a running container.
# Prints the medians of lone runs (each 150 ms after the last, interleaved:
# what one `podman run` meets) and back-to-back medians (hyperfine, in
# three passes, the runtimes' order turned each pass), the
# ratios to crun and to the floor (exec has no floor), and peak RSS.  Not part of `make check`: timings are not
# tests; tests/run-all.sh runs it briefly and prints its figures, failing
# only when a command does not work.
#
# usage: tests/bench/run.sh [HRUN] [RUNS]     (as root; needs hyperfine crun runc)
#
# HRUN_BEFORE=/path/to/an/older/hrun adds it to the tables as hrun-before,
# the ratio hrun / hrun-before, and `create --help` of both: the start-up
# alone (re-execution from the sealed binary included, no container).
#
# crun 1.8 refuses hybrid cgroup layouts, so everything runs inside one
# private mount namespace where /sys/fs/cgroup/unified is unmounted: pure
# cgroup v1 for every runtime.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
hrun=$(realpath "${1:-$top/hrun}")
runs=${2:-100}
before=${HRUN_BEFORE:+$(realpath "$HRUN_BEFORE")}
limit_src=${LIMIT_SRC:-$top/../shared/tools/limit.c}

. "$top/tests/bench/common.sh"
[ -r "$limit_src" ] || [ "${HRUN_BENCH_INNER:-}" = 1 ] || echo "bench: no floor: $limit_src missing (set LIMIT_SRC)" >&2
bench_enter hyperfine crun runc gcc jq

work=$(mktemp -d /tmp/hrun-bench.XXXXXX)
warmup=$((runs < 10 ? 1 : 10))
lone_rounds=$((runs < 15 ? runs : 15))
names=(hrun crun runc)
[ -n "$before" ] && names+=(before)
label() { [ "$1" = before ] && echo hrun-before || echo "$1"; }

cleanup() {
	for name in "${names[@]}"; do
		$(bin "$name") delete --force "bench-exec-$name" >/dev/null 2>&1 || true
	done
	bench_work_remove
}
trap cleanup EXIT
bench_state_tmpfs

bench_bundles
# the floor, when its source is there (a clone of hrun alone has none)
limit=
if [ -r "$limit_src" ]; then
	gcc -O2 -o "$work/limit" "$limit_src"
	limit=$work/limit
fi

# must NAME COMMAND...: run it once; a command that does not work fails the bench
must() {
	local what=$1
	shift
	"$@" >/dev/null || { echo "bench: $what: '$*' failed" >&2; exit 1; }
}

# hf FILE SAMPLES...: back to back, hyperfine over "name" "command" pairs
# in three passes of a third of the runs each, the order turned by one
# each pass: hyperfine runs one command's runs together, and a slow
# stretch of this shared machine would otherwise fall on one runtime's
# alone.  The median of all of a command's runs into FILE, as hyperfine's
# JSON has it ({"results": [{"command", "median"}]}), and one line each.
hf() {
	local out=$1 pass j k n per
	local -a pairs=() args=() parts=()
	shift
	pairs=("$@")
	n=$((${#pairs[@]} / 2))
	per=$(((runs + 2) / 3))
	for pass in 0 1 2; do
		args=()
		for ((k = 0; k < n; k++)); do
			j=$(((k + pass) % n))
			args+=(-n "${pairs[2 * j]}" "${pairs[2 * j + 1]}")
		done
		hyperfine -N --style none --warmup "$warmup" --runs "$per" \
			--export-json "$out.$pass" "${args[@]}" >/dev/null 2>&1 ||
			{ echo "bench: hyperfine failed: ${args[*]}" >&2; exit 1; }
		parts+=("$out.$pass")
	done
	jq -s '{results: [[.[].results[]] | group_by(.command)[] |
		{command: .[0].command, median: ([.[].times[]] | sort | .[length / 2 | floor])}]}' \
		"${parts[@]}" >"$out"
	rm -f "${parts[@]}"
	jq -r '.results[] | "  \(.command): \(.median * 1000 * 100 | round / 100) ms"' "$out"
}

# measure T SAMPLES...: lone runs into $work/T-lone.json, hyperfine's into $work/T.json
measure() {
	local t=$1
	shift
	hf "$work/$t.json" "$@"
	lone "$work/$t-lone.json" "$lone_rounds" "$@"
}

echo "== run /bin/true"
samples=()
for name in "${names[@]}"; do
	cmd="$(bin "$name") run --bundle $work/true bench-$name"
	must "run ($name)" $cmd
	samples+=("$(label "$name")" "$cmd")
done
if [ -n "$limit" ]; then
	must "limit" "$limit" "$work/rootfs" /bin/true
	samples+=(limit "$limit $work/rootfs /bin/true")
fi
measure run "${samples[@]}"

echo
echo "== create + start + delete --force"
samples=()
for name in "${names[@]}"; do
	b=$(bin "$name")
	cmd="sh -c '$b create --bundle $work/true bench-csd-$name && $b start bench-csd-$name && $b delete --force bench-csd-$name'"
	must "create+start+delete ($name)" eval "$cmd"
	samples+=("$(label "$name")" "$cmd")
done
[ -n "$limit" ] && samples+=(limit "sh -c '$limit $work/rootfs /bin/true'")
measure csd "${samples[@]}"

echo
echo "== exec /bin/true into a running container"
samples=()
for name in "${names[@]}"; do
	b=$(bin "$name")
	must "create ($name)" $b create --bundle "$work/sleep" "bench-exec-$name"
	must "start ($name)" $b start "bench-exec-$name"
	must "exec ($name)" $b exec "bench-exec-$name" /bin/true
	samples+=("$(label "$name")" "$b exec bench-exec-$name /bin/true")
done
measure exec "${samples[@]}"

if [ -n "$before" ]; then
	echo
	echo "== start-up alone (\`create --help\`: no container)"
	hf "$work/startup.json" hrun "$hrun create --help" hrun-before "$before create --help"
fi

peak_rss() { # the largest max-RSS (KiB) over 20 runs
	local max=0 r
	for _ in $(seq 20); do
		r=$( { /usr/bin/time -f %M "$@" >/dev/null; } 2>&1 | tail -1)
		[ "$r" -gt "$max" ] && max=$r
	done
	echo "$max"
}
echo
echo "peak RSS of the runtime process (KiB, max of 20 runs; run, exec):"
declare -A rss rss_exec
rss[limit]=0
for name in "${names[@]}" ${limit:+limit}; do
	if [ "$name" = limit ]; then
		rss[$name]=$(peak_rss "$limit" "$work/rootfs" /bin/true)
		rss_exec[$name]=0
	else
		rss[$name]=$(peak_rss $(bin "$name") run --bundle "$work/true" "bench-$name")
		rss_exec[$name]=$(peak_rss $(bin "$name") exec "bench-exec-$name" /bin/true)
	fi
	printf '  %-12s %6d %6d\n' "$(label "$name")" "${rss[$name]}" "${rss_exec[$name]}"
done

# median FILE NAME: in ms
median() { jq -r --arg n "$2" '.results[] | select(.command == $n) | .median * 1000' "$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else printf "n/a" }'; }
# table SUFFIX TITLE: the medians of run, csd and exec (hyperfine's, or lone's)
table() {
	local t f what h c r l
	echo
	echo "$2"
	printf '  %-20s %8s %8s %8s %8s %12s %12s\n' "" hrun crun runc limit "hrun/crun" "hrun/limit"
	for t in run csd exec; do
		f=$work/$t$1.json
		case $t in run) what=run ;; csd) what=create+start+delete ;; exec) what=exec ;; esac
		h=$(median "$f" hrun) c=$(median "$f" crun) r=$(median "$f" runc) l=$(median "$f" limit)
		printf '  %-20s %8.2f %8.2f %8.2f %8s %12s %12s\n' "$what" "$h" "$c" "$r" \
			"$([ -n "$l" ] && printf '%.2f' "$l" || echo -)" "$(ratio "$h" "$c")" "$(ratio "$h" "${l:-0}")"
	done
}
table -lone "lone runs, 150 ms apart (medians in ms; as one podman run sees it):"
table "" "medians (ms) and ratios, back to back (hrun / other; below 1: hrun is faster or smaller):"
printf '  %-20s %8d %8d %8d %8d %12s %12s\n' "peak RSS run (KiB)" "${rss[hrun]}" "${rss[crun]}" \
	"${rss[runc]}" "${rss[limit]}" "$(ratio "${rss[hrun]}" "${rss[crun]}")" "$(ratio "${rss[hrun]}" "${rss[limit]}")"
printf '  %-20s %8d %8d %8d %8s %12s\n' "peak RSS exec (KiB)" "${rss_exec[hrun]}" "${rss_exec[crun]}" \
	"${rss_exec[runc]}" - "$(ratio "${rss_exec[hrun]}" "${rss_exec[crun]}")"
if [ -n "$before" ]; then
	echo
	echo "hrun / hrun-before (medians: the price of hrun's own changes):"
	for t in run csd exec startup run-lone csd-lone exec-lone; do
		f=$work/$t.json
		awk -v t="$t" -v a="$(median "$f" hrun)" -v b="$(median "$f" hrun-before)" \
			'BEGIN { printf "  %-8s %.2f ms, before %.2f ms: %.2fx (%+.2f ms)\n", t, a, b, a / b, a - b }'
	done
	echo "  peak RSS run: $(ratio "${rss[hrun]}" "${rss[before]}")"
fi
