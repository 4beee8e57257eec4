hrun_SOURCES += src/cli/main.c
libhrun_a_SOURCES += \
	src/cli/cli.h \
	src/cli/args.c \
	src/cli/cmd_plan.c \
	src/cli/cmd_ps.c \
	src/cli/cmd_create.c \
	src/cli/cmd_events.c \
	src/cli/cmd_exec.c \
	src/cli/cmd_features.c \
	src/cli/cmd_lifecycle.c \
	src/cli/cmd_list.c \
	src/cli/cmd_pause.c \
	src/cli/log.c \
	src/cli/root.c \
	src/cli/sealed_exe.c \
	src/cli/exe_remap.c \
	src/cli/cmd_spec.c \
	src/cli/cmd_update.c
