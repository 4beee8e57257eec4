/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the files of src/cgroup share; not for use outside it (tests aside).
 *
 * The limits go through one list: the v1 and v2 translators turn
 * linux.resources into (controller, file, value) writes, and one applier
 * writes them into whichever hierarchy holds the controller. */
#ifndef HRUN_CGROUP_INTERNAL_H
#define HRUN_CGROUP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "cgroup/cgroup.h"
#include "util/clock.h"

struct oci_resources;
struct oci_device_cgroup;

enum cg_ctrl {
	CG_CPU,
	CG_CPUACCT,
	CG_CPUSET,
	CG_MEMORY,
	CG_DEVICES,
	CG_FREEZER,
	CG_BLKIO, /* "io" on v2 */
	CG_PIDS,
	CG_NET_CLS,
	CG_NET_PRIO,
	CG_HUGETLB,
	CG_RDMA,
	CG_PERF_EVENT,
	CG_MISC,
	CG_CORE, /* v2 "cgroup.*" files: no controller needed */
	CG_CTRL_COUNT
};
#define CG_BIT(c) (1u << (c))

/* "blkio" on v1, "io" on v2; NULL for CG_CORE. */
const char *cg_ctrl_name(enum cg_ctrl c, bool v2);
/* The controller named by name[0..len) (v1 or v2 spelling); -1 if none. */
int cg_ctrl_parse(const char *name, size_t len);
/* The controllers listed in a space-separated list (cgroup.controllers). */
unsigned cg_ctrl_list(const char *list);

/* --- layout.c: the hierarchies under a cgroup root */

struct cg_hier {
	char *mount;	/* absolute: /sys/fs/cgroup/memory, /sys/fs/cgroup/unified */
	unsigned ctrls; /* CG_BIT()s handled here; 0 for a named one (name=systemd) */
	bool v2;
};

struct cg_layout {
	enum cgroup_mode mode;
	bool fake; /* a stand-in tree, not a cgroup filesystem */
	char *root;
	struct cg_hier *h; /* v1 hierarchies (by name), then the v2 one if any */
	size_t n;
	unsigned v2_ctrls; /* the v2 root's cgroup.controllers */
};

/* root NULL: $HRUN_CGROUP_ROOT, else /sys/fs/cgroup. */
int cg_layout_detect(const char *root, struct cg_layout *out, struct hrun_error *err);
void cg_layout_clear(struct cg_layout *l);

/* --- path.c: where the container's cgroup goes */

struct cg_place {
	char *path;  /* "/a/b", relative to every hierarchy's mount */
	char *slice; /* systemd: "system.slice" */
	char *unit;  /* systemd: "libpod-<id>.scope" */
};

int cg_place_resolve(const struct cgroup_request *req, struct cg_place *out,
		     struct hrun_error *err);
void cg_place_clear(struct cg_place *p);

/* --- the container's cgroup */

struct cgroup {
	enum cgroup_manager manager;
	struct cg_layout layout;
	struct cg_place place;
	char **dirs;			     /* dirs[i] = layout.h[i].mount + place.path */
	int v2_fd;			     /* the v2 directory, -1 when none */
	const struct oci_resources *pending; /* systemd: applied by cgroup_enter */
};

/* The v1 hierarchy's directory holding ctrl, NULL when none does. */
const char *cg_v1_dir(const struct cgroup *cg, enum cg_ctrl ctrl);
/* The v2 directory, NULL when the layout has none. */
const char *cg_v2_dir(const struct cgroup *cg);
/* The one directory that lists every process: freezer v1, else v2, else the first. */
const char *cg_main_dir(const struct cgroup *cg);
/* Fill cg->dirs from the layout and path. */
int cg_dirs_init(struct cgroup *cg, struct hrun_error *err);
/* The error of a verb on a cgroup whose manager is disabled; -1. */
int cg_no_cgroup(struct hrun_error *err);
/* existing.c: a cgroup found before create: frozen is refused with runc's
 * words, processes in it are a warning (runc's). */
int cg_check_existing(const struct cgroup *cg, struct hrun_error *err);
/* "cgroupfs", "systemd", "disabled", by enum cgroup_manager. */
extern const char *const cg_manager_names[3];

