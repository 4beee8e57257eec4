/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Programs and rules as data, and their canonical text.
 *
 * The text is both what `hrun plan` shows and what the cache key hashes:
 * every input of the compilation is in it, so two programs with the same
 * text compile to the same BPF (given the same libseccomp and arch, which
 * the key adds). */
#include <errno.h>
#include <inttypes.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "seccomp/seccomp_internal.h"
#include "util/cleanup.h"

struct seccomp_rule *seccomp_program_add_rule(struct seccomp_program *p, const char *name, int nr,
					      uint32_t action, const char *origin)
{
	struct seccomp_rule *rules = realloc(p->rules, (p->n_rules + 1) * sizeof *rules);
	struct seccomp_rule *r;

	if (!rules)
		return NULL;
	p->rules = rules;
	r = memset(&rules[p->n_rules], 0, sizeof *r);
	r->name = strdup(name);
	r->origin = strdup(origin);
	if (!r->name || !r->origin) {
		free(r->name);
		free(r->origin);
		return NULL;
	}
	r->nr = nr;
	r->action = action;
	p->n_rules++;
	if (action == SCMP_ACT_NOTIFY)
		p->notify = true;
	return r;
}

int seccomp_rule_add_arg(struct seccomp_rule *r, unsigned int arg, int op, uint64_t a, uint64_t b)
{
	if (r->n_args >= SECCOMP_MAX_ARGS)
		return -1;
	r->args[r->n_args].arg = arg;
	r->args[r->n_args].op = op;
	r->args[r->n_args].a = a;
	r->args[r->n_args].b = op == SCMP_CMP_MASKED_EQ ? b : 0;
	r->n_args++;
	return 0;
}

void seccomp_program_clear(struct seccomp_program *p)
{
	for (size_t i = 0; i < p->n_rules; i++) {
		free(p->rules[i].name);
		free(p->rules[i].origin);
	}
	free(p->rules);
	for (size_t i = 0; i < p->n_arches; i++)
		free(p->arches[i]);
	free(p->arches);
	for (size_t i = 0; i < p->n_skipped; i++)
		free(p->skipped[i]);
	free(p->skipped);
	free(p->origin);
	free(p->insns);
	memset(p, 0, sizeof *p);
}

/* The profile's name without SCMP_ACT_, and the errno or trace value. */
static void print_action(FILE *out, uint32_t action)
{
	bool has_data;
	const char *name = seccomp_action_name(action, &has_data);

	if (!name)
		fprintf(out, "ACTION(%#" PRIx32 ")", action);
	else if (has_data)
		fprintf(out, "%s(%" PRIu32 ")", name + strlen("SCMP_ACT_"), action & 0xffffU);
	else
		fputs(name + strlen("SCMP_ACT_"), out);
}

static const char *op_name(int op)
{
	static const char *const names[] = {
		[SCMP_CMP_NE] = "NE",
		[SCMP_CMP_LT] = "LT",
		[SCMP_CMP_LE] = "LE",
		[SCMP_CMP_EQ] = "EQ",
		[SCMP_CMP_GE] = "GE",
		[SCMP_CMP_GT] = "GT",
		[SCMP_CMP_MASKED_EQ] = "MASKED_EQ",
	};

	if (op > 0 && (size_t)op < sizeof names / sizeof names[0] && names[op])
		return names[op];
	return "OP?";
}

static void print_arch(FILE *out, uint32_t arch)
{
	static const struct {
		uint32_t arch;
		const char *name;
	} names[] = {
		{SCMP_ARCH_X86_64, "x86_64"},	{SCMP_ARCH_X86, "x86"},
		{SCMP_ARCH_AARCH64, "aarch64"}, {SCMP_ARCH_ARM, "arm"},
		{SCMP_ARCH_PPC64LE, "ppc64le"}, {SCMP_ARCH_S390X, "s390x"},
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].arch == arch) {
			fputs(names[i].name, out);
			return;
		}
	fprintf(out, "arch %#x", arch);
}

static void print_rule(FILE *out, const struct seccomp_rule *r, const char *indent)
{
	fputs(indent, out);
	print_action(out, r->action);
	fprintf(out, " %s", r->name);
	for (unsigned int i = 0; i < r->n_args; i++) {
		fprintf(out, " arg%u %s %#" PRIx64, r->args[i].arg, op_name(r->args[i].op),
			r->args[i].a);
		if (r->args[i].op == SCMP_CMP_MASKED_EQ)
			fprintf(out, " %#" PRIx64, r->args[i].b);
	}
	if (r->exact_optional)
		fputs(" (exact, where the arch allows)", out);
	fputc('\n', out);
}

char *seccomp_program_text(const struct seccomp_program *p, const char *indent)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);

	if (!out)
		return NULL;
	fprintf(out, "%sfilter %s: default ", indent, p->origin);
	print_action(out, p->default_action);
	fputs(", arches native", out);
	for (size_t i = 0; i < p->n_arches; i++)
		fprintf(out, " %s", p->arches[i]);
	fprintf(out, ", %zu rules\n", p->n_rules);
	for (size_t i = 0; i < p->n_rules; i++)
		print_rule(out, &p->rules[i], indent);
	for (size_t i = 0; i < p->n_enosys; i++) {
		fprintf(out, "%sENOSYS above %u on ", indent, p->enosys[i].max);
		print_arch(out, p->enosys[i].arch);
		fputs(" (syscalls newer than the profile)\n", out);
	}
	if (p->n_skipped) {
		fprintf(out, "%sskipped (unknown to libseccomp):", indent);
		for (size_t i = 0; i < p->n_skipped; i++)
			fprintf(out, " %s", p->skipped[i]);
		fputc('\n', out);
	}
	if (fclose(out) != 0) {
		free(text);
		return NULL;
	}
	return text;
}
