/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The seed's filter presets (hakurei, after flatpak): a denylist on a
 * default-allow filter, groups appended in the seed's order, exact errnos
 * and argument filters, then the socket family allowlist.
 *
 *   common                  always (EPERM)
 *   deny-ns                 namespaces and mounts; clone3 and the new mount API ENOSYS
 *   deny-tty                TIOCSTI and TIOCLINUX
 *   deny-devel              perf_event_open, personality changes, ptrace
 *   (no multiarch)          modify_ldt
 *   ext                     clock, modules, reboot, swap
 *   ext + deny-ns           chown and set*id
 *   ext + (no multiarch)    subpage_prot, switch_endian, vm86 (ENOSYS)
 *
 * strict = ext,deny-ns,deny-tty,deny-devel: 73 rules without multiarch.
 * Without multiarch only the native arch is in the filter, so a foreign
 * arch's syscalls meet libseccomp's bad-arch action (kill). */
#include <errno.h>
#include <linux/sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/socket.h>

#include "seccomp/seccomp.h"
#include "util/error.h"

struct preset_rule {
	const char *name;
	int err;
	int arg; /* -1: no comparison; -2: clone's flags argument */
	int op;
	uint64_t a, b;
};

#define DENY(n)                                                                                    \
	{                                                                                          \
		n, EPERM, -1, 0, 0, 0                                                              \
	}
#define NOSYS(n)                                                                                   \
	{                                                                                          \
		n, ENOSYS, -1, 0, 0, 0                                                             \
	}
#define END                                                                                        \
	{                                                                                          \
		NULL, 0, 0, 0, 0, 0                                                                \
	}

static const struct preset_rule common[] = {
	DENY("syslog"),
	DENY("uselib"),
	DENY("acct"),
	DENY("quotactl"),
	DENY("add_key"),
	DENY("keyctl"),
	DENY("request_key"),
	DENY("move_pages"),
	DENY("mbind"),
	DENY("get_mempolicy"),
	DENY("set_mempolicy"),
	DENY("migrate_pages"),
	END,
};

static const struct preset_rule common_ext[] = {
	DENY("adjtimex"),	 DENY("clock_adjtime"),	  DENY("clock_adjtime64"),
	DENY("clock_settime"),	 DENY("clock_settime64"), DENY("settimeofday"),
	DENY("delete_module"),	 DENY("finit_module"),	  DENY("init_module"),
	DENY("kexec_file_load"), DENY("kexec_load"),	  DENY("reboot"),
	DENY("swapoff"),	 DENY("swapon"),	  END,
};

static const struct preset_rule namespace[] = {
	DENY("unshare"),
	DENY("setns"),
	DENY("mount"),
	DENY("umount"),
	DENY("umount2"),
	DENY("pivot_root"),
	DENY("chroot"),
	{"clone", EPERM, -2, SCMP_CMP_MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER},
	/* clone3's flags sit behind a pointer: deny it whole, ENOSYS so that
	 * libc falls back to clone (CVE-2021-41133) */
	NOSYS("clone3"),
	NOSYS("open_tree"),
	NOSYS("move_mount"),
	NOSYS("fsopen"),
	NOSYS("fsconfig"),
	NOSYS("fsmount"),
	NOSYS("fspick"),
	NOSYS("mount_setattr"),
	END,
};

static const struct preset_rule namespace_ext[] = {
	DENY("chown"),	     DENY("chown32"),
	DENY("fchown"),	     DENY("fchown32"),
	DENY("fchownat"),    DENY("lchown"),
	DENY("lchown32"),    DENY("setgid"),
	DENY("setgid32"),    DENY("setgroups"),
	DENY("setgroups32"), DENY("setregid"),
	DENY("setregid32"),  DENY("setresgid"),
	DENY("setresgid32"), DENY("setresuid"),
	DENY("setresuid32"), DENY("setreuid"),
	DENY("setreuid32"),  DENY("setuid"),
	DENY("setuid32"),    END,
};

