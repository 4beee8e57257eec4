#!/bin/sh
# Run every suite: unit and integration tests in a -Werror build and in an
# ASan/UBSan build, the config.json fuzzer for a bounded time, podman +
# conmon and containerd driving hrun.  Prints one line "N passed, N failed, N skipped"
# summed over all of them and exits non-zero on any failure.
# RUN_ALL_SUITES (default: all) limits it to some of: werror asan fuzz vm
# podman containerd bench (the benchmarks, briefly: their figures are
# printed, and only a command that does not work counts as a failure); RUN_ALL_TESTS, when set, is the TESTS of both builds'
# `make check` (e.g. tests/unit/test_plan).  As root,
# from the source tree.
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
jobs=$(nproc)
# RUN_ALL_COUNTS="PASSED FAILED SKIPPED": what the caller counted before
# (.ci/run: the quickstart), added to the totals
set -- ${RUN_ALL_COUNTS:-0 0 0}
pass=$1 fail=$2 skip=$3

[ -x configure ] || ./autogen.sh >/dev/null 2>&1 || { echo "autogen failed"; exit 1; }
# every build here is out of tree (contrib/quickstart.sh's too): configure
# refuses a second build beside one made in the source tree
[ -f config.status ] && { echo "the source tree is configured in place: run 'make distclean' first"; exit 1; }

# wanted SUITE: whether RUN_ALL_SUITES asks for it
wanted() {
	case " ${RUN_ALL_SUITES:-werror asan fuzz vm podman containerd bench} " in
	*" $1 "*) return 0 ;;
	esac
	return 1
}

# count PASSED FAILED SKIPPED: add a suite's numbers to the totals
count() {
	pass=$((pass + $1)) fail=$((fail + $2)) skip=$((skip + $3))
}

# build_and_check DIR CONFIGURE-FLAGS...: make check, counted from its log
build_and_check() {
	dir=$1
	shift
	mkdir -p "$dir"
	if ! (cd "$dir" && "$top/configure" -q "$@" && make -s -j"$jobs"); then
		echo "build in $dir failed"
		count 0 1 0
		return
	fi
	(cd "$dir" && make -s -j"$jobs" check ${RUN_ALL_TESTS:+TESTS="$RUN_ALL_TESTS"}) || true
	log=$dir/test-suite.log
	[ -f "$log" ] || { echo "$dir: no test-suite.log"; count 0 1 0; return; }
	grep -E '^(FAIL|ERROR):' "$log" | sed "s|^|$dir: |"
	count "$(sum "$log" PASS)" \
		"$(($(sum "$log" FAIL) + $(sum "$log" ERROR) + $(sum "$log" XPASS)))" \
		"$(sum "$log" SKIP)"
}

sum() {
	awk -v k="$2" '$1 == "#" && $2 == k":" { n += $3 } END { print n + 0 }' "$1"
}

# show_failures NAME: from TAP on stdin, each failure with its diagnostics
# (the "# " lines after it), prefixed with the suite's name
show_failures() {
	awk '/^not ok/ { show = 1; print; next } show && /^#/ { print; next } { show = 0 }' |
		sed "s|^|$1: |"
}

# a suite that prints "N passed, N failed, N skipped" as its last line
run_counted() {
	name=$1
	shift
	out=$("$@" 2>&1)
	status=$?
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
	if [ -z "$line" ]; then
		printf '%s\n' "$out" | tail -20
		echo "$name: no result line (exit $status)"
		count 0 1 0
		return
	fi
	printf '%s\n' "$out" | show_failures "$name"
	set -- $(echo "$line" | tr -dc '0-9 ')
	count "$1" "$2" "${3:-0}"
}

wanted werror && build_and_check build-check --enable-werror
wanted asan &&
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 build_and_check build-asan --enable-werror --enable-sanitizers

# the parser under libFuzzer (ASan + UBSan), one minute
if ! wanted fuzz; then
	:
elif tests/fuzz/run.sh build-fuzz 60 >build-fuzz.log 2>&1; then
	count 1 0 0
else
	tail -20 build-fuzz.log
	echo "fuzz: the config.json fuzzer failed (build-fuzz.log)"
	count 0 1 0
fi

# TAP from a suite: ok / not ok / ok # skip
count_tap() {
	skipped=$(grep -ciE '^ok .*# skip' "$1")
	count "$(($(grep -cE '^ok ' "$1") - skipped))" "$(grep -cE '^not ok' "$1")" "$skipped"
	show_failures "$2" <"$1"
}

# Pure cgroup v2 and the systemd manager, in a Debian 12 guest (qemu).  Its
# image is built from Debian's packages on first use: when that cannot be
# done here, the tier is counted as skipped, with the reason.
vm_tier() {
	make -s -C build-check check-vm >build-vm.log 2>&1
	if grep -qE '^(ok|not ok) ' build-vm.log; then
		count_tap build-vm.log vm
		return
	fi
	tail -15 build-vm.log
	if [ -e build-check/tests/vm/rootfs.img ]; then
		echo "vm: the guest ran no suite (build-vm.log)"
		count 0 1 0
	else
		echo "vm: no guest image could be built here: the tier is skipped (build-vm.log)"
		count 0 0 1
	fi
}
wanted vm && vm_tier

# podman and conmon, and containerd's ctr and shim, as users run them
wanted podman && HRUN=$top/build-check/hrun run_counted podman tests/podman/run.sh
wanted containerd && HRUN=$top/build-check/hrun run_counted containerd tests/containerd/run.sh

# the benchmarks, a few runs each: figures, never a verdict on a timing
bench() {
	name=$1
	shift
	echo "== bench: $name"
	if "$@" >"build-bench-$name.log" 2>&1; then
		sed -n '/^\(lone runs\|medians\)/,$p' "build-bench-$name.log"
		count 1 0 0
	elif grep -q 'missing (apt-get install' "build-bench-$name.log"; then
		cat "build-bench-$name.log"
		count 0 0 1
	else
		tail -20 "build-bench-$name.log"
		echo "bench: $name: a command failed (build-bench-$name.log)"
		count 0 1 0
	fi
}
if wanted bench; then
	bench run tests/bench/run.sh build-check/hrun "${RUN_ALL_BENCH_RUNS:-5}"
	bench podman tests/bench/podman.sh build-check/hrun "${RUN_ALL_BENCH_RUNS:-5}"
fi

echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
