/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A program -> classic BPF, all of it by libseccomp: the filter context,
 * the arch checks, the syscall numbers per arch.  libseccomp 2.5 can only
 * export to an fd (seccomp_export_bpf_mem is 2.6), so the program goes
 * through a memfd. */
#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "seccomp/seccomp_internal.h"
#include "util/cleanup.h"
#include "util/error.h"

static void ctx_releasep(scmp_filter_ctx *ctx)
{
	if (*ctx)
		seccomp_release(*ctx);
}
#define _cleanup_ctx_ __attribute__((cleanup(ctx_releasep)))

static int add_arches(scmp_filter_ctx ctx, const struct seccomp_program *p, struct hrun_error *err)
{
	for (size_t i = 0; i < p->n_arches; i++) {
		uint32_t arch = seccomp_arch_resolve_name(p->arches[i]);
		int r = arch ? seccomp_arch_add(ctx, arch) : -EINVAL;

		if (r < 0 && r != -EEXIST)
			return hrun_error_set(err, -r, "%s: add architecture `%s`", p->origin,
					      p->arches[i]);
	}
	return 0;
}

static int add_rule(scmp_filter_ctx ctx, const struct seccomp_rule *rule, struct hrun_error *err)
{
	struct scmp_arg_cmp args[SECCOMP_MAX_ARGS];
	int r;

	for (unsigned int i = 0; i < rule->n_args; i++)
		args[i] = (struct scmp_arg_cmp){.arg = rule->args[i].arg,
						.op = (enum scmp_compare)rule->args[i].op,
						.datum_a = rule->args[i].a,
						.datum_b = rule->args[i].b};
	if (rule->exact_optional) {
		seccomp_rule_add_exact_array(ctx, rule->action, rule->nr, rule->n_args, args);
		return 0;
	}
	r = seccomp_rule_add_array(ctx, rule->action, rule->nr, rule->n_args, args);
	if (r == -EEXIST)
		return hrun_error_set(
			err, 0, "%s: `%s` conflicts with an earlier rule for the same arguments",
			rule->origin, rule->name);
	if (r < 0)
		return hrun_error_set(err, -r, "%s: add rule for `%s`", rule->origin, rule->name);
	return 0;
}

/* The binary tree (optimize level 2) keeps a large allowlist such as
 * podman's at a few comparisons per syscall instead of hundreds. */
static scmp_filter_ctx build_ctx(const struct seccomp_program *p, struct hrun_error *err)
{
	scmp_filter_ctx ctx = seccomp_init(p->default_action);

	if (!ctx) {
		hrun_error_set(err, EINVAL, "%s: seccomp_init", p->origin);
		return NULL;
	}
	if (seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2) < 0) {
		hrun_error_set(err, EINVAL, "%s: set the optimization level", p->origin);
		goto fail;
	}
	if (add_arches(ctx, p, err) < 0)
		goto fail;
	for (size_t i = 0; i < p->n_rules; i++)
		if (add_rule(ctx, &p->rules[i], err) < 0)
			goto fail;
	return ctx;
fail:
	seccomp_release(ctx);
	return NULL;
}

static int export_ctx(scmp_filter_ctx ctx, struct seccomp_program *p, struct hrun_error *err)
{
	_cleanup_close_ int fd = memfd_create("hrun-seccomp", MFD_CLOEXEC);
	struct stat st;
	int r;

	if (fd < 0)
		return hrun_error_errno(err, "%s: memfd for the BPF", p->origin);
	r = seccomp_export_bpf(ctx, fd);
	if (r < 0)
		return hrun_error_set(err, -r, "%s: export the BPF", p->origin);
	if (fstat(fd, &st) < 0)
		return hrun_error_errno(err, "%s: export the BPF", p->origin);
	if (st.st_size <= 0 || st.st_size % (off_t)sizeof(struct sock_filter) != 0 ||
	    st.st_size / (off_t)sizeof(struct sock_filter) > BPF_MAXINSNS)
		return hrun_error_set(err, E2BIG, "%s: the BPF has %lld bytes", p->origin,
				      (long long)st.st_size);
	free(p->insns);
	p->insns = malloc((size_t)st.st_size);
	if (!p->insns)
		return hrun_error_set(err, ENOMEM, "%s: the BPF", p->origin);
	p->n_insns = (size_t)st.st_size / sizeof(struct sock_filter);
	if (seccomp_pread_full(fd, p->insns, (size_t)st.st_size, 0) < 0)
		return hrun_error_errno(err, "%s: read the exported BPF", p->origin);
	return 0;
}

int seccomp_program_compile(struct seccomp_program *p, struct hrun_error *err)
{
	_cleanup_ctx_ scmp_filter_ctx ctx = build_ctx(p, err);

	if (!ctx || export_ctx(ctx, p, err) < 0)
		return -1;
	return seccomp_enosys_prepend(p, err);
}
