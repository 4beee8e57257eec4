#!/bin/bash
# tests/containerd/run.sh [BATS OPTIONS...]: containerd.bats and pods.bats,
# containerd 1.6 + its
# io.containerd.runc.v2 shim driving a runtime through
# `ctr run --runc-binary`, with a PRIVATE containerd (own config, root,
# state, socket, namespace, runc root, fifo dir); TAP on stdout, then one
# line "N passed, N failed, N skipped".
#
#   HRUN=/path/to/hrun tests/containerd/run.sh            # the whole suite
#   HRUN=/usr/sbin/runc tests/containerd/run.sh           # the reference runtime
#   HRUN=... tests/containerd/run.sh -f 'exec'            # tests matching a regex
#   HRUN_CTRD_KEEP=1 ...   keep the private tree (trace.log, containerd.log) after
#
# Needs root and the Debian packages containerd (ctr, containerd-shim-runc-v2),
# bats, busybox-static, jq, util-linux (script), coreutils, tar, gzip.
# Every runtime call goes through a wrapper that logs argv to $CT/trace.log;
# a failed test prints the calls it made.  The machine's own containerd
# (/run/containerd/containerd.sock, /var/lib/containerd) is never used.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
if [ -z "${HRUN:-}" ]; then
	for c in "$top/hrun" "$top/build-ctrd/hrun" "$top/build/hrun"; do
		[ -x "$c" ] && HRUN=$c && break
	done
fi
[ -n "${HRUN:-}" ] && [ -x "$HRUN" ] || { echo "run.sh: no hrun binary: build it or set HRUN" >&2; exit 2; }
HRUN=$(cd "$(dirname "$HRUN")" && pwd)/$(basename "$HRUN")
[ "$(id -u)" = 0 ] || { echo "run.sh: needs root" >&2; exit 2; }
for tool in containerd ctr containerd-shim-runc-v2 bats busybox jq script sha256sum gzip tar; do
	command -v "$tool" >/dev/null || { echo "run.sh: $tool not installed" >&2; exit 2; }
done

# unique: two copies of the suite may run at once (the runc root and the
# cgroups are named after the namespace)
NS=hrun-test-$$
CT=$(mktemp -d /tmp/hrun-ctrd.XXXXXX)
SOCK=$CT/containerd.sock
# the shim's sockets live in the hard-coded /run/containerd/s: note what
# existed before so that only our own leftovers are removed
had_run_ctrd=0; [ -e /run/containerd ] && had_run_ctrd=1
had_run_s=0; [ -e /run/containerd/s ] && had_run_s=1
ctrd_pid=

log() { echo "# $*"; }

