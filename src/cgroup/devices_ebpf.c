/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The cgroup v2 device filter: a BPF_PROG_TYPE_CGROUP_DEVICE program.
 *
 * This is the one place hrun assembles BPF by hand.  libseccomp only builds
 * seccomp filters, and the program is small and fixed in shape, so the
 * kernel's instruction encoding (the BPF_* macros of linux/filter.h, which
 * userspace headers do not ship) is spelled out below.  The shape follows
 * systemd, runc and crun:
 *
 *   r2 = ctx->access_type & 0xffff   (BPF_DEVCG_DEV_CHAR / _BLOCK)
 *   r3 = ctx->access_type >> 16      (BPF_DEVCG_ACC_* requested)
 *   r4 = ctx->major, r5 = ctx->minor
 *   one block per rule, the LAST rule first, so the last matching rule wins
 *   as later lines win on v1:
 *     if type/major/minor differ, or the access does not match: next block
 *     return allow ? 1 : 0
 *   return 0                         (nothing matched: deny)
 *
 * An allow rule matches when every requested access is in the rule; a deny
 * rule as soon as one requested access is in it.  A rule matching every
 * device ends the program: the rules before it cannot be reached. */
#include "cgroup/internal.h"
#include "util/cleanup.h"

#include <linux/bpf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define INSN(CODE, DST, SRC, OFF, IMM)                                                             \
	((struct bpf_insn){                                                                        \
		.code = (CODE), .dst_reg = (DST), .src_reg = (SRC), .off = (OFF), .imm = (IMM)})
#define LDX_W(DST, SRC, OFF)	   INSN(BPF_LDX | BPF_W | BPF_MEM, DST, SRC, OFF, 0)
#define ALU32_IMM(OP, DST, IMM)	   INSN(BPF_ALU | (OP) | BPF_K, DST, 0, 0, IMM)
#define MOV32_REG(DST, SRC)	   INSN(BPF_ALU | BPF_MOV | BPF_X, DST, SRC, 0, 0)
#define MOV64_IMM(DST, IMM)	   INSN(BPF_ALU64 | BPF_MOV | BPF_K, DST, 0, 0, IMM)
#define JMP_IMM(OP, DST, IMM, OFF) INSN(BPF_JMP | (OP) | BPF_K, DST, 0, OFF, IMM)
#define JMP_REG(OP, DST, SRC, OFF) INSN(BPF_JMP | (OP) | BPF_X, DST, SRC, OFF, 0)
#define EXIT_INSN()		   INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

#define ALL_ACCESS (CG_DEV_READ | CG_DEV_WRITE | CG_DEV_MKNOD)
#define MAX_BLOCK  8

static int bpf_access(unsigned access)
{
	return ((access & CG_DEV_READ) ? BPF_DEVCG_ACC_READ : 0) |
	       ((access & CG_DEV_WRITE) ? BPF_DEVCG_ACC_WRITE : 0) |
	       ((access & CG_DEV_MKNOD) ? BPF_DEVCG_ACC_MKNOD : 0);
}

/* One rule's block into b; returns its length. */
static size_t rule_block(const struct cg_dev_rule *r, struct bpf_insn *b)
{
	bool type = r->type != 'a', access = r->access != ALL_ACCESS;
	bool major = r->major >= 0, minor = r->minor >= 0;
	size_t len = type + 3 * access + major + minor + 2, k = 0;

#define NEXT(at) ((short)(len - 1 - (at)))
	if (type) {
		int t = r->type == 'b' ? BPF_DEVCG_DEV_BLOCK : BPF_DEVCG_DEV_CHAR;
		b[k] = JMP_IMM(BPF_JNE, BPF_REG_2, t, NEXT(k));
		k++;
	}
	if (access) {
		b[k++] = MOV32_REG(BPF_REG_1, BPF_REG_3);
		b[k++] = ALU32_IMM(BPF_AND, BPF_REG_1, bpf_access(r->access));
		/* allow: requested & rule == requested; deny: requested & rule != 0 */
		b[k] = r->allow ? JMP_REG(BPF_JNE, BPF_REG_1, BPF_REG_3, NEXT(k))
				: JMP_IMM(BPF_JEQ, BPF_REG_1, 0, NEXT(k));
		k++;
	}
	if (major) {
		b[k] = JMP_IMM(BPF_JNE, BPF_REG_4, (int)r->major, NEXT(k));
		k++;
	}
	if (minor) {
		b[k] = JMP_IMM(BPF_JNE, BPF_REG_5, (int)r->minor, NEXT(k));
		k++;
	}
#undef NEXT
	b[k++] = MOV64_IMM(BPF_REG_0, r->allow ? 1 : 0);
	b[k++] = EXIT_INSN();
	return k;
}

