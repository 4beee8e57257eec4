#!/bin/sh
# Run every suite, twice: a -Werror build and an ASan/UBSan build.  Prints
# one line "N passed, N failed, N skipped" summed over all of them and
# exits non-zero on any failure.  Run as root from the source tree.
set -u
cd "$(dirname "$0")/.."
top=$(pwd)
jobs=$(nproc)
failed_build=0

[ -x configure ] || ./autogen.sh >/dev/null 2>&1 || { echo "autogen failed"; exit 1; }

# build_and_check DIR CONFIGURE-FLAGS...
build_and_check() {
	dir=$1
	shift
	mkdir -p "$dir"
	(cd "$dir" && "$top/configure" -q "$@" && make -s -j"$jobs") || {
		echo "build in $dir failed"
		failed_build=1
		return
	}
	(cd "$dir" && make -s -j"$jobs" check) || true
}

build_and_check build-check --enable-werror
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 build_and_check build-asan --enable-werror --enable-sanitizers

sum() {
	cat build-check/test-suite.log build-asan/test-suite.log 2>/dev/null |
		awk -v k="$1" '$1 == "#" && $2 == k":" { n += $3 } END { print n + 0 }'
}
pass=$(sum PASS)
fail=$(($(sum FAIL) + $(sum ERROR) + $(sum XPASS) + failed_build))
skip=$(sum SKIP)
for log in build-check/test-suite.log build-asan/test-suite.log; do
	[ -f "$log" ] && grep -E '^(FAIL|ERROR):' "$log" | sed "s|^|$log: |"
done
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
