#!/bin/sh
# In the VM guest (hrun-vm.service): run the suites against the host's
# build, shared at /hrun/build, and leave their TAP, the guest's facts and
# the overall status in /hrun/build/tests/vm/results for run.sh.
set -u
out=/hrun/build/tests/vm/results
mkdir -p "$out"
export HRUN=/hrun/build/hrun HRUN_TOP_SRCDIR=/hrun/src PATH=/usr/sbin:/usr/bin:/sbin:/bin
{
	echo "kernel $(uname -r)"
	echo "cgroup $(stat -f -c %T /sys/fs/cgroup)"
	echo "pid1 $(cat /proc/1/comm)"
	"$HRUN" --version | head -1
} >"$out/guest.txt" 2>&1
status=0
for suite in tests/integration/cgroups.bats tests/vm/systemd.bats tests/vm/rootless.bats; do
	name=$(basename "$suite" .bats)
	bats --tap "$HRUN_TOP_SRCDIR/$suite" >"$out/$name.tap" 2>&1 || status=1
done
echo "$status" >"$out/status"
