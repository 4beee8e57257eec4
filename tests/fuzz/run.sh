#!/bin/sh
# run.sh [BUILDDIR [SECONDS]]: build the config.json fuzzer (`make fuzz` in
# BUILDDIR, configured first when it has no Makefile; default build-fuzz)
# and run it for SECONDS (default 60) from a corpus of the test configs and
# `hrun spec`'s.  Exits non-zero when the fuzzer finds a crash, a leak or
# undefined behaviour; the input that did it is left in BUILDDIR/tests/fuzz/.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-build-fuzz}
seconds=${2:-60}
case $build in /*) ;; *) build=$top/$build ;; esac

command -v clang-14 >/dev/null || { echo "run.sh: clang-14 is needed (apt install clang-14)" >&2; exit 2; }
[ -x "$top/configure" ] || (cd "$top" && ./autogen.sh >/dev/null)
mkdir -p "$build"
[ -f "$build/Makefile" ] || (cd "$build" && "$top/configure" -q)
make -s -C "$build" fuzz

corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
cp "$top"/tests/unit/data/oci/*.json "$corpus/"
if [ -x "$build/hrun" ]; then
	"$build/hrun" spec --bundle "$corpus" && mv "$corpus/config.json" "$corpus/spec.json"
	"$build/hrun" spec --rootless --bundle "$corpus" && mv "$corpus/config.json" "$corpus/rootless.json"
fi
cd "$build/tests/fuzz"
exec ./fuzz_config -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
	-print_final_stats=1 "$corpus"
