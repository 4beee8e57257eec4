libhrun_a_SOURCES += \
	src/runtime/runtime.h \
	src/runtime/container.c \
	src/runtime/exec.c src/runtime/exec.h \
	src/runtime/exec_opts.c \
	src/runtime/hooks.c src/runtime/hooks.h \
	src/runtime/idmap.c \
	src/runtime/lifecycle.c \
	src/runtime/pidfile.c \
	src/runtime/state.c src/runtime/state.h \
	src/runtime/wait.c