static const struct preset_rule tty[] = {
	/* faking input on the controlling tty (CVE-2017-5226) */
	{"ioctl", EPERM, 1, SCMP_CMP_MASKED_EQ, 0xFFFFFFFFU, TIOCSTI},
	/* a virtual console's copy and paste does the same (CVE-2023-28100) */
	{"ioctl", EPERM, 1, SCMP_CMP_MASKED_EQ, 0xFFFFFFFFU, TIOCLINUX},
	END,
};

static const struct preset_rule emu[] = {DENY("modify_ldt"), END};

static const struct preset_rule emu_ext[] = {
	NOSYS("subpage_prot"), NOSYS("switch_endian"), NOSYS("vm86"), NOSYS("vm86old"), END,
};

static const struct {
	const char *name;
	unsigned int bits;
} names[] = {
	{"common", 0},
	{"deny-ns", SECCOMP_PRESET_DENY_NS},
	{"deny-tty", SECCOMP_PRESET_DENY_TTY},
	{"deny-devel", SECCOMP_PRESET_DENY_DEVEL},
	{"ext", SECCOMP_PRESET_EXT},
	{"multiarch", SECCOMP_PRESET_MULTIARCH},
	{"strict", SECCOMP_PRESET_STRICT},
	{"linux32", SECCOMP_PRESET_LINUX32},
	{"can", SECCOMP_PRESET_CAN},
	{"bluetooth", SECCOMP_PRESET_BLUETOOTH},
};

int seccomp_presets_parse(const char *list, unsigned int *bits, struct hrun_error *err)
{
	const char *p = list;

	*bits = 0;
	for (;;) {
		size_t len = strcspn(p, ","), i = 0;

		while (i < sizeof names / sizeof names[0] &&
		       (strlen(names[i].name) != len || strncmp(names[i].name, p, len) != 0))
			i++;
		if (i == sizeof names / sizeof names[0])
			return hrun_error_set(
				err, 0,
				"annotations[\"%s\"]: unknown preset \"%.*s\" (common, deny-ns, "
				"deny-tty, "
				"deny-devel, ext, multiarch, strict, linux32, can, bluetooth)",
				SECCOMP_PRESETS_ANNOTATION, (int)len, p);
		*bits |= names[i].bits;
		if (p[len] == '\0')
			return 0;
		p += len + 1;
	}
}

/* clone's flags are its first argument, except on s390 where they are the second. */
static unsigned int clone_flags_arg(void)
{
	uint32_t native = seccomp_arch_native();

	return native == SCMP_ARCH_S390 || native == SCMP_ARCH_S390X ? 1 : 0;
}

static int add_group(struct seccomp_program *p, const struct preset_rule *g, const char *group,
		     struct hrun_error *err)
{
	for (; g->name; g++) {
		int nr = seccomp_syscall_resolve_name(g->name);
		struct seccomp_rule *r;

		/* every name is libseccomp's: a miss means an older libseccomp */
		if (nr == __NR_SCMP_ERROR)
			return hrun_error_set(err, 0, "preset %s: libseccomp does not know `%s`",
					      group, g->name);
		r = seccomp_program_add_rule(p, g->name, nr, SCMP_ACT_ERRNO(g->err), group);
		if (!r)
			return hrun_error_set(err, ENOMEM, "preset %s", group);
		if (g->arg != -1)
			seccomp_rule_add_arg(r, g->arg == -2 ? clone_flags_arg() : (unsigned)g->arg,
					     g->op, g->a, g->b);
	}
	return 0;
}

static int add_devel(struct seccomp_program *p, unsigned int bits, struct hrun_error *err)
{
	const struct preset_rule devel[] = {
		/* profiling belongs outside; perf has had many CVEs */
		DENY("perf_event_open"),
		/* no switching to another persona (bsd emulation and such) */
		{"personality", EPERM, 0, SCMP_CMP_NE,
		 bits & SECCOMP_PRESET_LINUX32 ? PER_LINUX32 : PER_LINUX, 0},
		DENY("ptrace"),
		END,
	};

	return add_group(p, devel, "deny-devel", err);
}

/* socket() with a family outside the allowlist fails with EAFNOSUPPORT.
 * The rules compare arg0 as is, so they are added "exact"; where an arch
 * cannot take them (i386's socketcall) they are left out, as in the seed. */
