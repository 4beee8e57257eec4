#!/bin/sh
# run.sh: the VM tier.  Boots the Debian 12 guest (made by mkimage.sh on
# first use, in $HRUN_TOP_BUILDDIR/tests/vm) under qemu, TCG unless
# VM_ACCEL says otherwise (kvm), with the source and build trees shared
# over virtio-9p; the guest runs the suites (guest.sh; VM_SUITES="FILE..."
# for some of them) and powers off.
# Prints their TAP; exits 0 only when every suite passed.
set -eu
src=${HRUN_TOP_SRCDIR:?} build=${HRUN_TOP_BUILDDIR:?}
dir="$build/tests/vm"
for tool in qemu-system-x86_64 mmdebstrap mkfs.ext4; do
	command -v "$tool" >/dev/null ||
		{ echo "check-vm: $tool missing: apt-get install qemu-system-x86 mmdebstrap e2fsprogs" >&2; exit 1; }
done
mkdir -p "$dir"
# an image made by another mkimage.sh (another package list) is made again
stamp=$(cat "$src/tests/vm/mkimage.sh" "$src/tests/vm/hrun-vm.service" | sha256sum | cut -d' ' -f1)
if [ ! -e "$dir/rootfs.img" ] || [ "$(cat "$dir/rootfs.stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -f "$dir/rootfs.stamp"
	"$src/tests/vm/mkimage.sh" "$dir"
	echo "$stamp" >"$dir/rootfs.stamp"
fi
rm -rf "$dir/results"
# VM_SUITES: some of guest.sh's suites only
if [ -n "${VM_SUITES:-}" ]; then echo "$VM_SUITES" >"$dir/suites"; else rm -f "$dir/suites"; fi
echo "check-vm: booting the guest (${VM_ACCEL:-tcg}); console in $dir/console.log"
timeout "${VM_TIMEOUT:-3000}" qemu-system-x86_64 -machine "q35,accel=${VM_ACCEL:-tcg}" -cpu max \
	-smp 2 -m 2048 -nographic -no-reboot \
	-kernel "$dir/vmlinuz" -initrd "$dir/initrd.img" \
	-append "root=/dev/vda rw console=ttyS0 panic=-1 systemd.unified_cgroup_hierarchy=1" \
	-drive "file=$dir/rootfs.img,if=virtio,format=raw,snapshot=on" \
	-virtfs "local,path=$src,mount_tag=src,security_model=none,readonly=on" \
	-virtfs "local,path=$build,mount_tag=build,security_model=none" \
	</dev/null >"$dir/console.log" 2>&1 || true
[ -e "$dir/results/status" ] || { echo "check-vm: the guest left no results" >&2; tail -30 "$dir/console.log" >&2; exit 1; }
cat "$dir/results/guest.txt" "$dir/results/"*.tap
exit "$(cat "$dir/results/status")"