cleanup() {
	set +e
	if [ -n "$ctrd_pid" ] && kill -0 "$ctrd_pid" 2>/dev/null; then
		# kill what is left of our namespace's tasks, then its containers
		for id in $(ctr -a "$SOCK" -n $NS tasks ls -q 2>/dev/null); do
			ctr -a "$SOCK" -n $NS tasks kill -s KILL "$id" >/dev/null 2>&1
		done
		sleep 0.5
		for id in $(ctr -a "$SOCK" -n $NS tasks ls -q 2>/dev/null); do
			ctr -a "$SOCK" -n $NS tasks delete -f "$id" >/dev/null 2>&1
		done
		for id in $(ctr -a "$SOCK" -n $NS containers ls -q 2>/dev/null); do
			ctr -a "$SOCK" -n $NS containers delete "$id" >/dev/null 2>&1
		done
		ctr -a "$SOCK" -n $NS images rm localhost/busybox:latest >/dev/null 2>&1
		kill -TERM "$ctrd_pid"
		for _ in $(seq 50); do kill -0 "$ctrd_pid" 2>/dev/null || break; sleep 0.1; done
		kill -0 "$ctrd_pid" 2>/dev/null && kill -KILL "$ctrd_pid"
		wait "$ctrd_pid" 2>/dev/null
	fi
	# shims whose bundle or socket is in our tree (by pid, never by name)
	for p in $(pgrep -x containerd-shim-runc-v2 2>/dev/null) $(pgrep -f "$CT/" 2>/dev/null); do
		[ "$p" = $$ ] && continue
		if tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q -e "$CT" -e "-namespace $NS "; then
			kill -KILL "$p" 2>/dev/null
		fi
	done
	sleep 0.2
	# mounts under our tree, deepest first
	awk -v t="$CT" '$5 == t || index($5, t "/") == 1 {print $5}' /proc/self/mountinfo |
		sort -r | while read -r m; do umount -l "$m"; done
	# the namespace's cgroups (ctr's default cgroupsPath is /<ns>/<id>)
	for d in /sys/fs/cgroup/*/$NS /sys/fs/cgroup/$NS; do
		[ -d "$d" ] || continue
		find "$d" -depth -type d -exec rmdir {} + 2>/dev/null
	done
	rm -rf "/run/containerd/runc/$NS" 2>/dev/null
	[ "$had_run_s" = 0 ] && rmdir /run/containerd/s 2>/dev/null
	[ "$had_run_ctrd" = 0 ] && rmdir /run/containerd/fifo /run/containerd/runc /run/containerd 2>/dev/null
	if [ "${HRUN_CTRD_KEEP:-0}" = 1 ]; then
		echo "# kept $CT" >&2
	else
		rm -rf "$CT"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$CT/bin" "$CT/tmp" "$CT/fifo" "$CT/runc-root" "$CT/image"

# --- the runtime wrapper: logs argv, then execs the runtime (so the shim
# still sees the runtime's own exit status and pid handling)
cat >"$CT/bin/runtime" <<W
#!/bin/sh
printf '%s\n' "\$*" >>"$CT/trace.log"
exec "$HRUN" "\$@"
W
chmod 755 "$CT/bin/runtime"

# --- containerd configuration: the default one, edited
containerd config default >"$CT/config.default.toml"
sed -e "s|^root = .*|root = \"$CT/root\"|" \
	-e "s|^state = .*|state = \"$CT/state\"|" \
	-e "s|^  address = \"/run/containerd/containerd.sock\"|  address = \"$SOCK\"|" \
	-e "s|path = \"/opt/containerd\"|path = \"$CT/opt\"|" \
	-e "s|^disabled_plugins = \[\]|disabled_plugins = [\"io.containerd.grpc.v1.cri\", \"io.containerd.snapshotter.v1.aufs\", \"io.containerd.snapshotter.v1.btrfs\", \"io.containerd.snapshotter.v1.devmapper\", \"io.containerd.snapshotter.v1.zfs\", \"io.containerd.tracing.processor.v1.otlp\", \"io.containerd.internal.v1.tracing\"]|" \
	"$CT/config.default.toml" >"$CT/config.toml"
for want in "root = \"$CT/root\"" "state = \"$CT/state\"" "address = \"$SOCK\"" \
	"path = \"$CT/opt\"" '"io.containerd.grpc.v1.cri"'; do
	grep -qF "$want" "$CT/config.toml" || { echo "run.sh: could not set $want in containerd's config" >&2; exit 2; }
done
grep -q '/run/containerd/containerd.sock\|/var/lib/containerd' "$CT/config.toml" &&
	{ echo "run.sh: config still points at the system containerd" >&2; exit 2; }

containerd --config "$CT/config.toml" --log-level info >"$CT/containerd.log" 2>&1 &
ctrd_pid=$!
for _ in $(seq 100); do
	[ -S "$SOCK" ] && ctr -a "$SOCK" version >/dev/null 2>&1 && break
	kill -0 "$ctrd_pid" 2>/dev/null || break
	sleep 0.1
done
ctr -a "$SOCK" version >/dev/null 2>&1 || {
	echo "run.sh: containerd did not start:" >&2; tail -20 "$CT/containerd.log" >&2; exit 2; }

# --- a busybox image as an OCI image layout tarball (no registry)
arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
L=$CT/image/layout
mkdir -p "$L/blobs/sha256" "$CT/image/rootfs"
sh "$top/tests/integration/mkrootfs.sh" "$CT/image/rootfs" || exit 2
blob() { # blob FILE -> digest hex; moves FILE into the layout
	local h; h=$(sha256sum "$1" | cut -d' ' -f1); mv "$1" "$L/blobs/sha256/$h"; echo "$h"
}
tar --numeric-owner --owner=0 --group=0 -C "$CT/image/rootfs" -cf "$CT/image/layer.tar" . || exit 2
diff_id=$(sha256sum "$CT/image/layer.tar" | cut -d' ' -f1)
gzip -n "$CT/image/layer.tar"
layer_size=$(stat -c %s "$CT/image/layer.tar.gz")
layer=$(blob "$CT/image/layer.tar.gz")
jq -cn --arg arch "$arch" --arg d "sha256:$diff_id" '{
	architecture: $arch, os: "linux",
	config: {Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
		Cmd: ["/bin/sh"], WorkingDir: "/"},
	rootfs: {type: "layers", diff_ids: [$d]}}' >"$CT/image/config.json"
config_size=$(stat -c %s "$CT/image/config.json")
config=$(blob "$CT/image/config.json")
jq -cn --arg c "sha256:$config" --argjson cs "$config_size" \
	--arg l "sha256:$layer" --argjson ls "$layer_size" '{
	schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json",
	config: {mediaType: "application/vnd.oci.image.config.v1+json", digest: $c, size: $cs},
	layers: [{mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", digest: $l, size: $ls}]}' \
	>"$CT/image/manifest.json"
manifest_size=$(stat -c %s "$CT/image/manifest.json")
manifest=$(blob "$CT/image/manifest.json")
jq -cn --arg m "sha256:$manifest" --argjson ms "$manifest_size" --arg arch "$arch" '{
	schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json",
	manifests: [{mediaType: "application/vnd.oci.image.manifest.v1+json", digest: $m, size: $ms,
		annotations: {"org.opencontainers.image.ref.name": "latest"},
		platform: {architecture: $arch, os: "linux"}}]}' >"$L/index.json"
echo '{"imageLayoutVersion":"1.0.0"}' >"$L/oci-layout"
tar -C "$L" -cf "$CT/image/busybox-oci.tar" oci-layout index.json blobs || exit 2
CONTAINERD_SNAPSHOTTER=native ctr -a "$SOCK" -n $NS images import --base-name localhost/busybox \
	"$CT/image/busybox-oci.tar" >"$CT/import.log" 2>&1 || {
	echo "run.sh: ctr images import failed:" >&2; cat "$CT/import.log" >&2; exit 2; }
rm -rf "$CT/image/rootfs"

export HRUN CT SOCK NS HRUN_TOP_SRCDIR="$top"
echo "# runtime: $HRUN ($("$HRUN" --version 2>/dev/null | head -1))"
echo "# containerd: $(containerd --version) on $SOCK, namespace $NS, snapshotter native"

out=$CT/bats.out
bats --tap "$@" "$here/containerd.bats" "$here/pods.bats" </dev/null | tee "$out"
rc=${PIPESTATUS[0]}
pass=$(grep -c '^ok .*' "$out" | tr -d ' ')
skip=$(grep -c '^ok .* # skip' "$out" | tr -d ' ')
fail=$(grep -c '^not ok ' "$out" | tr -d ' ')
if [ -s "$CT/trace.log" ]; then
	echo "# runtime calls (verbs and flags, ids and paths elided):"
	sed -E 's#/[^ ]*#PATH#g; s#(create|start|state|kill|delete|exec|ps|pause|resume|update|features)( .*)?$#\1\2#' "$CT/trace.log" |
		awk '{out=""; for (i=1;i<=NF;i++) if ($i ~ /^-/ || $i ~ /^(create|start|state|kill|delete|exec|ps|pause|resume|update|features|--version)$/) out=out" "$i; print out}' |
		sort | uniq -c | sort -rn | sed 's/^/#   /'
fi
echo "$((pass - skip)) passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$rc" -eq 0 ]
