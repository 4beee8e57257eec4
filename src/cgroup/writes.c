/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The list of cgroup file writes, and the one loop that performs them.
 *
 * The translators (resources_v1.c, resources_v2.c) only say what to write;
 * this file decides where: each entry goes to the directory of the
 * hierarchy holding its controller.  A controller the host lacks is an
 * error only when the entry asks for more than the kernel's default. */
#include "cgroup/internal.h"
#include "util/cleanup.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void cg_writes_add(struct cg_writes *l, enum cg_ctrl ctrl, unsigned flags, const char *file,
		   const char *fmt, ...)
{
	struct cg_write *w;
	va_list ap;

	if (l->nomem || !(w = realloc(l->w, (l->n + 1) * sizeof *w))) {
		l->nomem = true;
		return;
	}
	l->w = w;
	w += l->n;
	*w = (struct cg_write){.ctrl = ctrl, .flags = flags, .file = strdup(file)};
	va_start(ap, fmt);
	if (vasprintf(&w->value, fmt, ap) < 0)
		w->value = NULL;
	va_end(ap);
	l->n++;
	if (!w->file || !w->value)
		l->nomem = true;
}

void cg_writes_alt(struct cg_writes *l, const char *file, const char *fmt, ...)
{
	struct cg_write *w = l->n ? &l->w[l->n - 1] : NULL;
	va_list ap;

	if (l->nomem || !w)
		return;
	w->alt_file = strdup(file);
	va_start(ap, fmt);
	if (vasprintf(&w->alt_value, fmt, ap) < 0)
		w->alt_value = NULL;
	va_end(ap);
	if (!w->alt_file || !w->alt_value)
		l->nomem = true;
}

void cg_writes_free(struct cg_writes *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->w[i].file);
		free(l->w[i].value);
		free(l->w[i].alt_file);
		free(l->w[i].alt_value);
	}
	free(l->w);
	*l = (struct cg_writes){0};
}

/* Where an entry goes, NULL when the host lacks its controller. */
static const char *target_dir(const struct cgroup *cg, const struct cg_write *w, unsigned v2_avail)
{
	if (!(w->flags & CG_W_V2) && cg->layout.mode != CGROUP_MODE_V2) {
		const char *dir = cg_v1_dir(cg, w->ctrl);

		/* write_one then takes the alternative: the file is not there */
		if (!dir && (w->flags & CG_W_V2_ALT) && cg->layout.mode == CGROUP_MODE_HYBRID &&
		    (v2_avail & CG_BIT(w->ctrl)))
			return cg_v2_dir(cg);
		return dir;
	}
	if (w->ctrl != CG_CORE && !(v2_avail & CG_BIT(w->ctrl)))
		return NULL;
	return cg_v2_dir(cg);
}

static int write_one(const struct cgroup *cg, const char *dir, const struct cg_write *w,
		     struct hrun_error *err)
{
	bool fake = cg->layout.fake;

	/* io.bfq.weight or io.weight, blkio.weight or blkio.bfq.weight: the
	 * scheduler decides which one the kernel shows */
	if (w->alt_file && !cg_exists(dir, w->file))
		return cg_write(dir, w->alt_file, w->alt_value, fake, err);
	return cg_write(dir, w->file, w->value, fake, err);
}

static int missing(const struct cgroup *cg, const struct cg_write *w, struct hrun_error *err)
{
	bool v2 = (w->flags & CG_W_V2) || cg->layout.mode == CGROUP_MODE_V2;

	if (w->flags & CG_W_DEFAULT)
		return 0;
	if (v2 && !cg_v2_dir(cg))
		return hrun_error_set(
			err, 0, "`%s` needs cgroup v2, which this host does not mount", w->file);
	return hrun_error_set(
		err, 0, "cgroup controller `%s` is not available on this host (needed for `%s`)",
		cg_ctrl_name(w->ctrl, v2), w->file);
}

int cg_writes_apply(const struct cgroup *cg, const struct cg_writes *l, struct hrun_error *err)
{
	unsigned v2_avail = cg_v2_available(cg);

	if (l->nomem)
		return hrun_error_set(err, ENOMEM, "cgroup limits");
	for (size_t i = 0; i < l->n; i++) {
		const struct cg_write *w = &l->w[i];
		const char *dir = target_dir(cg, w, v2_avail);

		if (!dir) {
			if (missing(cg, w, err) < 0)
				return -1;
			continue;
		}
		if (write_one(cg, dir, w, err) == 0)
			continue;
		if (err->code == ENOENT && (w->flags & CG_W_DEFAULT))
			continue;
		/* e.g. memory.limit_in_bytes above memory.memsw.limit_in_bytes:
		 * raise the other one first */
		const char *next = i + 1 < l->n ? target_dir(cg, &l->w[i + 1], v2_avail) : NULL;
		if ((w->flags & CG_W_SWAP_NEXT) && next &&
		    (err->code == EINVAL || err->code == EBUSY)) {
			if (write_one(cg, next, &l->w[i + 1], err) < 0 ||
			    write_one(cg, dir, w, err) < 0)
				return -1;
			i++;
			continue;
		}
		return -1;
	}
	return 0;
}
