/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Installing the compiled programs with the raw seccomp(2) syscall, and,
 * on the host beforehand, checking that this kernel takes the flags and
 * actions they use: a clear error at create time rather than EINVAL from
 * the workload child. */
#include <errno.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "seccomp/seccomp.h"
#include "seccomp/seccomp_internal.h"
#include "util/error.h"

int seccomp_syscall(unsigned int op, unsigned int flags, void *arg)
{
	return (int)syscall(SYS_seccomp, op, flags, arg);
}

int seccomp_install_program(const struct seccomp_program *p, unsigned int flags)
{
	struct sock_fprog prog = {
		.len = (unsigned short)p->n_insns,
		.filter = p->insns,
	};

	return seccomp_syscall(SECCOMP_SET_MODE_FILTER, flags, &prog);
}

/* The flags every program is installed with; the notifying one adds its own. */
unsigned int seccomp_base_flags(const struct seccomp_filter *f)
{
	return f->flags & ~(unsigned int)SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV;
}

unsigned int seccomp_listener_flags(const struct seccomp_filter *f)
{
	unsigned int flags = f->flags | SECCOMP_FILTER_FLAG_NEW_LISTENER;

	/* TSYNC reports a thread it cannot sync by its tid, which would be
	 * mistaken for the listener fd: ESRCH instead */
	if (flags & SECCOMP_FILTER_FLAG_TSYNC)
		flags |= SECCOMP_FILTER_FLAG_TSYNC_ESRCH;
	return flags;
}

/* The profile's flags by their names; the two hrun adds, with the reason. */
static const char *flag_name(unsigned int flag)
{
	const char *name;

	switch (flag) {
	case SECCOMP_FILTER_FLAG_NEW_LISTENER:
		return "SECCOMP_FILTER_FLAG_NEW_LISTENER (for SCMP_ACT_NOTIFY)";
	case SECCOMP_FILTER_FLAG_TSYNC_ESRCH:
		return "SECCOMP_FILTER_FLAG_TSYNC_ESRCH (for TSYNC with SCMP_ACT_NOTIFY)";
	}
	name = seccomp_flag_name(flag);
	return name ? name : "an unknown seccomp flag";
}

/* A NULL program makes the kernel fail with EFAULT once the flags passed
 * its check, and EINVAL when it does not know one (libseccomp probes the
 * same way).  WAIT_KILLABLE_RECV is only valid with NEW_LISTENER. */
static int check_flags(unsigned int flags, struct hrun_error *err)
{
	for (unsigned int bit = 1; bit && bit <= flags; bit <<= 1) {
		unsigned int probe = bit;

		if (!(flags & bit))
			continue;
		if (bit == SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV)
			probe |= SECCOMP_FILTER_FLAG_NEW_LISTENER;
		if (seccomp_syscall(SECCOMP_SET_MODE_FILTER, probe, NULL) == 0 || errno != EFAULT)
			return hrun_error_set(
				err, EINVAL,
				"linux.seccomp.flags: %s is not supported by this kernel",
				flag_name(bit));
	}
	return 0;
}

/* Each kind of action once, named by the first rule that uses it. */
struct checked {
	uint32_t rets[16];
	size_t n;
};

static int check_action(struct checked *c, uint32_t action, const char *origin,
			struct hrun_error *err)
{
	uint32_t ret = action & SECCOMP_RET_ACTION_FULL;
	const char *name;
	bool has_data;

	for (size_t i = 0; i < c->n; i++)
		if (c->rets[i] == ret)
			return 0;
	if (seccomp_syscall(SECCOMP_GET_ACTION_AVAIL, 0, &ret) < 0) {
		int code = errno == EOPNOTSUPP ? ENOSYS : errno;

		name = seccomp_action_name(action, &has_data);
		return hrun_error_set(err, code, "%s: %s is not supported by this kernel", origin,
				      name ? name : "SCMP_ACT_ALLOW");
	}
	if (c->n < sizeof c->rets / sizeof c->rets[0])
		c->rets[c->n++] = ret;
	return 0;
}

static int check_program(struct checked *c, const struct seccomp_program *p, struct hrun_error *err)
{
	if (check_action(c, p->default_action, p->origin, err) < 0)
		return -1;
	for (size_t i = 0; i < p->n_rules; i++)
		if (check_action(c, p->rules[i].action, p->rules[i].origin, err) < 0)
			return -1;
	return 0;
}

int seccomp_filter_check_kernel(const struct seccomp_filter *f, struct hrun_error *err)
{
	unsigned int flags = seccomp_base_flags(f);
	struct checked c = {.n = 0};

	for (size_t i = 0; i < f->n_programs; i++) {
		if (f->programs[i].notify)
			flags |= seccomp_listener_flags(f);
		if (check_program(&c, &f->programs[i], err) < 0)
			return -1;
	}
	return check_flags(flags, err);
}

static bool notifies(const struct seccomp_filter *f)
{
	for (size_t i = 0; i < f->n_programs; i++)
		if (f->programs[i].notify)
			return true;
	return false;
}

/* Every program in order; the notifying one with a listener only when h
 * is there to hand it over. */
static int install_programs(const struct seccomp_filter *f, struct handoff *h,
			    struct hrun_error *err)
{
	for (size_t i = 0; i < f->n_programs; i++) {
		const struct seccomp_program *p = &f->programs[i];
		bool listen = h && p->notify;
		int r = -1;

		if (p->insns)
			r = seccomp_install_program(p, listen ? seccomp_listener_flags(f)
							      : seccomp_base_flags(f));
		else
			errno = EINVAL;
		if (listen)
			seccomp_listener_handoff(h, r);
		if (r < 0) {
			int saved = errno;

			if (h && !listen)
				seccomp_listener_handoff(h, -1);
			errno = saved;
			return hrun_error_errno(err, "install the seccomp filter (%s)", p->origin);
		}
	}
	return 0;
}

/* The helper starts first, so that no program ever applies to it. */
int seccomp_filter_install(const struct seccomp_filter *f, struct hrun_error *err)
{
	struct handoff *h = NULL;

	if (notifies(f) && !(h = seccomp_listener_helper(f, err)))
		return -1;
	return install_programs(f, h, err);
}

int seccomp_filter_install_unlistened(const struct seccomp_filter *f, struct hrun_error *err)
{
	return install_programs(f, NULL, err);
}
