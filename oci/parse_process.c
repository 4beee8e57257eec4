/* SPDX-License-Identifier: GPL-2.0-or-later */
/* config.json: process (what runs in the container, as whom, with what
 * limits). */
#include <stdint.h>

#include "oci/parse.h"

static int read_gid(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	uint64_t gid;

	if (json_value_uint(v, at, UINT32_MAX, &gid, err) < 0)
		return -1;
	*(uint32_t *)out = (uint32_t)gid;
	return 0;
}

static const struct json_field user_fields[] = {
	JSON_FIELD(struct oci_user, "uid", JSON_UINT32, uid),
	JSON_FIELD(struct oci_user, "gid", JSON_UINT32, gid),
	JSON_OPTIONAL(struct oci_user, "umask", JSON_UINT32, umask),
	JSON_FIELD(struct oci_user, "username", JSON_STRING, username),
};

static int read_user(yajl_val v, const struct json_path *at, struct oci_user *u,
		     struct hrun_error *err)
{
	if (JSON_READ_FIELDS(v, at, user_fields, u, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "additionalGids", read_gid, &u->additional_gids,
			    &u->n_additional_gids, err) < 0)
		return -1;
	return 0;
}

static const struct json_field console_size_fields[] = {
	JSON_REQUIRED(struct oci_console_size, "height", JSON_UINT32, height),
	JSON_REQUIRED(struct oci_console_size, "width", JSON_UINT32, width),
};

static const struct json_field capabilities_fields[] = {
	JSON_STRV_FIELD(struct oci_capabilities, "bounding", bounding),
	JSON_STRV_FIELD(struct oci_capabilities, "effective", effective),
	JSON_STRV_FIELD(struct oci_capabilities, "inheritable", inheritable),
	JSON_STRV_FIELD(struct oci_capabilities, "permitted", permitted),
	JSON_STRV_FIELD(struct oci_capabilities, "ambient", ambient),
};

static const struct json_field rlimit_fields[] = {
	JSON_REQUIRED(struct oci_rlimit, "type", JSON_STRING, type),
	JSON_REQUIRED(struct oci_rlimit, "hard", JSON_UINT64, hard),
	JSON_REQUIRED(struct oci_rlimit, "soft", JSON_UINT64, soft),
};
JSON_FLAT_READER(read_rlimit, rlimit_fields)

static const struct json_field scheduler_fields[] = {
	JSON_REQUIRED(struct oci_scheduler, "policy", JSON_STRING, policy),
	JSON_FIELD(struct oci_scheduler, "nice", JSON_INT32, nice),
	JSON_FIELD(struct oci_scheduler, "priority", JSON_INT32, priority),
	JSON_STRV_FIELD(struct oci_scheduler, "flags", flags),
	JSON_FIELD(struct oci_scheduler, "runtime", JSON_UINT64, runtime),
	JSON_FIELD(struct oci_scheduler, "deadline", JSON_UINT64, deadline),
	JSON_FIELD(struct oci_scheduler, "period", JSON_UINT64, period),
};

static const struct json_field io_priority_fields[] = {
	JSON_REQUIRED(struct oci_io_priority, "class", JSON_STRING, class_),
	JSON_FIELD(struct oci_io_priority, "priority", JSON_INT32, priority),
};

static const struct json_field cpu_affinity_fields[] = {
	JSON_FIELD(struct oci_cpu_affinity, "initial", JSON_STRING, initial),
	JSON_FIELD(struct oci_cpu_affinity, "final", JSON_STRING, final),
};

static const struct json_field process_fields[] = {
	JSON_FIELD(struct oci_process, "terminal", JSON_BOOL, terminal),
	JSON_REQUIRED_STRV(struct oci_process, "args", args),
	JSON_FIELD(struct oci_process, "commandLine", JSON_STRING, command_line),
	JSON_STRV_FIELD(struct oci_process, "env", env),
	JSON_REQUIRED(struct oci_process, "cwd", JSON_STRING, cwd),
	JSON_FIELD(struct oci_process, "noNewPrivileges", JSON_BOOL, no_new_privileges),
	JSON_FIELD(struct oci_process, "apparmorProfile", JSON_STRING, apparmor_profile),
	JSON_OPTIONAL(struct oci_process, "oomScoreAdj", JSON_INT32, oom_score_adj),
	JSON_FIELD(struct oci_process, "selinuxLabel", JSON_STRING, selinux_label),
};

static int read_objects(yajl_val obj, const struct json_path *at, struct oci_process *process,
			struct hrun_error *err)
{
	const struct json_path user_path = {at, "user", 0};
	yajl_val user;
	int r = json_get_object(obj, at, "user", &user, err);

	if (r < 0 || (r > 0 && read_user(user, &user_path, &process->user, err) < 0))
		return -1;
	if (JSON_READ_FLAT_OBJECT(obj, at, "consoleSize", console_size_fields,
				  &process->console_size, err) < 0 ||
	    JSON_READ_FLAT_OBJECT(obj, at, "capabilities", capabilities_fields,
				  &process->capabilities, err) < 0 ||
	    JSON_READ_ARRAY(obj, at, "rlimits", read_rlimit, &process->rlimits, &process->n_rlimits,
			    err) < 0 ||
	    JSON_READ_FLAT_OBJECT(obj, at, "scheduler", scheduler_fields, &process->scheduler,
				  err) < 0 ||
	    JSON_READ_FLAT_OBJECT(obj, at, "ioPriority", io_priority_fields, &process->io_priority,
				  err) < 0 ||
	    JSON_READ_FLAT_OBJECT(obj, at, "execCPUAffinity", cpu_affinity_fields,
				  &process->exec_cpu_affinity, err) < 0)
		return -1;
	return 0;
}

int oci_read_process(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	const struct json_path cwd = {at, "cwd", 0};
	struct oci_process *p = out;

	if (JSON_READ_FIELDS(v, at, process_fields, p, err) < 0)
		return -1;
	if (p->cwd[0] != '/')
		return json_fail(&cwd, err, "must be an absolute path");
	return read_objects(v, at, p, err);
}
