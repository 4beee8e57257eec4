/* SPDX-License-Identifier: GPL-2.0-or-later */
/* process.apparmorProfile and process.selinuxLabel: the labels the
 * workload's execve takes on.
 *
 * The init writes them as its own exec labels, which fork passes on and
 * only an execve consumes (the init never execs).  It does so after the
 * createContainer hooks (which must not run confined) and while the
 * host's /proc is still there: a /proc of the container's making
 * could swallow the write (CVE-2019-16884).  `exec`'s middle process does
 * the same before it joins the container's namespaces (container/exec.c).
 * The runtime has checked that the host has the LSM
 * (runtime/host_check.c). */
#include "container/init_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "container/sys.h"
#include "plan/plan.h"

/* The calling thread's own attributes, through the host's /proc below
 * `root` (the write goes to the file of the thread that opens it). */
#define ATTR_DIR "/proc/thread-self/attr/"

static const char *attr_path(const char *root, const char *name, char *buf, size_t len)
{
	snprintf(buf, len, "%s" ATTR_DIR "%s", root, name);
	return buf;
}

/* Stacked LSMs have attr/apparmor/exec (Linux 5.1); older ones attr/exec. */
static int set_apparmor(const struct sys *k, const char *root, const char *profile,
			struct hrun_error *err)
{
	char text[4096], path[64];
	int n = snprintf(text, sizeof text, "exec %s", profile);

	if (n < 0 || (size_t)n >= sizeof text)
		return hrun_error_set(err, ENAMETOOLONG, "process.apparmorProfile");
	if (k->write_file(attr_path(root, "apparmor/exec", path, sizeof path), text, (size_t)n) == 0 ||
	    (errno == ENOENT &&
	     k->write_file(attr_path(root, "exec", path, sizeof path), text, (size_t)n) == 0))
		return 0;
	return hrun_error_errno(err, "process.apparmorProfile: cannot set `%s`", profile);
}

int labels_set_exec(const struct sys *k, const char *root, const struct plan_attrs *a,
		    struct hrun_error *err)
{
	char path[64];

	if (a->apparmor_profile && set_apparmor(k, root, a->apparmor_profile, err) < 0)
		return -1;
	if (a->selinux_label && k->write_file(attr_path(root, "exec", path, sizeof path),
					      a->selinux_label, strlen(a->selinux_label)) < 0)
		return hrun_error_errno(err, "process.selinuxLabel: cannot set `%s`",
					a->selinux_label);
	return 0;
}

/* The host's /proc: at /host in the intermediate root, at /proc when the
 * init went back to the host's tree for the create hooks. */
int init_set_labels(struct init_ctx *c, struct hrun_error *err)
{
	return labels_set_exec(c->st.k, c->at_host ? "" : INIT_HOST, &c->st.plan->process.attrs,
			       err);
}
