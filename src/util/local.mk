libhrun_a_SOURCES += \
	src/util/cleanup.h src/util/clock.h \
	src/util/cpu_pin.c src/util/cpu_pin.h \
	src/util/env.c src/util/env.h \
	src/util/error.c src/util/error.h \
	src/util/rootless.c src/util/rootless.h \
	src/util/logline.c src/util/logline.h \
	src/util/proc_title.c src/util/proc_title.h \
	src/util/signals.c src/util/signals.h \
	src/util/spawn.c src/util/spawn.h \
	src/util/warn.c src/util/warn.h
