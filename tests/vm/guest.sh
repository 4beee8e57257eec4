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
# SUITE[:runc] names a suite, run with VM_PODMAN_RUNTIME=runc for :runc;
# run.sh's VM_SUITES, left in suites, picks some
suites="tests/integration/cgroups.bats tests/vm/systemd.bats tests/vm/rootless.bats
tests/vm/podman_rootless.bats tests/vm/podman_rootless.bats:runc
tests/security/apparmor.bats tests/vm/podman_apparmor.bats"
[ -s "$out/../suites" ] && suites=$(cat "$out/../suites")
status=0
for suite in $suites; do
	file=${suite%:runc} rt=hrun
	[ "$file" = "$suite" ] || rt=runc
	name=$(basename "$file" .bats)
	[ "$rt" = hrun ] || name="$name-$rt"
	start=$(date +%s)
	VM_PODMAN_RUNTIME=$rt bats --tap "$HRUN_TOP_SRCDIR/$file" >"$out/$name.tap" 2>&1 || status=1
	echo "time $name $(($(date +%s) - start))s" >>"$out/guest.txt"
done
echo "$status" >"$out/status"
