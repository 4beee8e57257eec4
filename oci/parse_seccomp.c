/* SPDX-License-Identifier: GPL-2.0-or-later */
/* config.json: linux.seccomp.  Actions and operators are checked here, so
 * that a typo is reported with its JSON path; syscall names, architectures
 * and flags are left to libseccomp, which knows the current kernel. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "oci/parse.h"

const char *const oci_seccomp_actions[] = {
	"SCMP_ACT_KILL",	"SCMP_ACT_KILL_PROCESS",
	"SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP",
	"SCMP_ACT_ERRNO",	"SCMP_ACT_TRACE",
	"SCMP_ACT_ALLOW",	"SCMP_ACT_LOG",
	"SCMP_ACT_NOTIFY",	NULL,
};

/* Indexed by enum oci_seccomp_op. */
const char *const oci_seccomp_operators[] = {
	"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE",	    "SCMP_CMP_EQ",
	"SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ", NULL,
};

/* The model keeps the action as its name. */
static int read_action(yajl_val v, const struct json_path *at, const char *key, char **out,
		       struct hrun_error *err)
{
	int action;

	if (json_get_enum(v, at, key, true, oci_seccomp_actions, "seccomp action", &action, err) < 0)
		return -1;
	*out = strdup(oci_seccomp_actions[action]);
	return *out ? 0 : hrun_error_set(err, ENOMEM, "copy seccomp action");
}

static const struct json_field arg_fields[] = {
	JSON_REQUIRED(struct oci_seccomp_arg, "index", JSON_UINT32, index),
	JSON_REQUIRED(struct oci_seccomp_arg, "value", JSON_UINT64, value),
	JSON_FIELD(struct oci_seccomp_arg, "valueTwo", JSON_UINT64, value_two),
};

static int read_arg(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	struct oci_seccomp_arg *a = out;
	int op;

	if (JSON_READ_FIELDS(v, at, arg_fields, a, err) < 0 ||
	    json_get_enum(v, at, "op", true, oci_seccomp_operators, "seccomp operator", &op, err) < 0)
		return -1;
	a->op = (enum oci_seccomp_op)op;
	return 0;
}

static const struct json_field syscall_fields[] = {
	JSON_REQUIRED_STRV(struct oci_seccomp_syscall, "names", names),
	JSON_OPTIONAL(struct oci_seccomp_syscall, "errnoRet", JSON_UINT32, errno_ret),
};

static int read_syscall(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	struct oci_seccomp_syscall *s = out;

	if (JSON_READ_FIELDS(v, at, syscall_fields, s, err) < 0 ||
	    read_action(v, at, "action", &s->action, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "args", read_arg, &s->args, &s->n_args, err) < 0)
		return -1;
	return 0;
}

static const struct json_field seccomp_fields[] = {
	JSON_OPTIONAL(struct oci_seccomp, "defaultErrnoRet", JSON_UINT32, default_errno_ret),
	JSON_STRV_FIELD(struct oci_seccomp, "architectures", architectures),
	JSON_STRV_FIELD(struct oci_seccomp, "flags", flags),
	JSON_FIELD(struct oci_seccomp, "listenerPath", JSON_STRING, listener_path),
	JSON_FIELD(struct oci_seccomp, "listenerMetadata", JSON_STRING, listener_metadata),
};

int oci_read_seccomp(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	struct oci_seccomp *s = out;

	if (read_action(v, at, "defaultAction", &s->default_action, err) < 0 ||
	    JSON_READ_FIELDS(v, at, seccomp_fields, s, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "syscalls", read_syscall, &s->syscalls, &s->n_syscalls, err) < 0)
		return -1;
	return 0;
}
