#!/bin/sh
# Fresh Debian 12, as root, from the source tree: install what hrun needs,
# build it, make a busybox bundle in ./sample and run it.
set -eu
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $(cat contrib/packages.txt) >/dev/null
[ -x configure ] || ./autogen.sh >/dev/null
[ -f Makefile ] || ./configure -q
make -s -j"$(nproc)"
rm -rf sample
mkdir -p sample
tests/integration/mkrootfs.sh sample/rootfs
./hrun spec --bundle sample
jq '.process.terminal = false | .process.args = ["sh", "-c", "echo hello from $(hostname), pid $$ under init $(cat /proc/1/comm)"]' \
	sample/config.json >sample/config.json.new && mv sample/config.json.new sample/config.json
./hrun run --bundle sample demo