/* --- sub.c: exec --cgroup */

/* Each hierarchy's sub-cgroup for the subs (see cgroup_join) into
 * paths[0 .. layout.n-1]: "" for the container's own; the strings are
 * borrowed from subs. */
int cg_sub_paths(const struct cgroup *cg, char *const *subs, size_t n, const char **paths,
		 struct hrun_error *err);

/* --- io.c: the one reader and writer of cgroup files */

/* Write value with a single write(2); a stand-in root (create) makes the file.
 * Errors read "write `memory.max` in `/sys/fs/cgroup/x`: Invalid argument". */
int cg_write(const char *dir, const char *file, const char *value, bool create,
	     struct hrun_error *err);
/* cg_write in two: the file opened for writing, then one value written
 * (a file that takes many, as v1's devices.allow, stays open). */
int cg_open_write(const char *dir, const char *file, bool create, struct hrun_error *err);
int cg_write_fd(int fd, const char *dir, const char *file, const char *value,
		struct hrun_error *err);
/* The file opened read-only (O_CLOEXEC), for poll() or pread(); -1 with *err set. */
int cg_open(const char *dir, const char *file, struct hrun_error *err);
/* The whole file, NUL-terminated; NULL with *err set. */
char *cg_read(const char *dir, const char *file, struct hrun_error *err);
int cg_read_u64(const char *dir, const char *file, uint64_t *out, struct hrun_error *err);
bool cg_exists(const char *dir, const char *file);
/* The value after "key " on its own line of a flat keyed file; false if absent. */
bool cg_keyed_u64(const char *text, const char *key, uint64_t *out);
/* mkdir -p mount+path.  *made gets the shallowest directory created (NULL
 * when all existed); each directory on the way, made or found, is passed
 * to on_dir, top down. */
int cg_mkdirs(const char *mount, const char *path, char **made,
	      int (*on_dir)(const char *dir, void *data, struct hrun_error *err), void *data,
	      struct hrun_error *err);
/* rmdir dir after its sub-cgroups, retrying EBUSY until deadline (a
 * CLOCK_MONOTONIC time in ms); a stand-in tree's files are unlinked first. */
int cg_rmtree(const char *dir, bool fake, uint64_t deadline_ms, struct hrun_error *err);
/* Sleep a little more each round (1, 2, 4 … 64 ms), never past deadline. */
void cg_backoff(unsigned round, uint64_t deadline_ms);

/* --- writes.c: the list of file writes the translators produce */

enum {
	CG_W_DEFAULT = 0x1,   /* the kernel's default: skipped when controller or file is missing */
	CG_W_SWAP_NEXT = 0x2, /* EINVAL/EBUSY: write the next entry first, then this one */
	CG_W_V2 = 0x4,	      /* goes to the v2 directory (unified keys on hybrid) */
	/* a v1 entry whose alternative is the v2 spelling: on a hybrid host
	 * holding the controller on cgroup2 alone, that goes there */
	CG_W_V2_ALT = 0x8,
};

struct cg_write {
	enum cg_ctrl ctrl;
	unsigned flags;
	char *file, *value;
	char *alt_file, *alt_value; /* written instead when `file` does not exist */
};

struct cg_writes {
	struct cg_write *w;
	size_t n;
	bool nomem; /* an add failed: the list is incomplete */
};

