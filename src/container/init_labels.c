/* SPDX-License-Identifier: GPL-2.0-or-later */
/* process.apparmorProfile and process.selinuxLabel: the labels the
 * workload's execve takes on.
 *
 * The init writes them as its own exec labels, which fork passes on and
 * only an execve consumes (the init never execs).  It does so after the
 * createContainer hooks (which must not run confined) and while the
 * host's /proc is still there: a /proc of the container's making
 * could swallow the write (CVE-2019-16884).  The runtime has checked that
 * the host has the LSM (runtime/host_check.c). */
#include "container/init_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "container/sys.h"
#include "plan/plan.h"

/* The host's /proc: at /host in the intermediate root, at /proc when the
 * init went back to the host's tree for the create hooks. */
#define ATTR_DIR "/proc/thread-self/attr/"

static const char *attr_path(const struct init_ctx *c, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s" ATTR_DIR "%s", c->at_host ? "" : INIT_HOST, name);
	return buf;
}

/* Stacked LSMs have attr/apparmor/exec (Linux 5.1); older ones attr/exec. */
static int set_apparmor(const struct init_ctx *c, const char *profile, struct hrun_error *err)
{
	const struct sys *k = c->st.k;
	char text[4096], path[64];
	int n = snprintf(text, sizeof text, "exec %s", profile);

	if (n < 0 || (size_t)n >= sizeof text)
		return hrun_error_set(err, ENAMETOOLONG, "process.apparmorProfile");
	if (k->write_file(attr_path(c, "apparmor/exec", path, sizeof path), text, (size_t)n) == 0 ||
	    (errno == ENOENT &&
	     k->write_file(attr_path(c, "exec", path, sizeof path), text, (size_t)n) == 0))
		return 0;
	return hrun_error_errno(err, "process.apparmorProfile: cannot set `%s`", profile);
}

int init_set_labels(struct init_ctx *c, struct hrun_error *err)
{
	const struct sys *k = c->st.k;
	const struct plan_attrs *a = &c->st.plan->process.attrs;
	char path[64];

	if (a->apparmor_profile && set_apparmor(c, a->apparmor_profile, err) < 0)
		return -1;
	if (a->selinux_label && k->write_file(attr_path(c, "exec", path, sizeof path),
					      a->selinux_label, strlen(a->selinux_label)) < 0)
		return hrun_error_errno(err, "process.selinuxLabel: cannot set `%s`",
					a->selinux_label);
	return 0;
}
