#!/bin/bash
# contrib/critest/run.sh [HANDLER...] [-- CRITEST ARGS...]: the Kubernetes
# CRI validation suite (critest of cri-tools, built elsewhere and named by
# $CRITEST) against a PRIVATE containerd 1.6 with its CRI plugin and the
# runc shim, one run per runtime handler (default: runc hrun hrun-noinit):
#
#   runc         BinaryName /usr/sbin/runc (the reference)
#   hrun         BinaryName $HRUN (the resident init)
#   hrun-noinit  BinaryName a hrun-noinit symlink to $HRUN (the app as pid 1)
#
#   CRITEST=/path/critest HRUN=/path/hrun contrib/critest/run.sh
#   ... run.sh hrun -- --ginkgo.focus 'ContainerPID'
#
# Results in $OUT (default ./critest-results): HANDLER.log, HANDLER.xml
# (JUnit), then a line per handler "HANDLER: N passed, N failed, N skipped"
# and the failed tests.  docs/kubernetes.md says how this was run and what
# it gave.  This machine reaches no registry: the test images are built
# from busybox (registry.py, fakes.c) and served to containerd's registry
# mirrors on 127.0.0.1.  Host ports 12000-12002 are used by the tests: run
# one copy at a time.  HRUN_CRITEST_KEEP=1 keeps the private tree.
#
# Needs root and the Debian packages containerd, runc, busybox-static,
# containernetworking-plugins, gcc, python3, iproute2.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
[ "$(id -u)" = 0 ] || { echo "critest: needs root" >&2; exit 2; }
[ -n "${CRITEST:-}" ] && [ -x "$CRITEST" ] || { echo "critest: set CRITEST to a critest binary" >&2; exit 2; }
[ -n "${HRUN:-}" ] && [ -x "$HRUN" ] || { echo "critest: set HRUN to an hrun binary" >&2; exit 2; }
for tool in containerd ctr containerd-shim-runc-v2 runc gcc python3 ip /usr/lib/cni/bridge /bin/busybox; do
	command -v "$tool" >/dev/null || { echo "critest: $tool not installed" >&2; exit 2; }
