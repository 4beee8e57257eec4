/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.seccomp -> one program, with runc's translation rules:
 *  - SCMP_ACT_KILL is KILL_THREAD; ERRNO and TRACE return errnoRet, EPERM
 *    when absent (defaultErrnoRet likewise); errnoRet is ignored elsewhere;
 *  - a syscall name libseccomp does not know is skipped, not an error;
 *  - a rule whose action is the default action is skipped (libseccomp
 *    refuses it, and it changes nothing);
 *  - args of one entry are ANDed in one rule, unless an argument index
 *    repeats: then each comparison becomes a rule of its own (ORed);
 *  - SCMP_ACT_NOTIFY cannot be the default action and needs listenerPath. */
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/seccomp.h>

#include "oci/spec.h"
#include "seccomp/seccomp_internal.h"
#include "util/error.h"

#define PATH_MAX_LEN 96

static const struct {
	const char *name;
	uint32_t action;
	bool has_data;
} actions[] = {
	{"SCMP_ACT_KILL", SCMP_ACT_KILL_THREAD, false},
	{"SCMP_ACT_KILL_THREAD", SCMP_ACT_KILL_THREAD, false},
	{"SCMP_ACT_KILL_PROCESS", SCMP_ACT_KILL_PROCESS, false},
	{"SCMP_ACT_TRAP", SCMP_ACT_TRAP, false},
	{"SCMP_ACT_ERRNO", SCMP_ACT_ERRNO(0), true},
	{"SCMP_ACT_TRACE", SCMP_ACT_TRACE(0), true},
	{"SCMP_ACT_ALLOW", SCMP_ACT_ALLOW, false},
	{"SCMP_ACT_LOG", SCMP_ACT_LOG, false},
	{"SCMP_ACT_NOTIFY", SCMP_ACT_NOTIFY, false},
};

/* Indexed by enum oci_seccomp_op. */
static const int operators[] = {
	[OCI_SECCOMP_OP_NE] = SCMP_CMP_NE,
	[OCI_SECCOMP_OP_LT] = SCMP_CMP_LT,
	[OCI_SECCOMP_OP_LE] = SCMP_CMP_LE,
	[OCI_SECCOMP_OP_EQ] = SCMP_CMP_EQ,
	[OCI_SECCOMP_OP_GE] = SCMP_CMP_GE,
	[OCI_SECCOMP_OP_GT] = SCMP_CMP_GT,
	[OCI_SECCOMP_OP_MASKED_EQ] = SCMP_CMP_MASKED_EQ,
};

static const struct {
	const char *name;
	unsigned int flag;
} flags[] = {
	{"SECCOMP_FILTER_FLAG_TSYNC", SECCOMP_FILTER_FLAG_TSYNC},
	{"SECCOMP_FILTER_FLAG_LOG", SECCOMP_FILTER_FLAG_LOG},
	{"SECCOMP_FILTER_FLAG_SPEC_ALLOW", SECCOMP_FILTER_FLAG_SPEC_ALLOW},
	{"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV", SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV},
};

/* `what` names the action's key, `errno_what` its errnoRet key. */
static int action_of(const char *name, bool has_ret, uint32_t ret, const char *what,
		     const char *errno_what, uint32_t *out, struct hrun_error *err)
{
	for (size_t i = 0; name && i < sizeof actions / sizeof actions[0]; i++) {
		if (strcmp(name, actions[i].name) != 0)
			continue;
		if (!actions[i].has_data) {
			*out = actions[i].action;
			return 0;
		}
		if (has_ret && ret > 0xffff)
			return hrun_error_set(err, 0, "%s: %u is out of range (0 to 65535)",
					      errno_what, ret);
		*out = actions[i].action | (has_ret ? ret : EPERM);
		return 0;
	}
	return hrun_error_set(err, 0, "%s: unknown seccomp action \"%s\"", what, name ? name : "");
}

static int build_flags(const struct oci_seccomp *s, struct seccomp_filter *f,
		       struct hrun_error *err)
{
	for (size_t i = 0; i < s->n_flags; i++) {
		size_t j = 0;

		while (j < sizeof flags / sizeof flags[0] && strcmp(s->flags[i], flags[j].name))
			j++;
		if (j == sizeof flags / sizeof flags[0])
			return hrun_error_set(
				err, 0, "linux.seccomp.flags[%zu]: unknown seccomp flag \"%s\"", i,
				s->flags[i]);
		f->flags |= flags[j].flag;
	}
	return 0;
}

