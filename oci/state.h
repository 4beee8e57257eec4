/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The container state: what `hrun state` prints (runtime-spec's State plus
 * runc's rootfs, created and owner), what hooks read on stdin, and, with
 * hrun's own fields added, the state file kept in <root>/<id>/state.json. */
#ifndef HRUN_OCI_STATE_H
#define HRUN_OCI_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "oci/spec.h"

struct hrun_error;

/* The resctrl groups of linux.intelRdt (runtime/resctrl.h).  The
 * monitoring group is always hrun's to remove; the control group only
 * when own_group says so. */
struct oci_state_rdt {
	char *root;                  /* the resctrl mount */
	char *group;                 /* the control group: root, or root/<closID or id> */
	char *mon_group;             /* group/mon_groups/<id>, NULL without monitoring */
	bool own_group;              /* hrun made it for the container (no closID) */
};

struct oci_state {
	char *oci_version;
	char *id;
	const char *status;          /* "creating" | "created" | "running" | "paused" | "stopped" */
	pid_t pid;                   /* 0 once stopped */
	char *bundle;
	struct oci_annotation *annotations;
	size_t n_annotations;
	/* runc's extras */
	char *rootfs;
	char *created;               /* RFC 3339, UTC */
	char *owner;                 /* "" for root, as runc prints it */
	/* hrun's own, written only to the state file */
	uint64_t init_start_time;    /* /proc/<pid>/stat starttime: tells a reused pid apart */
	char *cgroup;                /* the cgroup manager's saved form, NULL if none */
	struct oci_state_rdt *intel_rdt; /* linux.intelRdt's groups, NULL if none */
	bool init_is_workload;       /* org.hrun.init none: the pid is the workload's */
	/* The pid is pid 1 of a pid namespace the container made: once it
	 * has exited, every process of that namespace has too. */
	bool own_pid_ns;
};

enum oci_state_form {
	OCI_STATE_PUBLIC,            /* `hrun state`, hooks */
	OCI_STATE_FILE,              /* the state file: public + hrun's fields */
};

/* Pretty JSON text for `hrun state` and the state file; compact for hooks.
 * Returns malloc'd text, NULL with *err set. */
char *oci_state_json(const struct oci_state *st, enum oci_state_form form, bool pretty,
		     struct hrun_error *err);

/* Parse a state file written by oci_state_json(OCI_STATE_FILE). */
struct oci_state *oci_state_parse(const char *text, size_t len, const char *name,
				  struct hrun_error *err);

void oci_state_free(struct oci_state *st);
void oci_state_rdt_free(struct oci_state_rdt *rdt);

static inline void oci_state_freep(struct oci_state **st)
{
	oci_state_free(*st);
}
#define _cleanup_state_ __attribute__((cleanup(oci_state_freep)))

#endif
