/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The parts of the config.json parser, one file each; internal to oci/.
 * Every reader is a json_read_fn: it fills the model struct at `out` from
 * the JSON object `v` found at path `at`. */
#ifndef HRUN_OCI_PARSE_H
#define HRUN_OCI_PARSE_H

#include "oci/json.h"
#include "oci/spec.h"

/* parse_process.c: struct oci_process */
int oci_read_process(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err);

/* parse_linux.c: struct oci_linux */
int oci_read_linux(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err);

/* parse_resources.c: struct oci_resources */
int oci_read_resources(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err);

/* parse_seccomp.c: struct oci_seccomp */
int oci_read_seccomp(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err);

/* parse.c: struct oci_id_mapping, shared by mounts and linux */
int oci_read_id_mapping(yajl_val v, const struct json_path *at, void *out, struct hrun_error *err);

/* parse.c: the value of a string map entry (struct oci_annotation), for
 * annotations, linux.sysctl and linux.resources.unified */
int oci_read_string_entry(yajl_val v, const struct json_path *at, void *out,
			  struct hrun_error *err);

/* parse.c: a document that is one object of the model (config.json,
 * exec's process, update's resources, the state file): a zeroed struct of
 * `size` bytes, read from text by `read`; on failure NULL, the struct
 * released by `release`, and the error prefixed with name. */
void *oci_parse_document(const char *text, size_t len, const char *name, size_t size,
			 json_read_fn read, void (*release)(void *), struct hrun_error *err);

/* lookup.c: namespace type names indexed by enum oci_ns_type, NULL-terminated */
extern const char *const oci_ns_names[OCI_NS_COUNT + 1];

#endif
