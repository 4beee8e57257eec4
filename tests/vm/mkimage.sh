#!/bin/sh
# mkimage.sh DIR: the VM tier's guest, from Debian packages only: a Debian 12
# root filesystem (mmdebstrap) with systemd as pid 1 on the pure cgroup v2
# layout, the runtime libraries hrun links, and what the suites use (rootless
# podman: podman, its rootless network slirp4netns, newuidmap from uidmap,
# catatonit for --init, and runc beside hrun; rootful podman: its network
# backend netavark), and AppArmor's tools (apparmor_parser, its boot-time
# profiles), as on Debian and Ubuntu hosts; the kernel and initrd are
# taken out of it for qemu's direct boot.
#   DIR/rootfs.img  ext4, root=/dev/vda (booted with snapshot=on: never changed)
#   DIR/vmlinuz DIR/initrd.img
# The guest mounts the 9p shares `src` and `build` at /hrun/src and
# /hrun/build and runs hrun-vm.service (tests/vm/guest.sh), then powers off.
set -eu
dir=$1
here=$(cd "$(dirname "$0")" && pwd)
tree="$dir/tree"
packages="systemd,systemd-sysv,dbus,udev,linux-image-amd64,kmod,e2fsprogs,\
libyajl2,libseccomp2,libcap2,libmnl0,libsystemd0,bats,jq,busybox-static,procps,util-linux,\
dbus-user-session,uidmap,podman,conmon,slirp4netns,catatonit,runc,apparmor,netavark"

mkdir -p "$dir"
rm -rf "$tree"
# initramfs: virtio_blk for the root disk; 9p is loaded from the root later
mmdebstrap --variant=apt --include="$packages" \
	--customize-hook='echo hrun-vm >"$1/etc/hostname"' \
	--customize-hook='echo "/dev/vda / ext4 rw 0 1" >"$1/etc/fstab"' \
	--customize-hook='printf "9p\n9pnet_virtio\n" >"$1/etc/modules-load.d/9p.conf"' \
	--customize-hook="cp '$here/hrun-vm.service' \"\$1/etc/systemd/system/\"" \
	--customize-hook='chroot "$1" systemctl enable hrun-vm.service' \
	--customize-hook='chroot "$1" passwd -d root' \
	bookworm "$tree"
cp -L "$tree/vmlinuz" "$dir/vmlinuz"
cp -L "$tree/initrd.img" "$dir/initrd.img"
rm -f "$dir/rootfs.img"
# room for the suites' bundles and state
mkfs.ext4 -q -L hrun-vm -d "$tree" "$dir/rootfs.img" 2G
rm -rf "$tree"
