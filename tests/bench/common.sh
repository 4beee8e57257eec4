# What the benches share (sourced by run.sh and verbs.sh): pure cgroup v1
# in a private mount namespace, the runtimes' commands, the bundles.
# The sourcing script sets top, hrun, runs and before first.

# bench_enter TOOL...: check the tools, then run the script again inside
# `unshare -m` (crun 1.8 refuses a hybrid layout) and, there, unmount
# /sys/fs/cgroup/unified: pure cgroup v1 for every runtime.
bench_enter() {
	local tool
	if [ "${HRUN_BENCH_INNER:-}" != 1 ]; then
		for tool in "$@"; do
			command -v "$tool" >/dev/null || { echo "bench: $tool missing (apt-get install $tool)" >&2; exit 1; }
		done
		exec unshare -m env HRUN_BENCH_INNER=1 HRUN_BEFORE="$before" "$0" "$hrun" "$runs"
	fi
	if mountpoint -q /sys/fs/cgroup/unified; then umount /sys/fs/cgroup/unified; fi
}

# bench_state_tmpfs: the runtimes' state roots on a tmpfs at $work/run, as
# /run is on any systemd host (this VM's /run is on its root disk, where
# each state file and FIFO costs an ext4 inode: ~0.4 ms a `run` for hrun,
# ~0.2 for crun).  Private to the bench's mount namespace.
bench_state_tmpfs() {
	mkdir -p "$work/run"
	mount -t tmpfs -o mode=0700 hrun-bench-run "$work/run"
}

# bench_work_remove: $work, the tmpfs first
bench_work_remove() {
	if mountpoint -q "$work/run"; then umount "$work/run"; fi
	rm -rf "$work"
}

# bin NAME: the runtime's command (hrun, before, crun, runc), with a state
# root of its own under $work/run
bin() {
	case $1 in
	hrun) echo "$hrun --root $work/run/hrun" ;;
	before) echo "$before --root $work/run/before" ;;
	*) echo "$1 --root $work/run/$1" ;;
	esac
}

# bench_bundles: a busybox rootfs, and the bundles $work/true (/bin/true)
# and $work/sleep (a sleep that lasts)
bench_bundles() {
	"$top/tests/integration/mkrootfs.sh" "$work/rootfs"
	mkdir -p "$work/true" "$work/sleep"
	"$hrun" spec --bundle "$work/true"
	# crun 1.8 refuses a config newer than the spec it knows
	jq --arg r "$work/rootfs" '.ociVersion = "1.0.2" | .root.path = $r | .process.terminal = false | .process.args = ["/bin/true"]' \
		"$work/true/config.json" >"$work/c.json" && mv "$work/c.json" "$work/true/config.json"
	jq '.process.args = ["/bin/sleep", "1000000"]' "$work/true/config.json" >"$work/sleep/config.json"
}

# lone OUT ROUNDS NAME CMD [NAME CMD]...: each CMD run ROUNDS times, the
# commands in turn, each 150 ms after the last: nothing is warm, as for
# one `podman run` on a quiet host (back to back, hyperfine's loop keeps
# the kernel's cgroup lock warm and hides what a lone run pays,
# docs/performance.md).  The medians, in seconds, into OUT as hyperfine's
# JSON has them ({"results": [{"command", "median"}]}).
lone() {
	local out=$1 rounds=$2 i j s e sep=
	local -a names=() cmds=() times=()
	shift 2
	while [ $# -gt 0 ]; do
		names+=("$1") cmds+=("$2") times+=("")
		shift 2
	done
	for i in $(seq "$rounds"); do
		for j in "${!names[@]}"; do
			sleep 0.15
			s=$EPOCHREALTIME
			eval "${cmds[$j]}" >/dev/null 2>&1 || { echo "bench: '${cmds[$j]}' failed" >&2; exit 1; }
			e=$EPOCHREALTIME
			times[j]+=" $(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.6f", e - s }')"
		done
	done
	{
		printf '{"results": ['
		for j in "${!names[@]}"; do
			printf '%s{"command": "%s", "median": %s}' "$sep" "${names[$j]}" \
				"$(printf '%s\n' ${times[$j]} | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
			sep=", "
		done
		printf ']}\n'
	} >"$out"
}
