/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Seccomp: linux.seccomp and hrun's presets, from config.json to the
 * kernel.
 *
 *   plan_build    seccomp_filter_build()    spec -> rules, every name resolved
 *   runtime       seccomp_filter_prepare()  rules -> BPF (cached), listener
 *                 seccomp_listener_state()  after the clone: what the agent gets
 *   init          (nothing: the filter is never applied to the init)
 *   workload      seccomp_filter_install()  right before execve
 *   startContainer seccomp_filter_install_unlistened()  right before execve
 *
 * Where the filter applies.  To the workload and to the startContainer
 * hooks (programs of the image, run in the container just before it, as
 * runc runs them: under the filter), never to the init: it stays pid 1
 * and must reap and forward signals whatever the profile denies (kill,
 * wait4, rt_sigaction...).  The BPF is compiled on the host before the
 * clone, so no libseccomp work runs in the container and the compiled
 * program can come from the cache; the forked workload child installs it
 * with the raw seccomp(2) syscall as the last step before execve.  When
 * noNewPrivileges is false the install needs CAP_SYS_ADMIN: the init keeps
 * it for the child, which drops it right after the install (runc's order,
 * so the profile must allow capset, as podman's does).
 *
 * Two programs at most.  Presets (annotation org.hrun.seccomp.presets) and
 * linux.seccomp cannot be merged into one libseccomp filter exactly: an
 * unconditional rule shadows every conditional rule of the same syscall,
 * so "clone with CLONE_NEWUSER -> EPERM" would vanish under a profile that
 * allows clone.  They are installed as two stacked filters instead, presets
 * first; the kernel applies the most restrictive answer of the two (for two
 * errnos, the later filter's, i.e. the profile's).
 *
 * SCMP_ACT_NOTIFY.  The listener fd exists only in the workload child once
 * its filter is installed, and any syscall the child makes afterwards may
 * be one the profile traps (crun #1002: its own sendmsg).  So the child
 * makes none for it: just before the install it starts a helper process
 * that shares its fd table (CLONE_FILES) and is not filtered, and after the
 * install it only stores the fd number in shared memory.  The helper sends
 * that fd, with the state the runtime prepared, to listenerPath over a
 * connection the runtime opened on the host before the clone (the init
 * and the child inherited it), then exits.  The child's execve unshares
 * its fd table, so the listener stays valid in the helper's copy even if
 * the workload execs first, and a trapped execve or capset just waits for
 * the agent.  The message is runc's: the ContainerProcessState JSON
 * {ociVersion, fds: ["seccompFd"], pid, metadata, state} with the fd in
 * SCM_RIGHTS; pid is the container's (the init's) host pid. */
#ifndef HRUN_SECCOMP_H
#define HRUN_SECCOMP_H

#include <linux/filter.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

struct oci_spec;
struct oci_state;
struct hrun_error;

#define SECCOMP_PRESETS_ANNOTATION "org.hrun.seccomp.presets"
#define SECCOMP_MAX_ARGS	   6
#define SECCOMP_MAX_ENOSYS	   16

/* One libseccomp rule, every name resolved. */
struct seccomp_rule {
	char *name;	 /* syscall name, as written */
	int nr;		 /* seccomp_syscall_resolve_name(): native number or pseudo */
	uint32_t action; /* SCMP_ACT_* with its data */
	unsigned int n_args;
	struct {
		unsigned int arg;
		int op; /* enum scmp_compare */
		uint64_t a, b;
	} args[SECCOMP_MAX_ARGS];
	bool exact_optional; /* seccomp_rule_add_exact, failure ignored (socket families) */
	char *origin;	     /* JSON path or preset group, for errors */
};

/* One filter as the kernel gets it. */
struct seccomp_program {
	char *origin; /* "linux.seccomp" or "presets <names>" */
	uint32_t default_action;
	char **arches; /* libseccomp names ("x86") added to the native arch */
	size_t n_arches;
	struct seccomp_rule *rules;
	size_t n_rules;
	char **skipped; /* syscall names libseccomp does not know (NULL-terminated) */
	size_t n_skipped;
	/* runc's ENOSYS rule (enosys.c): per arch (AUDIT_ARCH_*), the highest
	 * number the profile names; a syscall above it gets ENOSYS */
	struct seccomp_enosys {
		uint32_t arch;
		uint32_t max;
	} enosys[SECCOMP_MAX_ENOSYS];
	size_t n_enosys;
	bool notify; /* some rule is SCMP_ACT_NOTIFY */
	/* filled by seccomp_filter_prepare() */
	struct sock_filter *insns;
	size_t n_insns;
	bool from_cache;
};

struct seccomp_filter {
	struct seccomp_program *programs; /* installed in this order */
	size_t n_programs;
	unsigned int flags;  /* SECCOMP_FILTER_FLAG_* from linux.seccomp.flags */
	char *listener_path; /* only when a program notifies */
	char *listener_metadata;
	int agent_fd; /* connection to listener_path, -1 when none */
	int state_fd; /* memfd holding the message for the agent, -1 when none */
};

/* The filter the spec asks for: the presets named by the annotation, then
 * linux.seccomp.  *out is NULL (and 0 returned) when neither is there.
 * Pure: only name lookups in libseccomp.  Errors carry the JSON path. */
int seccomp_filter_build(const struct oci_spec *spec, struct seccomp_filter **out,
			 struct hrun_error *err);
void seccomp_filter_free(struct seccomp_filter *f);

/* The linux.seccomp.flags hrun knows, for `hrun features`. */
size_t seccomp_known_flags(const char **names, size_t max);

/* The rules, one a line, as `hrun plan` shows them (indent = prefix). */
int seccomp_filter_print(const struct seccomp_filter *f, const char *indent, FILE *out,
			 struct hrun_error *err);

/* Host side, before the clone: check that this kernel has the flags and
 * actions used, compile every program (or load it from the cache under
 * <state_root>/seccomp; NULL: no cache), and connect to listenerPath. */
int seccomp_filter_prepare(struct seccomp_filter *f, const char *state_root,
			   struct hrun_error *err);

/* Host side, after the clone: the message the agent will receive, with
 * the container's state as runc sends it (status "creating"; pid is the
 * init's, the container's pid on the host).  Nothing when no listener. */
int seccomp_listener_state(struct seccomp_filter *f, const struct oci_state *st,
			   struct hrun_error *err);
/* exec, before the spawn: the same message with the container's state as
 * it is (runc's exec: pid the init's, status running).  The exec'd
 * process's own listener goes to listenerPath over a connection of its
 * own, as create's does. */
int seccomp_listener_exec_state(struct seccomp_filter *f, const struct oci_state *st,
				struct hrun_error *err);

/* The init, after forking the workload: close its copies of the listener's
 * connection and message (the helper holds its own). */
void seccomp_listener_release(const struct seccomp_filter *f);

/* The workload child, right before execve (and before dropping
 * CAP_SYS_ADMIN when noNewPrivileges is false). */
int seccomp_filter_install(const struct seccomp_filter *f, struct hrun_error *err);

/* A startContainer hook, right before its execve: the same programs, but
 * the listener is the workload's alone (the agent gets one, as from runc),
 * so a notifying program is installed without one: the syscalls it traps
 * fail with ENOSYS, as under any notify filter whose listener is gone. */
int seccomp_filter_install_unlistened(const struct seccomp_filter *f, struct hrun_error *err);
/* Whether every prepared program lets each of the native syscalls nrs
 * through (ALLOW or LOG) with all arguments 0, as the kernel would run
 * them (evaluate.c). */
bool seccomp_filter_allows(const struct seccomp_filter *f, const int *nrs, size_t n);

/* --- the parts, for their tests ------------------------------------- */

/* profile.c: linux.seccomp -> one program; flags and listener into f. */
int seccomp_profile_build(const struct oci_spec *spec, struct seccomp_filter *f,
			  struct seccomp_program *out, struct hrun_error *err);

/* presets.c: the preset bits named by a comma list ("strict,multiarch"). */
int seccomp_presets_parse(const char *list, unsigned int *bits, struct hrun_error *err);
/* The seed's rule groups for those bits, socket families last. */
int seccomp_presets_build(unsigned int bits, struct seccomp_program *out, struct hrun_error *err);

enum {
	SECCOMP_PRESET_EXT = 1 << 0,
	SECCOMP_PRESET_DENY_NS = 1 << 1,
	SECCOMP_PRESET_DENY_TTY = 1 << 2,
	SECCOMP_PRESET_DENY_DEVEL = 1 << 3,
	SECCOMP_PRESET_LINUX32 = 1 << 4,
	SECCOMP_PRESET_MULTIARCH = 1 << 5,
	SECCOMP_PRESET_CAN = 1 << 6,
	SECCOMP_PRESET_BLUETOOTH = 1 << 7,
	SECCOMP_PRESET_STRICT = SECCOMP_PRESET_EXT | SECCOMP_PRESET_DENY_NS |
				SECCOMP_PRESET_DENY_TTY | SECCOMP_PRESET_DENY_DEVEL,
};

/* rule.c: the canonical text of a program (what `hrun plan` shows and
 * what the cache key hashes); malloc'd. */
char *seccomp_program_text(const struct seccomp_program *p, const char *indent);
int seccomp_rule_add_arg(struct seccomp_rule *r, unsigned int arg, int op, uint64_t a, uint64_t b);
/* Append a rule (name resolved here); NULL on allocation failure. */
struct seccomp_rule *seccomp_program_add_rule(struct seccomp_program *p, const char *name, int nr,
					      uint32_t action, const char *origin);
void seccomp_program_clear(struct seccomp_program *p);

/* enosys.c: runc's ENOSYS rule: from the profile's names, the highest
 * number per arch (none when the default action lets syscalls through);
 * after the compile, the prefix that answers above it with ENOSYS. */
struct oci_seccomp_syscall;
void seccomp_enosys_build(const struct oci_seccomp_syscall *calls, size_t n,
			  struct seccomp_program *p);
int seccomp_enosys_prepend(struct seccomp_program *p, struct hrun_error *err);

/* compile.c: program -> BPF with libseccomp (no cache). */
int seccomp_program_compile(struct seccomp_program *p, struct hrun_error *err);

/* cache.c: load or store a program's BPF under dir, keyed by the SHA-256
 * of its text, the native arch and the libseccomp version.  load returns
 * 1 on a hit, 0 on a miss (missing, corrupt, concurrent half-written). */
int seccomp_cache_load(const char *dir, struct seccomp_program *p);
int seccomp_cache_store(const char *dir, const struct seccomp_program *p, struct hrun_error *err);

/* install.c: kernel support for the flags and actions of f. */
int seccomp_filter_check_kernel(const struct seccomp_filter *f, struct hrun_error *err);

#endif
