#!/bin/sh
# Fresh Debian 12, as root, from the source tree: install what hrun needs,
# build it out of tree in build-quickstart/ (the source tree stays
# unconfigured, so tests/run-all.sh can configure its own builds, in either
# order), link ./hrun to it, make a busybox bundle in ./sample and run it.
# Safe to run again.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $(cat contrib/packages.txt) >/dev/null
[ -f config.status ] && { echo "quickstart: the source tree is configured in place; run 'make distclean' first" >&2; exit 1; }
[ -x configure ] || ./autogen.sh >/dev/null
mkdir -p build-quickstart
[ -f build-quickstart/Makefile ] || (cd build-quickstart && "$top/configure" -q)
make -s -C build-quickstart -j"$(nproc)"
ln -sfn build-quickstart/hrun hrun
rm -rf sample
mkdir -p sample
tests/integration/mkrootfs.sh sample/rootfs
./hrun spec --bundle sample
jq '.process.terminal = false | .process.args = ["sh", "-c", "echo hello from $(hostname), pid $$ under init $(cat /proc/1/comm)"]' \
	sample/config.json >sample/config.json.new && mv sample/config.json.new sample/config.json
./hrun run --bundle sample "quickstart-$$"
