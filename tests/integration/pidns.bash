# Counting what lives in a pid namespace, from the host: shared by
# tests/integration/pod.bats and tests/containerd/pods.bats.

# pidns_procs PID: the live processes in PID's pid namespace (a zombie is
# dead, whatever its parent's pace of reaping).
pidns_procs() {
	local ns n=0 p
	ns=$(stat -L -c %i "/proc/$1/ns/pid")
	for p in /proc/[0-9]*; do
		[ "$(stat -L -c %i "$p/ns/pid" 2>/dev/null)" = "$ns" ] || continue
		grep -q '^State:[[:space:]]*Z' "$p/status" 2>/dev/null || n=$((n + 1))
	done
	echo "$n"
}

# wait_pidns_procs PID N: until PID's pid namespace holds N live processes
# (at most 5 s).
wait_pidns_procs() {
	for _ in $(seq 100); do
		[ "$(pidns_procs "$1")" = "$2" ] && return 0
		sleep 0.05
	done
	echo "the pid namespace holds $(pidns_procs "$1") processes, expected $2" >&2
	return 1
}
