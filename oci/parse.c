/* SPDX-License-Identifier: GPL-2.0-or-later */
/* config.json, top level: version, root, mounts, hooks, annotations; the
 * process and linux objects have files of their own. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "oci/parse.h"

/* --- shared readers */

static const struct json_field id_mapping_fields[] = {
	JSON_REQUIRED(struct oci_id_mapping, "containerID", JSON_UINT32, container_id),
	JSON_REQUIRED(struct oci_id_mapping, "hostID", JSON_UINT32, host_id),
	JSON_REQUIRED(struct oci_id_mapping, "size", JSON_UINT32, size),
};

int oci_read_id_mapping(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	return JSON_READ_FIELDS(v, at, id_mapping_fields, out, err);
}

int oci_read_string_entry(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	struct oci_annotation *entry = out;

	return json_value_string(v, at, &entry->value, err);
}

/* --- ociVersion */

/* A decimal number without sign; false when there is none or it is huge. */
static bool read_number(const char **p, unsigned long *out)
{
	const char *start = *p;

	*out = 0;
	for (; isdigit((unsigned char)**p) && *p - start < 9; (*p)++)
		*out = *out * 10 + (unsigned long)(**p - '0');
	return *p > start && !isdigit((unsigned char)**p);
}

/* "1.x.y", optionally followed by a pre-release ("-rc.1") or build
 * ("+dev") suffix, for every 1.x.y up to 1.3.x. */
static bool version_supported(const char *v)
{
	unsigned long major, minor, patch;

	if (!read_number(&v, &major) || *v != '.')
		return false;
	v++;
	if (!read_number(&v, &minor) || *v != '.')
		return false;
	v++;
	if (!read_number(&v, &patch))
		return false;
	if (*v && !((*v == '-' || *v == '+') && v[1]))
		return false;
	return major == 1 && minor <= 3;
}

static int check_version(const char *version, struct hrun_error *err)
{
	const struct json_path at = {NULL, "ociVersion", 0};
	char quoted[JSON_QUOTE_MAX];

	if (version_supported(version))
		return 0;
	return json_fail(&at, err, "unsupported version %s (hrun supports 1.0.0 to %s)",
			 json_quote(version, quoted, sizeof quoted), OCI_SPEC_VERSION);
}

/* --- mounts and hooks */

static const struct json_field mount_fields[] = {
	JSON_REQUIRED(struct oci_mount, "destination", JSON_STRING, destination),
	JSON_FIELD(struct oci_mount, "type", JSON_STRING, type),
	JSON_FIELD(struct oci_mount, "source", JSON_STRING, source),
	JSON_STRV_FIELD(struct oci_mount, "options", options),
};

/* A relative destination is deprecated but allowed (runtime-spec 1.1):
 * relative to "/".  Made absolute here, so that nothing after (the plan,
 * the check of the rootfs's kernel dirs for symlinks) meets two spellings
 * of one path. */
static int absolute_destination(struct oci_mount *m, const struct json_path *at,
				struct hrun_error *err)
{
	const struct json_path here = {at, "destination", 0};
	char *abs;

	if (m->destination[0] == '/')
		return 0;
	if (!m->destination[0])
		return json_fail(&here, err, "must not be empty");
	if (asprintf(&abs, "/%s", m->destination) < 0)
		return json_fail(&here, err, "out of memory");
	free(m->destination);
	m->destination = abs;
	return 0;
}

static int read_mount(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	struct oci_mount *m = out;

	if (JSON_READ_FIELDS(v, at, mount_fields, m, err) < 0 || absolute_destination(m, at, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "uidMappings", oci_read_id_mapping, &m->uid_mappings,
			    &m->n_uid_mappings, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "gidMappings", oci_read_id_mapping, &m->gid_mappings,
			    &m->n_gid_mappings, err) < 0)
		return -1;
	return 0;
}

static const struct json_field hook_fields[] = {
	JSON_REQUIRED(struct oci_hook, "path", JSON_STRING, path),
	JSON_STRV_FIELD(struct oci_hook, "args", args),
	JSON_STRV_FIELD(struct oci_hook, "env", env),
};

