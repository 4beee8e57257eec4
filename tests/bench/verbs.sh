#!/bin/bash
# The cost of each verb alone, for the breakdown in docs/performance.md:
# create, start, state, list (20 containers), exec, delete and run, each
# timed by hyperfine with what it needs made by --prepare (not timed), and
# the system calls each makes (strace -c, with its children but for
# create, whose init stays: the same count on a busy machine).
# RUNTIMES are compared side by side (default: hrun and crun; hrun-before
# when HRUN_BEFORE is set).  Pure cgroup v1, as tests/bench/run.sh.
#
# usage: tests/bench/verbs.sh [HRUN] [RUNS]    (as root; needs hyperfine crun strace jq)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
hrun=$(realpath "${1:-$top/hrun}")
runs=${2:-30}
before=${HRUN_BEFORE:+$(realpath "$HRUN_BEFORE")}

. "$top/tests/bench/common.sh"
bench_enter hyperfine crun strace jq

work=$(mktemp -d /tmp/hrun-bench-verbs.XXXXXX)
names=(hrun crun)
[ -n "$before" ] && names+=(before)
cleanup() {
	local name id
	for name in "${names[@]}"; do
		for id in $($(bin "$name") list -q 2>/dev/null); do
			$(bin "$name") delete --force "$id" >/dev/null 2>&1 || true
		done
	done
	bench_work_remove
}
trap cleanup EXIT
bench_state_tmpfs

bench_bundles

# verb VERB NAME: "prepare" and "timed command" (a line each) for runtime
# NAME; ids carry the runtime's name: a cgroup is named after its id
verb() {
	local b v=v-$2 s=s1-$2
	b=$(bin "$2")
	case $1 in
	create) printf '%s\n' "$b delete --force $v" "$b create --bundle $work/sleep $v" ;;
	start) printf '%s\n' "sh -c '$b delete --force $v 2>/dev/null; $b create --bundle $work/sleep $v'" "$b start $v" ;;
	state) printf '%s\n' "true" "$b state $s" ;;
	list) printf '%s\n' "true" "$b list" ;;
	exec) printf '%s\n' "true" "$b exec $s /bin/true" ;;
	delete) printf '%s\n' "sh -c '$b delete --force $v 2>/dev/null; $b create --bundle $work/sleep $v && $b start $v'" "$b delete --force $v" ;;
	run) printf '%s\n' "true" "$b run --bundle $work/true r-$2" ;;
	esac
}

verbs=(create start state list exec delete run)
for name in "${names[@]}"; do
	b=$(bin "$name")
	# s1 for state and exec, and 19 more for list: 20 running
	for i in $(seq 1 20); do
		$b create --bundle "$work/sleep" "s$i-$name" && $b start "s$i-$name"
	done
done

declare -A ms calls
for v in "${verbs[@]}"; do
	for name in "${names[@]}"; do
		mapfile -t pc < <(verb "$v" "$name")
		hyperfine -N --style none --warmup 2 --runs "$runs" --prepare "${pc[0]}" \
			--export-json "$work/t.json" "${pc[1]}" >/dev/null 2>&1 ||
			{ echo "bench: $v ($name): '${pc[1]}' failed" >&2; exit 1; }
		ms[$v.$name]=$(jq -r '.results[0].median * 1000' "$work/t.json")
		sh -c "${pc[0]}" >/dev/null 2>&1 || true
		# create's init outlives it: create counts alone, the rest with children
		strace $([ "$v" = create ] || echo -f) -c -o "$work/s.txt" ${pc[1]} >/dev/null 2>&1 || true
		calls[$v.$name]=$(awk '$NF == "total" { print $(NF - 2) + 0 }' "$work/s.txt")
	done
done

printf '%-8s' verb
for name in "${names[@]}"; do printf ' %12s %8s' "$name ms" calls; done
echo
for v in "${verbs[@]}"; do
	printf '%-8s' "$v"
	for name in "${names[@]}"; do printf ' %12.2f %8d' "${ms[$v.$name]}" "${calls[$v.$name]}"; done
	echo
done
