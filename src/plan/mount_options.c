/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "plan/mount_options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <stdint.h>

#include "util/error.h"

enum option_kind {
	OPT_SET,	 /* add the flag */
	OPT_CLEAR,	 /* remove the flag ("rw", "suid", ...) */
	OPT_PROPAGATION, /* the flag is the propagation value */
	OPT_BIND,	 /* the flag is MS_BIND [|MS_REC] */
	OPT_RSET,	 /* set the MOUNT_ATTR_* flag on the whole tree ("rro") */
	OPT_RCLEAR,	 /* clear it on the whole tree ("rrw") */
	OPT_RATIME,	 /* the MOUNT_ATTR__ATIME value of the whole tree ("rnoatime") */
	OPT_HRUN,	 /* not the kernel's: the flag is a MOUNT_OPT_* (tmpcopyup, idmap) */
};

struct option {
	const char *name;
	enum option_kind kind;
	unsigned long flag;
};

/* Order matters only for printing: set flags print in this order. */
static const struct option options[] = {
	{"ro", OPT_SET, MS_RDONLY},
	{"rw", OPT_CLEAR, MS_RDONLY},
	{"nosuid", OPT_SET, MS_NOSUID},
	{"suid", OPT_CLEAR, MS_NOSUID},
	{"nodev", OPT_SET, MS_NODEV},
	{"dev", OPT_CLEAR, MS_NODEV},
	{"noexec", OPT_SET, MS_NOEXEC},
	{"exec", OPT_CLEAR, MS_NOEXEC},
	{"sync", OPT_SET, MS_SYNCHRONOUS},
	{"async", OPT_CLEAR, MS_SYNCHRONOUS},
	{"dirsync", OPT_SET, MS_DIRSYNC},
	{"remount", OPT_SET, MS_REMOUNT},
	{"mand", OPT_SET, MS_MANDLOCK},
	{"nomand", OPT_CLEAR, MS_MANDLOCK},
	{"noatime", OPT_SET, MS_NOATIME},
	{"atime", OPT_CLEAR, MS_NOATIME},
	{"nodiratime", OPT_SET, MS_NODIRATIME},
	{"diratime", OPT_CLEAR, MS_NODIRATIME},
	{"relatime", OPT_SET, MS_RELATIME},
	{"norelatime", OPT_CLEAR, MS_RELATIME},
	{"strictatime", OPT_SET, MS_STRICTATIME},
	{"nostrictatime", OPT_CLEAR, MS_STRICTATIME},
	{"lazytime", OPT_SET, MS_LAZYTIME},
	{"nosymfollow", OPT_SET, MS_NOSYMFOLLOW},
	{"bind", OPT_BIND, MS_BIND},
	{"rbind", OPT_BIND, MS_BIND | MS_REC},
	{"private", OPT_PROPAGATION, MS_PRIVATE},
	{"rprivate", OPT_PROPAGATION, MS_PRIVATE | MS_REC},
	{"shared", OPT_PROPAGATION, MS_SHARED},
	{"rshared", OPT_PROPAGATION, MS_SHARED | MS_REC},
	{"slave", OPT_PROPAGATION, MS_SLAVE},
	{"rslave", OPT_PROPAGATION, MS_SLAVE | MS_REC},
	{"unbindable", OPT_PROPAGATION, MS_UNBINDABLE},
	{"runbindable", OPT_PROPAGATION, MS_UNBINDABLE | MS_REC},
	/* mount_setattr(2) with AT_RECURSIVE, after the mount (runc's names) */
	{"rro", OPT_RSET, MOUNT_ATTR_RDONLY},
	{"rrw", OPT_RCLEAR, MOUNT_ATTR_RDONLY},
	{"rnosuid", OPT_RSET, MOUNT_ATTR_NOSUID},
	{"rsuid", OPT_RCLEAR, MOUNT_ATTR_NOSUID},
	{"rnodev", OPT_RSET, MOUNT_ATTR_NODEV},
	{"rdev", OPT_RCLEAR, MOUNT_ATTR_NODEV},
	{"rnoexec", OPT_RSET, MOUNT_ATTR_NOEXEC},
	{"rexec", OPT_RCLEAR, MOUNT_ATTR_NOEXEC},
	{"rnodiratime", OPT_RSET, MOUNT_ATTR_NODIRATIME},
	{"rdiratime", OPT_RCLEAR, MOUNT_ATTR_NODIRATIME},
	{"rnosymfollow", OPT_RSET, MOUNT_ATTR_NOSYMFOLLOW},
	{"rsymfollow", OPT_RCLEAR, MOUNT_ATTR_NOSYMFOLLOW},
	{"rrelatime", OPT_RATIME, MOUNT_ATTR_RELATIME},
	{"rnoatime", OPT_RATIME, MOUNT_ATTR_NOATIME},
	{"rstrictatime", OPT_RATIME, MOUNT_ATTR_STRICTATIME},
	/* the negations of an atime mode fall back to the default, relatime */
	{"rnorelatime", OPT_RATIME, MOUNT_ATTR_RELATIME},
	{"ratime", OPT_RATIME, MOUNT_ATTR_RELATIME},
	{"rnostrictatime", OPT_RATIME, MOUNT_ATTR_RELATIME},
	{"tmpcopyup", OPT_HRUN, MOUNT_OPT_TMPCOPYUP},
	{"idmap", OPT_HRUN, MOUNT_OPT_IDMAP},
	{"ridmap", OPT_HRUN, MOUNT_OPT_IDMAP | MOUNT_OPT_RIDMAP},
};

