# Shared by containerd.bats and pods.bats: ctr on run.sh's private
# containerd (CT, SOCK, NS, HRUN exported by run.sh).

IMG=localhost/busybox:latest

# c ARGS...: ctr on the private containerd and namespace, bounded in time.
c() {
	# bats' fd 3 must not leak into the shim (bats would wait for it)
	timeout -k 5 "${HRUN_CTRD_TIMEOUT:-60}" env CONTAINERD_SNAPSHOTTER=native \
		ctr -a "$SOCK" -n "$NS" "$@" 3>&-
}

# crun [RUN FLAGS...] -- ID ARGS...: `ctr run` with the runtime under test.
crun() {
	local flags=()
	while [ "$1" != -- ]; do flags+=("$1"); shift; done
	shift
	local id=$1
	shift
	c run --runc-binary "$CT/bin/runtime" --runc-root "$CT/runc-root" \
		--fifo-dir "$CT/fifo" "${flags[@]}" "$IMG" "$id" "$@"
}

# task_status ID: RUNNING, STOPPED, CREATED, PAUSED or nothing.
task_status() {
	c tasks ls 2>/dev/null | awk -v id="$1" '$1 == id {print $3}'
}

# wait_status ID STATUS [TENTHS]: poll `ctr task ls` until ID shows STATUS.
wait_status() {
	local i
	for ((i = 0; i < ${3:-100}; i++)); do
		[ "$(task_status "$1")" = "$2" ] && return 0
		sleep 0.1
	done
	echo "task $1: status '$(task_status "$1")', wanted $2" >&2
	return 1
}

# task_pid ID: the pid the shim knows (the runtime's init).
task_pid() {
	c tasks ls 2>/dev/null | awk -v id="$1" '$1 == id {print $2}'
}
