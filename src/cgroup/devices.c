/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linux.resources.devices: the rules, in order, then the devices every
 * container may use (as runc and crun append them), applied as v1
 * devices.allow/devices.deny lines or as the v2 eBPF filter
 * (devices_ebpf.c).  Later rules override earlier ones on both. */
#include "cgroup/internal.h"
#include "oci/spec.h"
#include "util/cleanup.h"

#include <inttypes.h>
#include <linux/bpf.h>
#include <stdlib.h>
#include <string.h>

#define RWM (CG_DEV_READ | CG_DEV_WRITE | CG_DEV_MKNOD)

static const struct cg_dev_rule default_rules[] = {
	{true, 'c', -1, -1, CG_DEV_MKNOD}, /* mknod of any device */
	{true, 'b', -1, -1, CG_DEV_MKNOD},
	{true, 'c', 1, 3, RWM},	   /* /dev/null */
	{true, 'c', 1, 8, RWM},	   /* /dev/random */
	{true, 'c', 1, 7, RWM},	   /* /dev/full */
	{true, 'c', 5, 0, RWM},	   /* /dev/tty */
	{true, 'c', 1, 5, RWM},	   /* /dev/zero */
	{true, 'c', 1, 9, RWM},	   /* /dev/urandom */
	{true, 'c', 5, 1, RWM},	   /* /dev/console */
	{true, 'c', 136, -1, RWM}, /* /dev/pts/N */
	{true, 'c', 5, 2, RWM},	   /* /dev/ptmx */
	{true, 'c', 10, 200, RWM}, /* /dev/net/tun */
};
#define N_DEFAULT (sizeof default_rules / sizeof default_rules[0])

static int rule_from_oci(const struct oci_device_cgroup *d, size_t i, struct cg_dev_rule *r,
			 struct hrun_error *err)
{
	const char *access = d->access && *d->access ? d->access : "rwm";

	*r = (struct cg_dev_rule){.allow = d->allow,
				  .type = d->type ? d->type : 'a',
				  .major = d->has_major ? d->major : -1,
				  .minor = d->has_minor ? d->minor : -1};
	if (!strchr("acb", r->type))
		return hrun_error_set(err, 0, "devices[%zu]: type `%c` is not one of a, c, b", i,
				      r->type);
	if ((d->has_major && d->major < 0) || (d->has_minor && d->minor < 0) ||
	    r->major > UINT32_MAX || r->minor > UINT32_MAX)
		return hrun_error_set(err, 0, "devices[%zu]: invalid device number", i);
	for (const char *a = access; *a; a++) {
		const char *bits = "rwm";
		const char *p = strchr(bits, *a);
		if (!p)
			return hrun_error_set(err, 0,
					      "devices[%zu]: access `%s` is not made of r, w, m", i,
					      access);
		r->access |= 1u << (p - bits);
	}
	return 0;
}

int cg_dev_rules(const struct oci_resources *res, struct cg_dev_rule **rules, size_t *n,
		 struct hrun_error *err)
{
	_cleanup_free_ struct cg_dev_rule *out = NULL;
	size_t count = res ? res->n_devices : 0;

	*rules = NULL;
	*n = 0;
	if (count == 0)
		return 0;
	out = calloc(count + N_DEFAULT, sizeof *out);
	if (!out)
		return hrun_error_set(err, ENOMEM, "device rules");
	for (size_t i = 0; i < count; i++)
		if (rule_from_oci(&res->devices[i], i, &out[i], err) < 0)
			return -1;
	memcpy(out + count, default_rules, sizeof default_rules);
	*rules = steal_pointer(&out);
	*n = count + N_DEFAULT;
	return 0;
}

static void dev_number(int64_t v, char *buf, size_t size)
{
	if (v < 0)
		snprintf(buf, size, "*");
	else
		snprintf(buf, size, "%" PRId64, v);
}

void cg_dev_rule_line(const struct cg_dev_rule *r, char *buf, size_t size)
{
	char major[24], minor[24], access[4] = "";
	size_t k = 0;

	/* the kernel reads a leading "a" as every device and every access */
	if (r->type == 'a') {
		snprintf(buf, size, "a");
		return;
	}
	if (r->access & CG_DEV_READ)
		access[k++] = 'r';
	if (r->access & CG_DEV_WRITE)
		access[k++] = 'w';
	if (r->access & CG_DEV_MKNOD)
		access[k++] = 'm';
	dev_number(r->major, major, sizeof major);
	dev_number(r->minor, minor, sizeof minor);
	snprintf(buf, size, "%c %s:%s %s", r->type, major, minor, access);
}

/* Everything starts allowed: only a deny rule changes that. */
bool cg_dev_rules_restrict(const struct cg_dev_rule *rules, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!rules[i].allow)
			return true;
	return false;
}

/* One rule per write(2), each file opened once (a stand-in tree's files
 * are rewritten each time: they keep the last rule, as before). */
static int devices_v1(const char *dir, bool fake, const struct cg_dev_rule *rules, size_t n,
		      struct hrun_error *err)
{
	_cleanup_close_ int allow = -1, deny = -1;

	for (size_t i = 0; i < n; i++) {
		const char *file = rules[i].allow ? "devices.allow" : "devices.deny";
		int *fd = rules[i].allow ? &allow : &deny;
		char line[64];

		cg_dev_rule_line(&rules[i], line, sizeof line);
		if (fake) {
			if (cg_write(dir, file, line, true, err) < 0)
				return -1;
			continue;
		}
		if (*fd < 0 && (*fd = cg_open_write(dir, file, false, err)) < 0)
			return -1;
		if (cg_write_fd(*fd, dir, file, line, err) < 0)
			return -1;
	}
	return 0;
}

static int devices_v2(const struct cgroup *cg, const struct cg_dev_rule *rules, size_t n,
		      struct hrun_error *err)
{
	_cleanup_free_ struct bpf_insn *insns = NULL;
	size_t n_insns;

	if (cg_bpf_devices(rules, n, &insns, &n_insns, err) < 0)
		return -1;
	/* a stand-in directory cannot hold a program */
	if (cg->layout.fake)
		return 0;
	return cg_bpf_attach(cg->v2_fd, cg_v2_dir(cg), insns, n_insns, err);
}

int cg_devices_apply(const struct cgroup *cg, const struct oci_resources *res,
		     struct hrun_error *err)
{
	_cleanup_free_ struct cg_dev_rule *rules = NULL;
	size_t n;
	const char *v1 = cg->layout.mode == CGROUP_MODE_V2 ? NULL : cg_v1_dir(cg, CG_DEVICES);

	if (cg_dev_rules(res, &rules, &n, err) < 0)
		return -1;
	if (n == 0)
		return 0;
	if (v1)
		return devices_v1(v1, cg->layout.fake, rules, n, err);
	if (cg_v2_dir(cg))
		return devices_v2(cg, rules, n, err);
	if (cg_dev_rules_restrict(rules, n))
		return hrun_error_set(err, 0,
				      "cgroup controller `devices` is not available on this host");
	return 0;
}

bool cgroup_devices_enforced(const struct cgroup *cg, const struct oci_resources *res)
{
	if (!cg || cg->manager == CGROUP_MANAGER_DISABLED || !res || res->n_devices == 0)
		return false;
	if (cg->layout.mode == CGROUP_MODE_V2)
		return cg_v2_dir(cg) != NULL;
	return cg_v1_dir(cg, CG_DEVICES) != NULL;
}