static int read_hook(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	const struct json_path path = {at, "path", 0};
	struct oci_hook *h = out;
	int64_t timeout;
	int r;

	if (JSON_READ_FIELDS(v, at, hook_fields, h, err) < 0)
		return -1;
	if (h->path[0] != '/')
		return json_fail(&path, err, "must be an absolute path");
	/* the spec: "timeout ... MUST be greater than zero" */
	r = json_get_int(v, at, "timeout", false, 1, INT32_MAX, &timeout, err);
	if (r < 0)
		return -1;
	h->has_timeout = r > 0;
	h->timeout = r > 0 ? (int32_t)timeout : 0;
	return 0;
}

static int read_hooks(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err)
{
	struct oci_hooks *hooks = out;

	if (JSON_READ_ARRAY(v, at, "prestart", read_hook, &hooks->prestart, &hooks->n_prestart,
			    err) < 0 ||
	    JSON_READ_ARRAY(v, at, "createRuntime", read_hook, &hooks->create_runtime,
			    &hooks->n_create_runtime, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "createContainer", read_hook, &hooks->create_container,
			    &hooks->n_create_container, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "startContainer", read_hook, &hooks->start_container,
			    &hooks->n_start_container, err) < 0 ||
	    JSON_READ_ARRAY(v, at, "poststart", read_hook, &hooks->poststart, &hooks->n_poststart,
			    err) < 0 ||
	    JSON_READ_ARRAY(v, at, "poststop", read_hook, &hooks->poststop, &hooks->n_poststop,
			    err) < 0)
		return -1;
	return 0;
}

/* --- the document */

static const struct json_field spec_fields[] = {
	JSON_REQUIRED(struct oci_spec, "ociVersion", JSON_STRING, oci_version),
	JSON_FIELD(struct oci_spec, "hostname", JSON_STRING, hostname),
	JSON_FIELD(struct oci_spec, "domainname", JSON_STRING, domainname),
};

static const struct json_field root_fields[] = {
	JSON_REQUIRED(struct oci_root, "path", JSON_STRING, path),
	JSON_FIELD(struct oci_root, "readonly", JSON_BOOL, readonly),
};

static int read_spec(yajl_val config, const struct json_path *at, void *out, struct hrun_error *err)
{
	struct oci_spec *spec = out;

	if (JSON_READ_FIELDS(config, at, spec_fields, spec, err) < 0 ||
	    check_version(spec->oci_version, err) < 0 ||
	    JSON_READ_FLAT_OBJECT(config, at, "root", root_fields, &spec->root, err) < 0 ||
	    JSON_READ_ARRAY(config, at, "mounts", read_mount, &spec->mounts, &spec->n_mounts, err) <
		    0 ||
	    JSON_READ_OBJECT(config, at, "process", oci_read_process, &spec->process, err) < 0 ||
	    JSON_READ_OBJECT(config, at, "hooks", read_hooks, &spec->hooks, err) < 0 ||
	    JSON_READ_MAP(config, at, "annotations", key, oci_read_string_entry, &spec->annotations,
			  &spec->n_annotations, err) < 0 ||
	    JSON_READ_OBJECT(config, at, "linux", oci_read_linux, &spec->linux_, err) < 0)
		return -1;
	return 0;
}

static void release_spec(void *spec)
{
	oci_spec_free(spec);
}

struct oci_spec *oci_spec_parse(const char *text, size_t len, const char *name,
				struct hrun_error *err)
{
	return oci_parse_document(text, len, name, sizeof(struct oci_spec), read_spec, release_spec,
				  err);
}

void *oci_parse_document(const char *text, size_t len, const char *name, size_t size,
			 json_read_fn read, void (*release)(void *), struct hrun_error *err)
{
	_cleanup_json_ yajl_val root = json_parse(text, len, err);
	void *out;

	if (!root) {
		hrun_error_prefix(err, "%s", name);
		return NULL;
	}
	out = calloc(1, size);
	if (!out) {
		hrun_error_set(err, ENOMEM, "%s", name);
		return NULL;
	}
	if (read(root, NULL, out, err) < 0) {
		release(out);
		hrun_error_prefix(err, "%s", name);
		return NULL;
	}
	return out;
}
