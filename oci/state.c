/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "oci/state.h"

#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_gen.h>

#include "oci/json.h"
#include "oci/parse.h"
#include "util/cleanup.h"
#include "util/error.h"

static void gen_freep(yajl_gen *g)
{
	if (*g)
		yajl_gen_free(*g);
}
#define _cleanup_gen_ __attribute__((cleanup(gen_freep)))

static void gen_string(yajl_gen g, const char *s)
{
	yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

static void gen_member(yajl_gen g, const char *key, const char *value)
{
	gen_string(g, key);
	gen_string(g, value ? value : "");
}

static void gen_annotations(yajl_gen g, const struct oci_state *st)
{
	if (st->n_annotations == 0)
		return;
	gen_string(g, "annotations");
	yajl_gen_map_open(g);
	for (size_t i = 0; i < st->n_annotations; i++)
		gen_member(g, st->annotations[i].key, st->annotations[i].value);
	yajl_gen_map_close(g);
}

static void gen_rdt(yajl_gen g, const struct oci_state_rdt *rdt)
{
	gen_string(g, "hrunIntelRdt");
	yajl_gen_map_open(g);
	gen_member(g, "root", rdt->root);
	gen_member(g, "group", rdt->group);
	gen_string(g, "ownGroup");
	yajl_gen_bool(g, rdt->own_group);
	if (rdt->mon_group)
		gen_member(g, "monGroup", rdt->mon_group);
	yajl_gen_map_close(g);
}

char *oci_state_json(const struct oci_state *st, enum oci_state_form form, bool pretty,
		     struct hrun_error *err)
{
	_cleanup_gen_ yajl_gen g = yajl_gen_alloc(NULL);
	const unsigned char *buf;
	size_t len;
	char *out;

	if (!g) {
		hrun_error_set(err, 0, "state: out of memory");
		return NULL;
	}
	yajl_gen_config(g, yajl_gen_beautify, pretty ? 1 : 0);
	yajl_gen_map_open(g);
	gen_member(g, "ociVersion", st->oci_version);
	gen_member(g, "id", st->id);
	gen_string(g, "pid");
	yajl_gen_integer(g, st->pid);
	gen_member(g, "status", st->status);
	gen_member(g, "bundle", st->bundle);
	gen_member(g, "rootfs", st->rootfs);
	gen_member(g, "created", st->created);
	gen_member(g, "owner", st->owner);
	gen_annotations(g, st);
	if (form == OCI_STATE_FILE) {
		gen_string(g, "hrunInitStartTime");
		yajl_gen_integer(g, (long long)st->init_start_time);
		if (st->cgroup)
			gen_member(g, "hrunCgroup", st->cgroup);
		if (st->intel_rdt)
			gen_rdt(g, st->intel_rdt);
	}
	yajl_gen_map_close(g);
	if (yajl_gen_get_buf(g, &buf, &len) != yajl_gen_status_ok) {
		hrun_error_set(err, 0, "state: cannot generate JSON");
		return NULL;
	}
	out = malloc(len + 2);
	if (!out) {
		hrun_error_errno(err, "state: allocate");
		return NULL;
	}
	memcpy(out, buf, len);
	/* yajl's beautified output already ends with a newline */
	if (len == 0 || out[len - 1] != '\n')
		out[len++] = '\n';
	out[len] = '\0';
	return out;
}

static const struct json_field state_fields[] = {
	JSON_REQUIRED(struct oci_state, "ociVersion", JSON_STRING, oci_version),
	JSON_REQUIRED(struct oci_state, "id", JSON_STRING, id),
	JSON_REQUIRED(struct oci_state, "bundle", JSON_STRING, bundle),
	JSON_FIELD(struct oci_state, "rootfs", JSON_STRING, rootfs),
	JSON_FIELD(struct oci_state, "created", JSON_STRING, created),
	JSON_FIELD(struct oci_state, "owner", JSON_STRING, owner),
	JSON_FIELD(struct oci_state, "hrunInitStartTime", JSON_UINT64, init_start_time),
	JSON_FIELD(struct oci_state, "hrunCgroup", JSON_STRING, cgroup),
};

static const struct json_field rdt_fields[] = {
	JSON_REQUIRED(struct oci_state_rdt, "root", JSON_STRING, root),
	JSON_REQUIRED(struct oci_state_rdt, "group", JSON_STRING, group),
	JSON_FIELD(struct oci_state_rdt, "ownGroup", JSON_BOOL, own_group),
	JSON_FIELD(struct oci_state_rdt, "monGroup", JSON_STRING, mon_group),
};

static int read_rdt(yajl_val root, struct oci_state *st, struct hrun_error *err)
{
	return JSON_READ_FLAT_OBJECT(root, NULL, "hrunIntelRdt", rdt_fields, &st->intel_rdt, err);
}

struct oci_state *oci_state_parse(const char *text, size_t len, const char *name,
				  struct hrun_error *err)
{
	_cleanup_json_ yajl_val root = json_parse(text, len, err);
	struct oci_state *st;
	int64_t pid = 0;

	if (!root)
		goto fail_prefix;
	st = calloc(1, sizeof *st);
	if (!st) {
		hrun_error_errno(err, "allocate state");
		goto fail_prefix;
	}
	if (json_read_fields(root, NULL, state_fields, JSON_ARRAY_SIZE(state_fields), st, err) <
		    0 ||
	    json_get_int(root, NULL, "pid", true, 0, INT32_MAX, &pid, err) < 0 ||
	    JSON_READ_MAP(root, NULL, "annotations", key, oci_read_string_entry, &st->annotations,
			  &st->n_annotations, err) < 0 ||
	    read_rdt(root, st, err) < 0) {
		oci_state_free(st);
		goto fail_prefix;
	}
	st->pid = (pid_t)pid;
	return st;
fail_prefix:
	hrun_error_prefix(err, "%s", name);
	return NULL;
}

void oci_state_free(struct oci_state *st)
{
	if (!st)
		return;
	free(st->oci_version);
	free(st->id);
	free(st->bundle);
	for (size_t i = 0; i < st->n_annotations; i++) {
		free(st->annotations[i].key);
		free(st->annotations[i].value);
	}
	free(st->annotations);
	free(st->rootfs);
	free(st->created);
	free(st->owner);
	free(st->cgroup);
	oci_state_rdt_free(st->intel_rdt);
	free(st);
}

void oci_state_rdt_free(struct oci_state_rdt *rdt)
{
	if (!rdt)
		return;
	free(rdt->root);
	free(rdt->group);
	free(rdt->mon_group);
	free(rdt);
}