/* "SCMP_ARCH_X86_64" -> libseccomp's "x86_64". */
static int build_arches(const struct oci_seccomp *s, struct seccomp_program *p,
			struct hrun_error *err)
{
	p->arches = calloc(s->n_architectures + 1, sizeof *p->arches);
	if (!p->arches)
		return hrun_error_set(err, ENOMEM, "linux.seccomp.architectures");
	for (size_t i = 0; i < s->n_architectures; i++) {
		const char *oci = s->architectures[i];
		char *name = strdup(strncmp(oci, "SCMP_ARCH_", 10) == 0 ? oci + 10 : "");

		if (!name)
			return hrun_error_set(err, ENOMEM, "linux.seccomp.architectures");
		p->arches[p->n_arches++] = name;
		for (char *c = name; *c; c++)
			*c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
		if (!*name || seccomp_arch_resolve_name(name) == 0)
			return hrun_error_set(
				err, 0,
				"linux.seccomp.architectures[%zu]: unknown architecture \"%s\"", i,
				oci);
	}
	return 0;
}

static int add_skipped(struct seccomp_program *p, const char *name, struct hrun_error *err)
{
	char **v;

	for (size_t i = 0; i < p->n_skipped; i++)
		if (strcmp(p->skipped[i], name) == 0)
			return 0;
	v = realloc(p->skipped, (p->n_skipped + 2) * sizeof *v);
	if (!v)
		return hrun_error_set(err, ENOMEM, "linux.seccomp");
	p->skipped = v;
	v[p->n_skipped] = strdup(name);
	if (!v[p->n_skipped])
		return hrun_error_set(err, ENOMEM, "linux.seccomp");
	v[++p->n_skipped] = NULL;
	return 0;
}

static bool index_repeats(const struct oci_seccomp_syscall *sc)
{
	for (size_t i = 0; i < sc->n_args; i++)
		for (size_t j = 0; j < i; j++)
			if (sc->args[i].index == sc->args[j].index)
				return true;
	return false;
}

/* Add the rule(s) of one name: one rule with every arg, or one rule per
 * arg when an index repeats (libseccomp refuses two on one argument). */
static int add_name(struct seccomp_program *p, const struct oci_seccomp_syscall *sc,
		    const char *name, int nr, uint32_t action, const char *origin,
		    struct hrun_error *err)
{
	bool split = index_repeats(sc);
	size_t n_rules = split ? sc->n_args : 1;

	for (size_t r = 0; r < n_rules; r++) {
		struct seccomp_rule *rule = seccomp_program_add_rule(p, name, nr, action, origin);

		if (!rule)
			return hrun_error_set(err, ENOMEM, "%s", origin);
		for (size_t i = split ? r : 0; i < (split ? r + 1 : sc->n_args); i++)
			seccomp_rule_add_arg(rule, sc->args[i].index, operators[sc->args[i].op],
					     sc->args[i].value, sc->args[i].value_two);
	}
	return 0;
}

static int check_args(const struct oci_seccomp_syscall *sc, size_t idx, struct hrun_error *err)
{
	if (sc->n_args > SECCOMP_MAX_ARGS)
		return hrun_error_set(err, 0, "linux.seccomp.syscalls[%zu].args: at most %d", idx,
				      SECCOMP_MAX_ARGS);
	for (size_t i = 0; i < sc->n_args; i++) {
		if (sc->args[i].index >= SECCOMP_MAX_ARGS)
			return hrun_error_set(
				err, 0,
				"linux.seccomp.syscalls[%zu].args[%zu].index: %u is not 0 to 5",
				idx, i, sc->args[i].index);
		if ((unsigned)sc->args[i].op >= sizeof operators / sizeof operators[0])
			return hrun_error_set(err, 0,
					      "linux.seccomp.syscalls[%zu].args[%zu].op: unknown",
					      idx, i);
	}
	return 0;
}