int cg_bpf_devices(const struct cg_dev_rule *rules, size_t n, struct bpf_insn **insns,
		   size_t *n_insns, struct hrun_error *err)
{
	static const struct bpf_insn prologue[] = {
		LDX_W(BPF_REG_2, BPF_REG_1, 0), ALU32_IMM(BPF_AND, BPF_REG_2, 0xffff),
		LDX_W(BPF_REG_3, BPF_REG_1, 0), ALU32_IMM(BPF_RSH, BPF_REG_3, 16),
		LDX_W(BPF_REG_4, BPF_REG_1, 4), LDX_W(BPF_REG_5, BPF_REG_1, 8),
	};
	size_t np = sizeof prologue / sizeof prologue[0];
	struct bpf_insn *p = malloc((np + n * MAX_BLOCK + 2) * sizeof *p);
	size_t k = np;
	bool complete = false;

	if (!p)
		return hrun_error_set(err, ENOMEM, "device filter");
	memcpy(p, prologue, sizeof prologue);
	for (size_t i = n; i-- > 0 && !complete;) {
		const struct cg_dev_rule *r = &rules[i];
		k += rule_block(r, p + k);
		complete =
			r->type == 'a' && r->access == ALL_ACCESS && r->major < 0 && r->minor < 0;
	}
	if (!complete) {
		p[k++] = MOV64_IMM(BPF_REG_0, 0);
		p[k++] = EXIT_INSN();
	}
	*insns = p;
	*n_insns = k;
	return 0;
}

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	return (int)syscall(__NR_bpf, cmd, attr, sizeof *attr);
}

static int prog_load(const struct bpf_insn *insns, size_t n, const char *dir,
		     struct hrun_error *err)
{
	char log[512] = "";
	union bpf_attr attr = {.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE,
			       .insns = (uintptr_t)insns,
			       .insn_cnt = (uint32_t)n,
			       .license = (uintptr_t) "GPL"};
	int fd = sys_bpf(BPF_PROG_LOAD, &attr);

	if (fd >= 0)
		return fd;
	/* again with the verifier's log, for the message */
	attr.log_level = 1;
	attr.log_buf = (uintptr_t)log;
	attr.log_size = sizeof log;
	fd = sys_bpf(BPF_PROG_LOAD, &attr);
	if (fd >= 0)
		return fd;
	log[strcspn(log, "\n")] = '\0';
	return hrun_error_errno(err, "load the device filter for `%s`%s%s", dir, *log ? ": " : "",
				log);
}

/* Our program, if one (and only one) is attached to the cgroup itself. */
static int attached_prog(int dirfd, uint32_t *ids, uint32_t *count)
{
	union bpf_attr attr = {.query = {.target_fd = (uint32_t)dirfd,
					 .attach_type = BPF_CGROUP_DEVICE,
					 .prog_ids = (uintptr_t)ids,
					 .prog_cnt = *count}};

	if (sys_bpf(BPF_PROG_QUERY, &attr) < 0)
		return -1;
	*count = attr.query.prog_cnt;
	return 0;
}

static void detach(int dirfd, const uint32_t *ids, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		union bpf_attr get = {.prog_id = ids[i]};
		_cleanup_close_ int fd = sys_bpf(BPF_PROG_GET_FD_BY_ID, &get);
		union bpf_attr attr = {.target_fd = (uint32_t)dirfd,
				       .attach_bpf_fd = (uint32_t)fd,
				       .attach_type = BPF_CGROUP_DEVICE};
		if (fd >= 0)
			sys_bpf(BPF_PROG_DETACH, &attr);
	}
}

int cg_bpf_attach(int dirfd, const char *dir, const struct bpf_insn *insns, size_t n_insns,
		  struct hrun_error *err)
{
	_cleanup_close_ int fd = prog_load(insns, n_insns, dir, err);
	uint32_t ids[64], count = 64;

	if (fd < 0)
		return -1;
	if (attached_prog(dirfd, ids, &count) < 0)
		count = 0;
	union bpf_attr attr = {.target_fd = (uint32_t)dirfd,
			       .attach_bpf_fd = (uint32_t)fd,
			       .attach_type = BPF_CGROUP_DEVICE,
			       .attach_flags = BPF_F_ALLOW_MULTI};
	/* the new program is in force before the old ones go: no window
	 * where the cgroup has no filter */
	if (sys_bpf(BPF_PROG_ATTACH, &attr) < 0)
		return hrun_error_errno(err, "attach the device filter to `%s`", dir);
	detach(dirfd, ids, count);
	return 0;
}
