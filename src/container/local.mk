# files of src/container: the init (init*.c) and the real dispatcher (sys_*.c)
libhrun_a_SOURCES += \
	src/container/init.h src/container/init_internal.h \
	src/container/init.c \
	src/container/init_ns.c \
	src/container/init_pivot.c \
	src/container/exec.c src/container/exec.h \
	src/container/init_exec.c \
	src/container/init_home.c \
	src/container/init_identity.c \
	src/container/init_console.c \
	src/container/init_hooks.c \
	src/container/init_timens.c \
	src/container/init_labels.c \
	src/container/init_reaper.c \
	src/container/sync.h \
	src/container/sys.h src/container/sys_internal.h \
	src/container/sys_direct.c \
	src/container/sys_caps.c \
	src/container/sys_mount.c \
	src/container/sys_target.c \
	src/container/sys_netlink.c src/container/netlink.h \
	src/container/sys_mount_attr.c \
	src/container/sys_copy.c \
	src/container/sys_exec_attrs.c \
	src/container/sys_tty.c \
	src/container/sys_hook.c \
	src/container/sys_process.c \
	src/container/sys_listen_pid.c \
	src/container/sys_children.c \
	src/container/sys_passwd.c \
	src/container/sys_title.c
