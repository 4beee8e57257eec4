# files of src/container: the ops, one file each
libhrun_a_SOURCES += \
	src/container/op.h src/container/op.c \
	src/container/op_mount.c \
	src/container/op_mkdir.c \
	src/container/op_bind.c \
	src/container/op_cgroup.c \
	src/container/op_dev.c \
	src/container/op_device.c \
	src/container/op_mask.c \
	src/container/op_readonly.c \
	src/container/op_remount.c \
	src/container/op_sysctl.c
