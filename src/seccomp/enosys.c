/* SPDX-License-Identifier: GPL-2.0-or-later */
/* runc's ENOSYS rule for syscalls newer than the profile.
 *
 * A profile written before a syscall existed does not name it, so the
 * default action answers it -- EPERM from most profiles -- and glibc,
 * which falls back to the older call only on ENOSYS (clone3 -> clone,
 * faccessat2 -> faccessat, fchmodat2 -> fchmodat), breaks.  runc's rule,
 * kept here: per architecture, a syscall whose number is above the highest
 * one the profile names (whatever its action, known to libseccomp for that
 * arch) gets ENOSYS, as from a kernel that lacks it.  Not when the default
 * action lets syscalls through (ALLOW, LOG, TRACE: a tracer handles new
 * syscalls itself).  A hole below that number is the default action's, as
 * with runc.
 *
 * libseccomp has no such mode, and one rule per number above the highest
 * would be hundreds of comparisons per arch; so, as runc does, a short
 * prefix goes in front of libseccomp's program (its jumps are relative, and
 * it loads the arch itself first):
 *
 *       ld  [arch]
 *   per arch:
 *       jeq ARCH, 0, <next arch>
 *       ld  [nr]
 *       jset 0x40000000, <filter>, 0     (x86_64 only: x32 calls pass)
 *       jgt MAX, <enosys>, <filter>
 *       ja  <filter>                     (no arch of the list)
 *   enosys:
 *       ret ERRNO(ENOSYS)
 *   filter: libseccomp's program */
#include <errno.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "oci/spec.h"
#include "seccomp/seccomp_internal.h"
#include "util/error.h"

#define X32_SYSCALL_BIT 0x40000000u

static bool lets_through(uint32_t action)
{
	uint32_t kind = action & SECCOMP_RET_ACTION_FULL;

	return kind == SCMP_ACT_ALLOW || kind == SCMP_ACT_LOG || kind == SCMP_ACT_TRACE(0);
}

static void add_arch(struct seccomp_program *p, uint32_t arch,
		     const struct oci_seccomp_syscall *calls, size_t n)
{
	int max = -1;

	/* x32 shares x86_64's AUDIT_ARCH and numbers with a bit set: left
	 * to the profile (the jset above routes its calls past) */
	if (arch == 0 || arch == SCMP_ARCH_X32 || p->n_enosys == SECCOMP_MAX_ENOSYS)
		return;
	for (size_t i = 0; i < p->n_enosys; i++)
		if (p->enosys[i].arch == arch)
			return;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < calls[i].n_names; j++) {
			int nr = seccomp_syscall_resolve_name_arch(arch, calls[i].names[j]);

			if (nr > max)
				max = nr;
		}
	if (max > 0)
		p->enosys[p->n_enosys++] = (struct seccomp_enosys){arch, (uint32_t)max};
}

void seccomp_enosys_build(const struct oci_seccomp_syscall *calls, size_t n,
			  struct seccomp_program *p)
{
	p->n_enosys = 0;
	if (lets_through(p->default_action))
		return;
	add_arch(p, seccomp_arch_native(), calls, n);
	for (size_t i = 0; i < p->n_arches; i++)
		add_arch(p, seccomp_arch_resolve_name(p->arches[i]), calls, n);
}

static struct sock_filter stmt(uint16_t code, uint32_t k)
{
	return (struct sock_filter)BPF_STMT(code, k);
}

static struct sock_filter jump(uint16_t code, uint32_t k, size_t at, size_t jt, size_t jf)
{
	return (struct sock_filter)BPF_JUMP(code, k, (uint8_t)(jt - at - 1),
					    (uint8_t)(jf - at - 1));
}

static size_t section_len(const struct seccomp_enosys *e)
{
	return e->arch == AUDIT_ARCH_X86_64 ? 4 : 3;
}

int seccomp_enosys_prepend(struct seccomp_program *p, struct hrun_error *err)
{
	size_t n = 3, at = 0; /* ld arch; ja filter, ret ENOSYS */
	struct sock_filter *all;

	if (!p->n_enosys)
		return 0;
	for (size_t i = 0; i < p->n_enosys; i++)
		n += section_len(&p->enosys[i]);
	if (n + p->n_insns > BPF_MAXINSNS)
		return hrun_error_set(err, E2BIG, "%s: the BPF has %zu instructions", p->origin,
				      n + p->n_insns);
	all = malloc((n + p->n_insns) * sizeof *all);
	if (!all)
		return hrun_error_set(err, ENOMEM, "%s: the BPF", p->origin);
	const size_t enosys = n - 1, filter = n;

	all[at++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
	for (size_t i = 0; i < p->n_enosys; i++) {
		const struct seccomp_enosys *e = &p->enosys[i];
		size_t next = at + section_len(e);

		all[at] = jump(BPF_JMP | BPF_JEQ | BPF_K, e->arch, at, at + 1, next);
		at++;
		all[at++] = stmt(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
		if (e->arch == AUDIT_ARCH_X86_64) {
			all[at] = jump(BPF_JMP | BPF_JSET | BPF_K, X32_SYSCALL_BIT, at, filter,
				       at + 1);
			at++;
		}
		all[at] = jump(BPF_JMP | BPF_JGT | BPF_K, e->max, at, enosys, filter);
		at++;
	}
	all[at] = stmt(BPF_JMP | BPF_JA, (uint32_t)(filter - at - 1));
	at++;
	all[at++] = stmt(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS);
	memcpy(all + at, p->insns, p->n_insns * sizeof *all);
	free(p->insns);
	p->insns = all;
	p->n_insns += n;
	return 0;
}
