# files of src/seccomp
libhrun_a_SOURCES += \
	src/seccomp/seccomp.h \
	src/seccomp/seccomp_internal.h \
	src/seccomp/io.c \
	src/seccomp/sha256.c src/seccomp/sha256.h \
	src/seccomp/rule.c \
	src/seccomp/profile.c \
	src/seccomp/presets.c \
	src/seccomp/filter.c \
	src/seccomp/compile.c \
	src/seccomp/enosys.c \
	src/seccomp/cache.c \
	src/seccomp/install.c \
	src/seccomp/evaluate.c \
	src/seccomp/notify.c
