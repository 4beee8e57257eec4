# files of src/plan
libhrun_a_SOURCES += \
	src/plan/plan.h src/plan/plan_internal.h \
	src/plan/plan.c src/plan/plan_ns.c src/plan/plan_process.c src/plan/plan_ops.c src/plan/plan_idmap.c \
	src/plan/plan_print.c src/plan/plan_print.h src/plan/plan_print_json.c \
	src/plan/plan_print_attrs.c \
	src/plan/mount_options.c src/plan/mount_options.h \
	src/plan/rlimits.c src/plan/rlimits.h \
	src/plan/caps.c src/plan/caps.h \
	src/plan/plan_attrs.c src/plan/plan_attrs.h src/plan/plan_linux.c \
	src/plan/names.c src/plan/names.h src/plan/bitmap.c src/plan/bitmap.h \
	src/plan/sysctl.c src/plan/sysctl.h
