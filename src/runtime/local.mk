libhrun_a_SOURCES += \
	src/runtime/runtime.h \
	src/runtime/cgroups.c src/runtime/cgroups.h \
	src/runtime/cgroup_verbs.c \
	src/runtime/console.c \
	src/runtime/container.c \
	src/runtime/events.c src/runtime/events.h \
	src/runtime/events_json.c \
	src/runtime/exec.c src/runtime/exec.h \
	src/runtime/exec_opts.c \
	src/runtime/fds.c \
	src/runtime/hooks.c src/runtime/hooks.h \
	src/runtime/host.h src/runtime/host_check.c src/runtime/netdev.c \
	src/runtime/idmap.c src/runtime/idmapped.c src/runtime/bind_sources.c src/runtime/bind_sources_locked.c \
	src/runtime/leftovers.c \
	src/runtime/lifecycle.c \
	src/runtime/oom_score.c \
	src/runtime/pidfile.c \
	src/runtime/pids.c \
	src/runtime/resctrl.c src/runtime/resctrl.h \
	src/runtime/rootless.c src/runtime/rootless.h \
	src/runtime/start_result.c \
	src/runtime/state.c src/runtime/state.h \
	src/runtime/tty.h src/runtime/tty_relay.c \
	src/runtime/wait.c
