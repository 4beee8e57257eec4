# oci/: the runtime-spec model, the config.json parser and `hrun spec`'s
# default config.  Pure data: no syscalls beyond reading the file.
libhrun_a_SOURCES += \
	oci/spec.h \
	oci/json.c oci/json.h oci/json_tree.c \
	oci/json_gen.c oci/json_gen.h \
	oci/parse.c oci/parse.h \
	oci/parse_process.c \
	oci/parse_linux.c \
	oci/parse_resources.c \
	oci/resources.c \
	oci/parse_seccomp.c \
	oci/lookup.c \
	oci/free.c \
	oci/load.c \
	oci/process.c \
	oci/default.c \
	oci/state.c oci/state.h
