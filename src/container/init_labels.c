/* SPDX-License-Identifier: GPL-2.0-or-later */
/* process.apparmorProfile and process.selinuxLabel: the labels the
 * workload's execve takes on.
 *
 * The init writes them as its own exec labels, which fork passes on and
 * only an execve consumes (the init never execs).  It does so after the
 * createContainer hooks (which must not run confined) and while the
 * host's /proc is still at /host/proc: a /proc of the container's making
 * could swallow the write (CVE-2019-16884).  The runtime has checked that
 * the host has the LSM (runtime/host_check.c). */
#include "container/init_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "container/sys.h"
#include "plan/plan.h"

#define ATTR_DIR INIT_HOST "/proc/thread-self/attr/"

/* Stacked LSMs have attr/apparmor/exec (Linux 5.1); older ones attr/exec. */
static int set_apparmor(const struct sys *k, const char *profile, struct hrun_error *err)
{
	char text[4096];
	int n = snprintf(text, sizeof text, "exec %s", profile);

	if (n < 0 || (size_t)n >= sizeof text)
		return hrun_error_set(err, ENAMETOOLONG, "process.apparmorProfile");
	if (k->write_file(ATTR_DIR "apparmor/exec", text, (size_t)n) == 0 ||
	    (errno == ENOENT && k->write_file(ATTR_DIR "exec", text, (size_t)n) == 0))
		return 0;
	return hrun_error_errno(err, "process.apparmorProfile: cannot set `%s`", profile);
}

int init_set_labels(struct init_ctx *c, struct hrun_error *err)
{
	const struct sys *k = c->st.k;
	const struct plan_attrs *a = &c->st.plan->process.attrs;

	if (a->apparmor_profile && set_apparmor(k, a->apparmor_profile, err) < 0)
		return -1;
	if (a->selinux_label &&
	    k->write_file(ATTR_DIR "exec", a->selinux_label, strlen(a->selinux_label)) < 0)
		return hrun_error_errno(err, "process.selinuxLabel: cannot set `%s`",
					a->selinux_label);
	return 0;
}
