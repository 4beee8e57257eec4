/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the compiled programs answer to a syscall, without installing
 * them: the kernel's classic BPF, run here over a struct seccomp_data the
 * way seccomp runs it.  The init asks before it puts itself under the
 * workload's filter (container/sys_process.c): a filter that would deny
 * the few calls the init's reaper makes must not stop it reaping. */
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdbool.h>
#include <string.h>

#include "seccomp/seccomp.h"

#define KILL SECCOMP_RET_KILL_PROCESS

static bool jump_taken(const struct sock_filter *f, uint32_t a, uint32_t x)
{
	uint32_t v = BPF_SRC(f->code) == BPF_X ? x : f->k;

	switch (BPF_OP(f->code)) {
	case BPF_JEQ: return a == v;
	case BPF_JGT: return a > v;
	case BPF_JGE: return a >= v;
	default: return (a & v) != 0; /* BPF_JSET */
	}
}

/* false for an operation the kernel's checker would have refused */
static bool alu(const struct sock_filter *f, uint32_t *a, uint32_t x)
{
	uint32_t v = BPF_SRC(f->code) == BPF_X ? x : f->k;

	switch (BPF_OP(f->code)) {
	case BPF_ADD: *a += v; return true;
	case BPF_SUB: *a -= v; return true;
	case BPF_MUL: *a *= v; return true;
	case BPF_DIV: if (!v) return false; *a /= v; return true;
	case BPF_MOD: if (!v) return false; *a %= v; return true;
	case BPF_AND: *a &= v; return true;
	case BPF_OR: *a |= v; return true;
	case BPF_XOR: *a ^= v; return true;
	case BPF_LSH: if (v >= 32) return false; *a <<= v; return true;
	case BPF_RSH: if (v >= 32) return false; *a >>= v; return true;
	case BPF_NEG: *a = -*a; return true;
	default: return false;
	}
}

static uint32_t run(const struct sock_filter *insns, size_t n, const struct seccomp_data *d)
{
	uint32_t a = 0, x = 0, mem[BPF_MEMWORDS] = { 0 };

	for (size_t pc = 0; pc < n; pc++) {
		const struct sock_filter *f = &insns[pc];

		switch (f->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (f->k % 4 || f->k + 4 > sizeof *d)
				return KILL;
			memcpy(&a, (const char *)d + f->k, 4);
			continue;
		case BPF_LD | BPF_W | BPF_LEN: a = sizeof *d; continue;
		case BPF_LDX | BPF_W | BPF_LEN: x = sizeof *d; continue;
		case BPF_LD | BPF_IMM: a = f->k; continue;
		case BPF_LDX | BPF_IMM: x = f->k; continue;
		case BPF_LD | BPF_MEM: a = mem[f->k % BPF_MEMWORDS]; continue;
		case BPF_LDX | BPF_MEM: x = mem[f->k % BPF_MEMWORDS]; continue;
		case BPF_ST: mem[f->k % BPF_MEMWORDS] = a; continue;
		case BPF_STX: mem[f->k % BPF_MEMWORDS] = x; continue;
		case BPF_MISC | BPF_TAX: x = a; continue;
		case BPF_MISC | BPF_TXA: a = x; continue;
		case BPF_RET | BPF_K: return f->k;
		case BPF_RET | BPF_A: return a;
		case BPF_JMP | BPF_JA: pc += f->k; continue;
		}
		if (BPF_CLASS(f->code) == BPF_JMP)
			pc += jump_taken(f, a, x) ? f->jt : f->jf;
		else if (BPF_CLASS(f->code) != BPF_ALU || !alu(f, &a, x))
			return KILL;
	}
	return KILL;
}

bool seccomp_filter_allows(const struct seccomp_filter *f, const int *nrs, size_t n)
{
	struct seccomp_data d = { .arch = seccomp_arch_native() };

	for (size_t i = 0; i < n; i++) {
		d.nr = nrs[i];
		for (size_t p = 0; p < f->n_programs; p++) {
			uint32_t action = run(f->programs[p].insns, f->programs[p].n_insns, &d) &
					  SECCOMP_RET_ACTION_FULL;

			if (action != SECCOMP_RET_ALLOW && action != SECCOMP_RET_LOG)
				return false;
		}
	}
	return true;
}
