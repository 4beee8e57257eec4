/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "plan/mount_options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>

#include "util/error.h"

enum option_kind {
	OPT_SET,	 /* add the flag */
	OPT_CLEAR,	 /* remove the flag ("rw", "suid", ...) */
	OPT_PROPAGATION, /* the flag is the propagation value */
	OPT_BIND,	 /* the flag is MS_BIND [|MS_REC] */
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
