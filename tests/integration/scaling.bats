#!/usr/bin/env bats
# Scaling: what `list` and `state` cost per container does not grow with
# the number of containers, and a hundred containers created at once all
# run and leave nothing behind.  Costs are syscall counts (strace -c), not
# times: the same on a busy machine.  Only this file's own containers,
# under a state root of its own, are made or looked at.

load helpers

setup_file() {
	command -v strace >/dev/null || skip "strace not installed"
	export ROOTFS="$BATS_FILE_TMPDIR/rootfs"
	"$TOP_SRCDIR/tests/integration/mkrootfs.sh" "$ROOTFS"
	open_file_tmpdir
}

setup() {
	setup_state
	PREFIX="scale-$$-$BATS_TEST_NUMBER"
	set_args sleep "$LONG"
}

teardown() {
	# whatever a failed test left: only ours, by id prefix
	local id
	for id in $("${H[@]}" list -q 2>/dev/null | grep "^$PREFIX-"); do
		"${H[@]}" delete --force "$id" >/dev/null 2>&1 || true
	done
}

# make_containers FROM TO: create $PREFIX-FROM .. $PREFIX-TO, two at a time
make_containers() {
	seq "$1" "$2" | xargs -P 2 -I{} "${H[@]}" create --bundle "$BUNDLE" "$PREFIX-{}"
}

# syscalls CMD...: how many system calls CMD and its children make
syscalls() {
	strace -f -c -o "$BATS_TEST_TMPDIR/strace.out" "$@" >/dev/null
	awk '$NF == "total" { print $(NF - 2) + 0 }' "$BATS_TEST_TMPDIR/strace.out"
}

@test "list costs the same per container with 200 containers as with 2; state does not grow" {
	local list2 list20 list200 state2 state200 per_first per_next
	make_containers 1 2
	list2=$(syscalls "${H[@]}" list)
	state2=$(syscalls "${H[@]}" state "$PREFIX-1")
	make_containers 3 20
	list20=$(syscalls "${H[@]}" list)
	make_containers 21 200
	[ "$("${H[@]}" list -q | grep -c "^$PREFIX-")" -eq 200 ]
	list200=$(syscalls "${H[@]}" list)
	state200=$(syscalls "${H[@]}" state "$PREFIX-1")
	# what each container adds, from 2 to 20 and from 20 to 200
	per_first=$(((list20 - list2) / 18))
	per_next=$(((list200 - list20) / 180))
	echo "list: $list2 with 2, $list20 with 20 ($per_first more each), $list200 with 200 ($per_next more each)"
	echo "state: $state2 with 2, $state200 with 200"
	[ "$per_first" -gt 0 ]
	# linear: the same count per container, give or take one call
	# (getdents64 batches the directory: one more call per few hundred names)
	[ "$per_next" -le $((per_first + 1)) ]
	[ "$per_next" -ge $((per_first - 1)) ]
	# one container's state reads nothing of the others
	[ "$state200" -le $((state2 + 1)) ]
	seq 1 200 | xargs -P 2 -I{} "${H[@]}" delete --force "$PREFIX-{}"
	[ -z "$("${H[@]}" list -q | grep "^$PREFIX-")" ]
}

@test "100 containers created at once all run, and all are deleted without a trace" {
	local ids id running
	ids=$(seq 1 100 | sed "s/^/$PREFIX-/")
	echo "$ids" | xargs -P 8 -I{} "${H[@]}" create --bundle "$BUNDLE" {}
	echo "$ids" | xargs -P 8 -I{} "${H[@]}" start {}
	running=$("${H[@]}" list --format json | jq -r --arg p "$PREFIX-" \
		'[.[] | select((.id | startswith($p)) and .status == "running")] | length')
	[ "$running" -eq 100 ]
	[ "$(pgrep -cfx -- "sleep $LONG")" -eq 100 ]
	echo "$ids" | xargs -P 8 -I{} "${H[@]}" delete --force {}
	[ -z "$("${H[@]}" list -q | grep "^$PREFIX-")" ]
	gone "sleep $LONG"
	# no state directory, cgroup or mount of any of them
	[ -z "$(ls "$STATE_ROOT" | grep "^$PREFIX-")" ]
	[ -z "$(ls -d /sys/fs/cgroup/"$PREFIX"-* /sys/fs/cgroup/*/"$PREFIX"-* 2>/dev/null)" ]
	[ -z "$(grep -F "/$PREFIX-" /proc/self/mountinfo)" ]
}
