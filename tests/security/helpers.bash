# Shared set-up for the attack suites: everything of the integration
# helpers (a busybox rootfs per file, a bundle per test), plus a throw-away
# copy of hrun that the attacks aim at, a directory outside the rootfs
# for markers, and static attacker programs copied into the rootfs.
#
# A verdict is always an observable effect: the copy's bytes and mode, a
# marker file that appeared (or not) outside the rootfs, capability sets
# read back.  Never an error message.

load ../integration/helpers
eval "integration_$(declare -f setup_file)"

SECURITY_BUILDDIR=${HRUN_TOP_BUILDDIR:-$(cd "$BATS_TEST_DIRNAME/../.." && pwd)}/tests/security

# setup_file for attack suites: the rootfs, then the copy of hrun.  The
# real binary under test stays untouched whatever the attack does.
security_setup_file() {
	integration_setup_file
	export HRUN_ORIG="$HRUN"
	export HRUN_COPY_DIR="$BATS_FILE_TMPDIR/bin"
	mkdir -p "$HRUN_COPY_DIR"
	chmod 0755 "$HRUN_COPY_DIR"
	cp "$HRUN_ORIG" "$HRUN_COPY_DIR/hrun"
	chmod 0755 "$HRUN_COPY_DIR/hrun"
	export HRUN="$HRUN_COPY_DIR/hrun"
	export HRUN_SUM
	HRUN_SUM=$(sha256sum <"$HRUN")
	export OUTSIDE="$BATS_FILE_TMPDIR/outside"
	mkdir -p "$OUTSIDE"
}

setup_file() {
	security_setup_file
}

# The copy of hrun is as it was: same bytes, mode 0755, same owner.
assert_binary_intact() {
	local sum mode
	sum=$(sha256sum <"$HRUN")
	mode=$(stat -c '%a %u:%g' "$HRUN")
	[ "$sum" = "$HRUN_SUM" ] || { echo "the hrun binary was rewritten"; return 1; }
	[ "$mode" = "755 0:0" ] || { echo "the hrun binary's mode or owner changed: $mode"; return 1; }
}

# install_attacker NAME [DEST]: copy the static program NAME (built by
# make check in this directory) into the rootfs of this test, at DEST
# (default /NAME).  Each test gets its own rootfs copy when it plants
# files: see private_rootfs.
install_attacker() {
	local dest=${2:-/$1}
	cp "$SECURITY_BUILDDIR/$1" "$ROOTFS$dest"
	chmod 0755 "$ROOTFS$dest"
}

# private_rootfs: a copy of the file's rootfs for this test alone, for
# attacks that plant or replace files in the image.
private_rootfs() {
	local r="$BATS_TEST_TMPDIR/rootfs"
	cp -a "$ROOTFS" "$r"
	ROOTFS=$r
	update_config --arg root "$ROOTFS" '.root.path = $root'
}

# A marker that the attack would create outside the rootfs.
marker() {
	echo "$OUTSIDE/$1-$BATS_TEST_NUMBER-$$"
}
