/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Capabilities: the bounding and ambient sets through prctl, the
 * effective/permitted/inheritable sets through libcap. */
#include <errno.h>
#include <stdint.h>
#include <sys/capability.h>
#include <sys/prctl.h>

#include "container/sys_internal.h"
#include "plan/plan.h"

/* Whether the kernel takes cap in PR_CAPBSET_READ: 1, 0 (EINVAL: past
 * its last), -1 on another error. */
static int kernel_knows(int cap)
{
	if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) >= 0)
		return 1;
	return errno == EINVAL ? 0 : -1;
}

/* The highest capability the kernel knows, asked of the kernel itself:
 * PR_CAPBSET_READ fails with EINVAL past it.  Never from
 * /proc/sys/kernel/cap_last_cap, which `exec` would read through the
 * container's /proc: a file the workload bound there saying 0 would leave
 * the whole bounding set to the exec'd process (CVE-2019-16884 family).
 * libcap found it the same way when hrun started (cap_max_bits): two
 * reads confirm that guess; a binary search when they do not. */
int direct_cap_last_cap(void)
{
	int lo = 0, hi = 63, guess = (int)cap_max_bits() - 1, r;

	if (guess >= 0 && guess < hi && kernel_knows(guess) == 1 && kernel_knows(guess + 1) == 0)
		return guess;
	if (kernel_knows(0) != 1)
		return -1;
	/* the last cap the kernel takes, in [lo, hi] */
	while (lo < hi) {
		int mid = (lo + hi + 1) / 2;

		if ((r = kernel_knows(mid)) < 0)
			return -1;
		if (r)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

int direct_cap_bset_drop(int cap)
{
	return prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
}

int direct_cap_ambient_clear(void)
{
	return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
}

int direct_cap_ambient_raise(int cap)
{
	return prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0);
}

static int set_flag(cap_t c, cap_flag_t flag, uint64_t mask)
{
	for (cap_value_t v = 0; v < 64; v++)
		if ((mask & (UINT64_C(1) << v)) && cap_set_flag(c, flag, 1, &v, CAP_SET) < 0)
			return -1;
	return 0;
}

int direct_capset(const struct plan_caps *caps)
{
	cap_t c = cap_init();
	int r = -1;

	if (!c)
		return -1;
	if (set_flag(c, CAP_EFFECTIVE, caps->effective) == 0 &&
	    set_flag(c, CAP_PERMITTED, caps->permitted) == 0 &&
	    set_flag(c, CAP_INHERITABLE, caps->inheritable) == 0)
		r = cap_set_proc(c);
	int saved = errno;

	cap_free(c);
	errno = saved;
	return r;
}