void cg_writes_add(struct cg_writes *l, enum cg_ctrl ctrl, unsigned flags, const char *file,
		   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Give the last entry an alternative file and value. */
void cg_writes_alt(struct cg_writes *l, const char *file, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void cg_writes_free(struct cg_writes *l);
/* Write every entry into the directory of its controller. */
int cg_writes_apply(const struct cgroup *cg, const struct cg_writes *l, struct hrun_error *err);

/* resources_v1.c / resources_v2.c: translate linux.resources (devices
 * aside) for the layout's mode; the unified map too (pure v1: an error). */
int cg_resources_v1(const struct oci_resources *res, bool hybrid, struct cg_writes *l,
		    struct hrun_error *err);
int cg_resources_v2(const struct oci_resources *res, struct cg_writes *l, struct hrun_error *err);
uint64_t cg_shares_to_weight(uint64_t shares);
uint64_t cg_blkio_to_io_weight(uint64_t weight);
/* resources.c: what v1 and v2 write alike (pids, cpuset, hugetlb, network,
 * rdma), and the unified map (flags: CG_W_V2 on hybrid). */
int cg_resources_common(const struct oci_resources *res, bool v2, struct cg_writes *l,
			struct hrun_error *err);
int cg_unified_writes(const struct oci_resources *res, unsigned flags, struct cg_writes *l,
		      struct hrun_error *err);
/* The v2 controllers the unified keys name. */
unsigned cg_unified_ctrls(const struct oci_resources *res);

/* Everything for the limits: translate, write, devices. */
int cg_apply(const struct cgroup *cg, const struct oci_resources *res, struct hrun_error *err);

/* --- devices.c / devices_ebpf.c */

struct cg_dev_rule {
	bool allow;
	char type;	 /* 'a', 'c', 'b' */
	int64_t major;	 /* -1: any */
	int64_t minor;	 /* -1: any */
	unsigned access; /* CG_DEV_* */
};
enum { CG_DEV_READ = 1, CG_DEV_WRITE = 2, CG_DEV_MKNOD = 4 };

/* The config's rules in order, then the default devices every container
 * gets (as runc and crun add them); n 0 when the config has no rules. */
int cg_dev_rules(const struct oci_resources *res, struct cg_dev_rule **rules, size_t *n,
		 struct hrun_error *err);
/* "c 1:3 rwm" (the v1 devices.allow/deny line; "a" for allow/deny all). */
void cg_dev_rule_line(const struct cg_dev_rule *r, char *buf, size_t size);
/* Whether any rule denies: everything starts allowed, so only a deny restricts. */
bool cg_dev_rules_restrict(const struct cg_dev_rule *rules, size_t n);
int cg_devices_apply(const struct cgroup *cg, const struct oci_resources *res,
		     struct hrun_error *err);

struct bpf_insn;
/* The BPF_PROG_TYPE_CGROUP_DEVICE program for the rules; *insns malloc'd. */
int cg_bpf_devices(const struct cg_dev_rule *rules, size_t n, struct bpf_insn **insns,
		   size_t *n_insns, struct hrun_error *err);
/* Load the program and attach it to the cgroup dir fd, replacing ours. */
int cg_bpf_attach(int dirfd, const char *dir, const struct bpf_insn *insns, size_t n_insns,
		  struct hrun_error *err);

/* --- v1.c / v2.c: making and joining the directories */

int cg_v1_setup(struct cgroup *cg, size_t i, char **made, struct hrun_error *err);
int cg_v2_setup(struct cgroup *cg, size_t i, unsigned ctrls, char **made, struct hrun_error *err);
/* Enable ctrls in every ancestor of the v2 directory. */
int cg_v2_enable(const struct cgroup *cg, unsigned ctrls, struct hrun_error *err);
/* The controllers usable in the container's v2 directory. */
unsigned cg_v2_available(const struct cgroup *cg);
int cg_enter_all(const struct cgroup *cg, pid_t pid, struct hrun_error *err);
/* self.c: whether the caller may enter the real v1 hierarchies (all, or
 * hierarchy i) by writing "0" into `tasks`; doing it, in dir. */
bool cg_self_enters(const struct cgroup *cg);
bool cg_self_enters_hier(const struct cgroup *cg, size_t i);
int cg_enter_self_dir(const char *dir, struct hrun_error *err);
int cg_setup_all(struct cgroup *cg, struct hrun_error *err);

/* --- freeze.c; tests lower the wait */
/* Whether the cgroup at dir is frozen: v1's freezer.state, v2's
 * cgroup.events; a file not there (not made yet, gone) is not frozen. */
int cg_frozen_v1(const char *dir, bool *frozen, struct hrun_error *err);
int cg_frozen_v2(const char *dir, bool *frozen, struct hrun_error *err);
extern unsigned cg_freeze_timeout_ms;

/* --- saved.c */
char *cg_escape(const char *s);
char *cg_unescape(const char *s, size_t len);

/* --- systemd.c */
int cg_systemd_start(struct cgroup *cg, pid_t pid, struct hrun_error *err);
int cg_systemd_stop(struct cgroup *cg, struct hrun_error *err);

#endif
