# files of src/container: the init (init*.c) and the real dispatcher (sys_*.c)
libhrun_a_SOURCES += \
	src/container/init.h src/container/init_internal.h \
	src/container/init.c \
	src/container/init_ns.c \
	src/container/init_pivot.c \
	src/container/exec.c src/container/exec.h \
	src/container/init_exec.c \
	src/container/init_identity.c \
	src/container/init_reaper.c \
	src/container/sync.h \
	src/container/sys.h src/container/sys_internal.h \
	src/container/sys_direct.c \
	src/container/sys_caps.c \
	src/container/sys_mount.c \
	src/container/sys_target.c \
	src/container/sys_netlink.c \
	src/container/sys_process.c