done
HRUN=$(cd "$(dirname "$HRUN")" && pwd)/$(basename "$HRUN")
CRITEST=$(cd "$(dirname "$CRITEST")" && pwd)/$(basename "$CRITEST")
handlers=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do handlers+=("$1"); shift; done
[ "${1:-}" = -- ] && shift
[ ${#handlers[@]} -gt 0 ] || handlers=(runc hrun hrun-noinit)
OUT=${OUT:-$PWD/critest-results}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

CT=$(mktemp -d /tmp/hrun-critest.XXXXXX)
SOCK=$CT/containerd.sock
BRIDGE=hcri$$
BRIDGE=${BRIDGE:0:15}
had_run_ctrd=0; [ -e /run/containerd ] && had_run_ctrd=1
had_run_s=0; [ -e /run/containerd/s ] && had_run_s=1
ctrd_pid= reg_pid= crit_pid=

cleanup() {
	set +e
	[ -n "$crit_pid" ] && kill -TERM "$crit_pid" 2>/dev/null && wait "$crit_pid" 2>/dev/null
	if [ -n "$ctrd_pid" ]; then
		# what an interrupted critest left: its tasks, killed through their shims
		for id in $(ctr -a "$SOCK" -n k8s.io tasks ls -q 2>/dev/null); do
			ctr -a "$SOCK" -n k8s.io tasks kill -a -s KILL "$id" >/dev/null 2>&1
		done
		sleep 0.5
		for id in $(ctr -a "$SOCK" -n k8s.io tasks ls -q 2>/dev/null); do
			ctr -a "$SOCK" -n k8s.io tasks delete -f "$id" >/dev/null 2>&1
		done
		kill -TERM "$ctrd_pid" 2>/dev/null
		for _ in $(seq 50); do kill -0 "$ctrd_pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$ctrd_pid" 2>/dev/null
		wait "$ctrd_pid" 2>/dev/null
	fi
	[ -n "$reg_pid" ] && kill "$reg_pid" 2>/dev/null && wait "$reg_pid" 2>/dev/null
	# shims of our containerd (their command line names our socket), by pid
	# (comm is cut to 15 characters: "containerd-shim")
	for p in $(pgrep -x containerd-shim 2>/dev/null); do
		tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q -- "$SOCK" && kill -KILL "$p" 2>/dev/null
	done
	sleep 0.2
	awk -v t="$CT" '$5 == t || index($5, t "/") == 1 {print $5}' /proc/self/mountinfo |
		sort -r | while read -r m; do umount -l "$m"; done
	ip link del "$BRIDGE" 2>/dev/null
	[ "$had_run_s" = 0 ] && rmdir /run/containerd/s 2>/dev/null
	[ "$had_run_ctrd" = 0 ] && rmdir /run/containerd 2>/dev/null
	if [ "${HRUN_CRITEST_KEEP:-0}" = 1 ]; then echo "# kept $CT" >&2; else rm -rf "$CT"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$CT/bin" "$CT/cni" "$CT/images" "$CT/runc-root" "$CT/hrun-root"
ln -s "$HRUN" "$CT/bin/hrun-noinit"

# --- the test images, served by a registry of our own
gcc -O2 -static -o "$CT/fakes" "$here/fakes.c" || exit 2
python3 "$here/registry.py" "$CT/images" "$CT/fakes" "$top/tests/integration/mkrootfs.sh" \
	"$CT/registry.port" >"$CT/registry.log" 2>&1 &
reg_pid=$!
for _ in $(seq 300); do [ -s "$CT/registry.port" ] && break; kill -0 "$reg_pid" 2>/dev/null || break; sleep 0.1; done
[ -s "$CT/registry.port" ] || { echo "critest: the registry did not start:" >&2; cat "$CT/registry.log" >&2; exit 2; }
registry=http://127.0.0.1:$(cat "$CT/registry.port")

# --- CNI: a bridge of our own, host ports, loopback
subnet=10.$((200 + $$ % 50)).0.0/16
cat >"$CT/cni/10-critest.conflist" <<C
{"cniVersion": "0.4.0", "name": "hrun-critest", "plugins": [
  {"type": "bridge", "bridge": "$BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "ranges": [[{"subnet": "$subnet"}]], "routes": [{"dst": "0.0.0.0/0"}],
            "dataDir": "$CT/cni-ipam"}},
  {"type": "portmap", "capabilities": {"portMappings": true}},
  {"type": "loopback"}]}
C

# --- containerd: own root, state and socket; three handlers.
# restrict_oom_score_adj: root may lack CAP_SYS_RESOURCE (runc then fails
# every sandbox, whose oomScoreAdj is -998)
handler() { # handler NAME BINARY ROOT
	cat <<H
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.$1]
    runtime_type = "io.containerd.runc.v2"
    pod_annotations = ["org.hrun.*"]
    container_annotations = ["org.hrun.*"]
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.$1.options]
      BinaryName = "$2"
      Root = "$3"
      SystemdCgroup = false
H
}
{
	cat <<C
version = 2
root = "$CT/root"
state = "$CT/state"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.zfs", "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing"]
[grpc]
  address = "$SOCK"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "registry.k8s.io/pause:3.6"
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$CT/cni"
  [plugins."io.containerd.grpc.v1.cri".registry.mirrors."registry.k8s.io"]
    endpoint = ["$registry"]
  [plugins."io.containerd.grpc.v1.cri".registry.mirrors."gcr.io"]
    endpoint = ["$registry"]
  [plugins."io.containerd.grpc.v1.cri".containerd]
    default_runtime_name = "runc"
    snapshotter = "overlayfs"
C
	handler runc /usr/sbin/runc "$CT/runc-root"
	handler hrun "$HRUN" "$CT/hrun-root"
	handler hrun-noinit "$CT/bin/hrun-noinit" "$CT/hrun-root"
} >"$CT/config.toml"
containerd --config "$CT/config.toml" >"$CT/containerd.log" 2>&1 &
ctrd_pid=$!
for _ in $(seq 100); do
	ctr -a "$SOCK" version >/dev/null 2>&1 && break
	kill -0 "$ctrd_pid" 2>/dev/null || break
	sleep 0.1
done
ctr -a "$SOCK" version >/dev/null 2>&1 || {
	echo "critest: containerd did not start:" >&2; tail -20 "$CT/containerd.log" >&2; exit 2; }

echo "# critest: $CRITEST; containerd: $(containerd --version)"
echo "# hrun: $HRUN ($("$HRUN" --version 2>/dev/null | head -1)); runc: $(runc --version | head -1)"
rc=0
for h in "${handlers[@]}"; do
	rm -f "$OUT/$h.xml"
	# in the background, so that a signal reaches the trap at once
	"$CRITEST" --runtime-endpoint "unix://$SOCK" --image-endpoint "unix://$SOCK" \
		--runtime-handler "$h" --ginkgo.no-color --ginkgo.v \
		--ginkgo.junit-report="$OUT/$h.xml" "$@" >"$OUT/$h.log" 2>&1 </dev/null &
	crit_pid=$!
	wait "$crit_pid" || rc=1
	crit_pid=
	[ -s "$OUT/$h.xml" ] || { echo "$h: no report, see $OUT/$h.log"; continue; }
	python3 - "$h" "$OUT/$h.xml" <<'P'
import sys, xml.etree.ElementTree as ET
n = {"passed": 0, "failed": 0, "skipped": 0}
failed = []
for tc in ET.parse(sys.argv[2]).iter("testcase"):
    if not tc.get("name", "").startswith("[It]"):
        continue
    if tc.find("skipped") is not None:
        n["skipped"] += 1
    elif tc.find("failure") is not None or tc.find("error") is not None:
        n["failed"] += 1
        failed.append(tc.get("name")[5:])
    else:
        n["passed"] += 1
print("%s: %d passed, %d failed, %d skipped" % (sys.argv[1], n["passed"], n["failed"], n["skipped"]))
for f in failed:
    print("#   failed: " + f)
P
done
exit $rc