static int build_syscall(struct seccomp_program *p, const struct oci_seccomp_syscall *sc,
			 size_t idx, struct hrun_error *err)
{
	char what[PATH_MAX_LEN], errno_what[PATH_MAX_LEN];
	uint32_t action;

	snprintf(what, sizeof what, "linux.seccomp.syscalls[%zu].action", idx);
	snprintf(errno_what, sizeof errno_what, "linux.seccomp.syscalls[%zu].errnoRet", idx);
	if (action_of(sc->action, sc->has_errno_ret, sc->errno_ret, what, errno_what, &action,
		      err) < 0 ||
	    check_args(sc, idx, err) < 0)
		return -1;
	for (size_t n = 0; n < sc->n_names; n++) {
		char origin[PATH_MAX_LEN];
		int nr = seccomp_syscall_resolve_name(sc->names[n]);

		if (nr == __NR_SCMP_ERROR) {
			if (add_skipped(p, sc->names[n], err) < 0)
				return -1;
			continue;
		}
		if (action == p->default_action)
			continue;
		snprintf(origin, sizeof origin, "linux.seccomp.syscalls[%zu].names[%zu]", idx, n);
		if (add_name(p, sc, sc->names[n], nr, action, origin, err) < 0)
			return -1;
	}
	return 0;
}

static int build_listener(const struct oci_seccomp *s, struct seccomp_filter *f,
			  const struct seccomp_program *p, struct hrun_error *err)
{
	if (!p->notify)
		return 0;
	if (!s->listener_path || !*s->listener_path)
		return hrun_error_set(
			err, 0, "linux.seccomp.listenerPath: required by SCMP_ACT_NOTIFY rules");
	f->listener_path = strdup(s->listener_path);
	if (s->listener_metadata)
		f->listener_metadata = strdup(s->listener_metadata);
	if (!f->listener_path || (s->listener_metadata && !f->listener_metadata))
		return hrun_error_set(err, ENOMEM, "linux.seccomp.listenerPath");
	return 0;
}

int seccomp_profile_build(const struct oci_spec *spec, struct seccomp_filter *f,
			  struct seccomp_program *p, struct hrun_error *err)
{
	const struct oci_seccomp *s = spec->linux_->seccomp;

	p->origin = strdup("linux.seccomp");
	if (!p->origin)
		return hrun_error_set(err, ENOMEM, "linux.seccomp");
	if (action_of(s->default_action, s->has_default_errno_ret, s->default_errno_ret,
		      "linux.seccomp.defaultAction", "linux.seccomp.defaultErrnoRet",
		      &p->default_action, err) < 0)
		return -1;
	if (p->default_action == SCMP_ACT_NOTIFY)
		return hrun_error_set(err, 0,
				      "linux.seccomp.defaultAction: SCMP_ACT_NOTIFY cannot be the "
				      "default action");
	if (build_flags(s, f, err) < 0 || build_arches(s, p, err) < 0)
		return -1;
	for (size_t i = 0; i < s->n_syscalls; i++)
		if (build_syscall(p, &s->syscalls[i], i, err) < 0)
			return -1;
	seccomp_enosys_build(s->syscalls, s->n_syscalls, p);
	if ((f->flags & SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV) && !p->notify)
		return hrun_error_set(err, 0,
				      "linux.seccomp.flags: SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV "
				      "needs SCMP_ACT_NOTIFY rules");
	return build_listener(s, f, p, err);
}

const char *seccomp_flag_name(unsigned int flag)
{
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (flags[i].flag == flag)
			return flags[i].name;
	return NULL;
}

/* The first name of a kind wins: KILL_THREAD is SCMP_ACT_KILL, as runc writes it. */
const char *seccomp_action_name(uint32_t action, bool *has_data)
{
	for (size_t i = 0; i < sizeof actions / sizeof actions[0]; i++)
		if ((actions[i].action & SECCOMP_RET_ACTION_FULL) ==
		    (action & SECCOMP_RET_ACTION_FULL)) {
			*has_data = actions[i].has_data;
			return actions[i].name;
		}
	return NULL;
}

size_t seccomp_known_flags(const char **names, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < sizeof flags / sizeof flags[0] && n < max; i++)
		names[n++] = flags[i].name;
	return n;
}
