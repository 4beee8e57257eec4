/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "oci/state.h"

#include <stdlib.h>

#include "oci/json.h"
#include "oci/json_gen.h"
#include "oci/parse.h"
#include "util/error.h"

static void gen_member(struct json_gen *g, const char *key, const char *value)
{
	json_gen_string(g, key);
	json_gen_string(g, value ? value : "");
}

/* hrun's flags: written only when set, read as false when absent */
static void gen_flag(struct json_gen *g, const char *key, bool set)
{
	if (!set)
		return;
	json_gen_string(g, key);
	json_gen_bool(g, true);
}

static void gen_annotations(struct json_gen *g, const struct oci_state *st)
{
	if (st->n_annotations == 0)
		return;
	json_gen_string(g, "annotations");
	json_gen_open(g, true);
	for (size_t i = 0; i < st->n_annotations; i++)
		gen_member(g, st->annotations[i].key, st->annotations[i].value);
	json_gen_close(g, true);
}

static void gen_rdt(struct json_gen *g, const struct oci_state_rdt *rdt)
{
	json_gen_string(g, "hrunIntelRdt");
	json_gen_open(g, true);
	gen_member(g, "root", rdt->root);
	gen_member(g, "group", rdt->group);
	json_gen_string(g, "ownGroup");
	json_gen_bool(g, rdt->own_group);
	if (rdt->mon_group)
		gen_member(g, "monGroup", rdt->mon_group);
	json_gen_close(g, true);
}

static void gen_state(struct json_gen *g, const struct oci_state *st, enum oci_state_form form)
{
	json_gen_open(g, true);
	gen_member(g, "ociVersion", st->oci_version);
	gen_member(g, "id", st->id);
	json_gen_string(g, "pid");
	json_gen_int(g, st->pid);
	gen_member(g, "status", st->status);
	gen_member(g, "bundle", st->bundle);
	gen_member(g, "rootfs", st->rootfs);
	gen_member(g, "created", st->created);
	gen_member(g, "owner", st->owner);
	gen_annotations(g, st);
	if (form == OCI_STATE_FILE) {
		json_gen_string(g, "hrunInitStartTime");
		json_gen_int(g, (long long)st->init_start_time);
		if (st->cgroup)
			gen_member(g, "hrunCgroup", st->cgroup);
		if (st->intel_rdt)
			gen_rdt(g, st->intel_rdt);
		gen_flag(g, "hrunInitIsWorkload", st->init_is_workload);
		gen_flag(g, "hrunOwnPidNamespace", st->own_pid_ns);
	}
	json_gen_close(g, true);
}

char *oci_state_json(const struct oci_state *st, enum oci_state_form form, bool pretty,
		     struct hrun_error *err)
{
	struct json_gen g;
	char *text;

	/* yajl's own indent */
	if (json_gen_init(&g, pretty ? "    " : NULL, "state", err) < 0)
		return NULL;
	gen_state(&g, st, form);
	text = json_gen_text(&g, "state", err);
	json_gen_free(&g);
	return text;
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
	JSON_FIELD(struct oci_state, "hrunInitIsWorkload", JSON_BOOL, init_is_workload),
	JSON_FIELD(struct oci_state, "hrunOwnPidNamespace", JSON_BOOL, own_pid_ns),
};

static const struct json_field rdt_fields[] = {
	JSON_REQUIRED(struct oci_state_rdt, "root", JSON_STRING, root),
	JSON_REQUIRED(struct oci_state_rdt, "group", JSON_STRING, group),
	JSON_FIELD(struct oci_state_rdt, "ownGroup", JSON_BOOL, own_group),
	JSON_FIELD(struct oci_state_rdt, "monGroup", JSON_STRING, mon_group),
};

static int read_state(yajl_val root, const struct json_path *at, void *out, struct hrun_error *err)
{
	struct oci_state *st = out;
	int64_t pid = 0;

	if (JSON_READ_FIELDS(root, at, state_fields, st, err) < 0 ||
	    json_get_int(root, at, "pid", true, 0, INT32_MAX, &pid, err) < 0 ||
	    JSON_READ_MAP(root, at, "annotations", key, oci_read_string_entry, &st->annotations,
			  &st->n_annotations, err) < 0 ||
	    JSON_READ_FLAT_OBJECT(root, at, "hrunIntelRdt", rdt_fields, &st->intel_rdt, err) < 0)
		return -1;
	st->pid = (pid_t)pid;
	return 0;
}

static void release_state(void *st)
{
	oci_state_free(st);
}

struct oci_state *oci_state_parse(const char *text, size_t len, const char *name,
				  struct hrun_error *err)
{
	return oci_parse_document(text, len, name, sizeof(struct oci_state), read_state,
				  release_state, err);
}

void oci_state_free(struct oci_state *st)
{
	if (!st)
		return;
	free(st->oci_version);
	free(st->id);
	free(st->bundle);
	oci_annotations_free(st->annotations, st->n_annotations);
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