#define N_OPTIONS (sizeof options / sizeof options[0])

static const struct option *option_find(const char *name)
{
	for (size_t i = 0; i < N_OPTIONS; i++)
		if (strcmp(options[i].name, name) == 0)
			return &options[i];
	return NULL;
}

static void option_apply(const struct option *o, struct mount_opts *out)
{
	switch (o->kind) {
	case OPT_SET:
		out->flags |= o->flag;
		out->clear &= ~o->flag;
		break;
	case OPT_CLEAR:
		out->flags &= ~o->flag;
		out->clear |= o->flag;
		break;
	case OPT_PROPAGATION: out->propagation = o->flag; break;
	case OPT_BIND:
		out->bind = true;
		out->recursive = (o->flag & MS_REC) != 0;
		break;
	case OPT_RSET:
		out->attr_set |= o->flag;
		out->attr_clr &= ~o->flag;
		break;
	case OPT_RCLEAR:
		out->attr_set &= ~o->flag;
		out->attr_clr |= o->flag;
		break;
	case OPT_RATIME:
		out->attr_set = (out->attr_set & ~(uint64_t)MOUNT_ATTR__ATIME) | o->flag;
		out->attr_clr |= MOUNT_ATTR__ATIME;
		break;
	case OPT_HRUN: out->hrun |= (unsigned)o->flag; break;
	}
}

/* Append `opt` to the comma-joined *data. */
static int data_append(char **data, const char *opt)
{
	size_t old = *data ? strlen(*data) : 0;
	size_t len = strlen(opt);
	char *s = realloc(*data, old + len + 2);

	if (!s)
		return -1;
	if (old)
		s[old++] = ',';
	memcpy(s + old, opt, len + 1);
	*data = s;
	return 0;
}

int mount_options_parse(char *const *opts, size_t n, struct mount_opts *out, struct hrun_error *err)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < n; i++) {
		const struct option *o = option_find(opts[i]);

		if (o) {
			option_apply(o, out);
			continue;
		}
		if (opts[i][0] == '\0')
			continue;
		if (data_append(&out->data, opts[i]) < 0) {
			free(out->data);
			out->data = NULL;
			return hrun_error_set(err, ENOMEM, "mount options");
		}
	}
	return 0;
}

size_t mount_options_names(unsigned long flags, const char **names, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < N_OPTIONS && n < max; i++)
		if (options[i].kind == OPT_SET && (flags & options[i].flag))
			names[n++] = options[i].name;
	return n;
}

int mount_propagation_parse(const char *name, unsigned long *out)
{
	const struct option *o = option_find(name);

	if (!o || o->kind != OPT_PROPAGATION)
		return -1;
	*out = o->flag;
	return 0;
}

int mount_options_attrs(unsigned long flags, uint64_t *set, uint64_t *clr)
{
	static const struct {
		unsigned long ms;
		uint64_t attr;
	} plain[] = {
		{MS_RDONLY, MOUNT_ATTR_RDONLY},		{MS_NOSUID, MOUNT_ATTR_NOSUID},
		{MS_NODEV, MOUNT_ATTR_NODEV},		{MS_NOEXEC, MOUNT_ATTR_NOEXEC},
		{MS_NODIRATIME, MOUNT_ATTR_NODIRATIME}, {MS_NOSYMFOLLOW, MOUNT_ATTR_NOSYMFOLLOW},
	};
	unsigned long atime = flags & (MS_NOATIME | MS_RELATIME | MS_STRICTATIME);

	*set = *clr = 0;
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		if (flags & plain[i].ms) {
			*set |= plain[i].attr;
			flags &= ~plain[i].ms;
		}
	if (atime) {
		if (atime & (atime - 1))
			return -1;
		*clr = MOUNT_ATTR__ATIME;
		*set |= atime == MS_NOATIME	  ? MOUNT_ATTR_NOATIME
			: atime == MS_STRICTATIME ? MOUNT_ATTR_STRICTATIME
						  : MOUNT_ATTR_RELATIME;
		flags &= ~atime;
	}
	return flags ? -1 : 0;
}

size_t mount_options_rattr_names(uint64_t set, uint64_t clr, const char **names, size_t max)
{
	bool atime = (clr & MOUNT_ATTR__ATIME) != 0; /* an atime mode still to name */
	size_t n = 0;

	for (size_t i = 0; i < N_OPTIONS && n < max; i++) {
		const struct option *o = &options[i];

		if ((o->kind == OPT_RSET && (set & o->flag)) ||
		    (o->kind == OPT_RCLEAR && (clr & o->flag)))
			names[n++] = o->name;
		else if (o->kind == OPT_RATIME && atime && (set & MOUNT_ATTR__ATIME) == o->flag) {
			names[n++] = o->name;
			atime = false;
		}
	}
	return n;
}

const char *mount_propagation_name(unsigned long propagation)
{
	for (size_t i = 0; i < N_OPTIONS; i++)
		if (options[i].kind == OPT_PROPAGATION && options[i].flag == propagation)
			return options[i].name;
	return NULL;
}

size_t mount_options_known(const char **names, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < N_OPTIONS && n < max; i++)
		names[n++] = options[i].name;
	return n;
}