static int add_socket_families(struct seccomp_program *p, unsigned int bits, struct hrun_error *err)
{
	const int allowed[] = {AF_UNSPEC,
			       AF_LOCAL,
			       AF_INET,
			       AF_INET6,
			       AF_NETLINK,
			       bits & SECCOMP_PRESET_CAN ? AF_CAN : -1,
			       bits & SECCOMP_PRESET_BLUETOOTH ? AF_BLUETOOTH : -1};
	int nr = seccomp_syscall_resolve_name("socket"), last = -1;

	for (size_t i = 0; i <= sizeof allowed / sizeof allowed[0]; i++) {
		bool end = i == sizeof allowed / sizeof allowed[0];
		int next = end ? -1 : allowed[i];

		if (!end && next < 0)
			continue;
		for (int family = last + 1; family < (end ? last + 2 : next); family++) {
			struct seccomp_rule *r = seccomp_program_add_rule(
				p, "socket", nr, SCMP_ACT_ERRNO(EAFNOSUPPORT), "socket families");

			if (!r)
				return hrun_error_set(err, ENOMEM, "preset socket families");
			r->exact_optional = true;
			seccomp_rule_add_arg(r, 0, end ? SCMP_CMP_GE : SCMP_CMP_EQ,
					     (uint64_t)family, 0);
		}
		last = next;
	}
	return 0;
}

static int add_groups(struct seccomp_program *p, unsigned int bits, struct hrun_error *err)
{
	bool multiarch = bits & SECCOMP_PRESET_MULTIARCH, ext = bits & SECCOMP_PRESET_EXT;
	bool ns = bits & SECCOMP_PRESET_DENY_NS;

	if (add_group(p, common, "common", err) < 0 ||
	    (ns && add_group(p, namespace, "deny-ns", err) < 0) ||
	    ((bits & SECCOMP_PRESET_DENY_TTY) && add_group(p, tty, "deny-tty", err) < 0) ||
	    ((bits & SECCOMP_PRESET_DENY_DEVEL) && add_devel(p, bits, err) < 0) ||
	    (!multiarch && add_group(p, emu, "no multiarch", err) < 0) ||
	    (ext && add_group(p, common_ext, "ext", err) < 0) ||
	    (ext && ns && add_group(p, namespace_ext, "ext+deny-ns", err) < 0) ||
	    (ext && !multiarch && add_group(p, emu_ext, "ext, no multiarch", err) < 0))
		return -1;
	return 0;
}

/* The seed adds the secondary arch of amd64 (x86) and arm64 (arm) only. */
static int add_multiarch(struct seccomp_program *p, struct hrun_error *err)
{
	uint32_t native = seccomp_arch_native();
	const char *second = native == SCMP_ARCH_X86_64	   ? "x86"
			     : native == SCMP_ARCH_AARCH64 ? "arm"
							   : NULL;

	if (!second)
		return 0;
	p->arches = calloc(2, sizeof *p->arches);
	if (!p->arches || !(p->arches[0] = strdup(second)))
		return hrun_error_set(err, ENOMEM, "preset multiarch");
	p->n_arches = 1;
	return 0;
}

int seccomp_presets_build(unsigned int bits, struct seccomp_program *p, struct hrun_error *err)
{
	char origin[128];
	int n = snprintf(origin, sizeof origin, "presets");

	for (size_t i = 1; i < sizeof names / sizeof names[0]; i++)
		if ((bits & names[i].bits) == names[i].bits &&
		    names[i].bits != SECCOMP_PRESET_STRICT)
			n += snprintf(origin + n, sizeof origin - (size_t)n, "%s%s",
				      n == 7 ? " " : ",", names[i].name);
	if (n == 7)
		snprintf(origin + n, sizeof origin - (size_t)n, " common");
	p->origin = strdup(origin);
	if (!p->origin)
		return hrun_error_set(err, ENOMEM, "presets");
	p->default_action = SCMP_ACT_ALLOW;
	if ((bits & SECCOMP_PRESET_MULTIARCH) && add_multiarch(p, err) < 0)
		return -1;
	if (add_groups(p, bits, err) < 0)
		return -1;
	return add_socket_families(p, bits, err);
}
