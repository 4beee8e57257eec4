# What the podman suite (helpers.bash) and tests/bench/podman.sh write
# alike for a podman of their own: sourced.

# podman_ulimits: the [containers] default_ulimits line.  This machine
# refuses to raise hard limits, and podman's rootful default (nofile and
# nproc at their maximum) fails every create.  The runtime podman starts
# through conmon has RLIMIT_NPROC 32768 whatever the caller's, so it
# cannot set more than that.
podman_ulimits() {
	local nofile nproc
	nofile=$(ulimit -Hn)
	nproc=$(ulimit -Hu)
	[ "$nproc" = unlimited ] || [ "$nproc" -gt 32768 ] && nproc=32768
	[ "$nofile" = unlimited ] && nofile=1048576
	echo "default_ulimits = [\"nofile=$nofile:$nofile\", \"nproc=$nproc:$nproc\"]"
}

# podman_engine_conf DIR: the [engine] keys of a private tree under DIR
# (cgroupfs, files for events and locks, no pulls)
podman_engine_conf() {
	cat <<EOC
[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$1/events.log"
lock_type = "file"
tmp_dir = "$1/libpod"
static_dir = "$1/root/libpod"
volume_path = "$1/volumes"
pull_policy = "never"
EOC
}

# podman_store_conf DIR: DIR/storage.conf (vfs under DIR) and
# DIR/registries.conf (no registry)
podman_store_conf() {
	cat >"$1/storage.conf" <<EOC
[storage]
driver = "vfs"
graphroot = "$1/root"
runroot = "$1/runroot"
EOC
	cat >"$1/registries.conf" <<EOC
unqualified-search-registries = []
short-name-mode = "disabled"
EOC
}
