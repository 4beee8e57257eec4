# The VM tier's lingering test users: their systemd --user managers run
# without a login session, as for a service account.

# linger USER: start USER's manager (loginctl enable-linger) and wait for
# its bus (20 s at most: TCG is slow).
linger() {
	local uid
	uid=$(id -u "$1")
	loginctl enable-linger "$1"
	for _ in $(seq 200); do
		[ -S "/run/user/$uid/bus" ] && return 0
		sleep 0.1
	done
}

# unlinger USER: stop USER's manager and whatever USER still runs, then
# remove USER (and its home, when it has one).
unlinger() {
	loginctl disable-linger "$1" 2>/dev/null || true
	loginctl terminate-user "$1" 2>/dev/null || true
	for _ in $(seq 50); do
		pgrep -u "$1" >/dev/null || break
		sleep 0.1
	done
	userdel -r "$1" 2>/dev/null || userdel "$1" 2>/dev/null || true
}
