# files of src/cgroup: the container's cgroup on v1, hybrid and v2 hosts
libhrun_a_SOURCES += \
	src/cgroup/cgroup.h src/cgroup/internal.h \
	src/cgroup/cgroup.c src/cgroup/sub.c \
	src/cgroup/layout.c \
	src/cgroup/path.c \
	src/cgroup/self.c \
	src/cgroup/io.c \
	src/cgroup/v1.c \
	src/cgroup/v2.c \
	src/cgroup/writes.c \
	src/cgroup/resources.c \
	src/cgroup/resources_v1.c \
	src/cgroup/resources_v2.c \
	src/cgroup/devices.c \
	src/cgroup/devices_ebpf.c \
	src/cgroup/freeze.c \
	src/cgroup/existing.c \
	src/cgroup/kill.c \
	src/cgroup/stats.c \
	src/cgroup/oom.c \
	src/cgroup/saved.c \
	src/cgroup/systemd.c
