hrun_SOURCES += src/cli/main.c
