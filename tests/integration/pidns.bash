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

# wait_pidns_procs PID N [MIN]: until PID's pid namespace holds N live
# processes, or with MIN at least N (at most 10 s: a scan of /proc is slow).
wait_pidns_procs() {
	local n end=$((SECONDS + 10))
	while :; do
		n=$(pidns_procs "$1")
		[ "$n" = "$2" ] && return 0
		[ "${3:-}" = MIN ] && [ "$n" -ge "$2" ] && return 0
		[ "$SECONDS" -lt "$end" ] || break
		sleep 0.05
	done
	echo "the pid namespace holds $n processes, expected ${3:+at least }$2" >&2
	return 1
}
