/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Run on from a sealed binary without executing it again.
 *
 * What the re-exec of sealed_exe.c buys is a process whose exe and file
 * mappings are the sealed file, not the host's.  Where we may replace our
 * own exe link, the same is had without an exec: each mapping of the
 * binary is replaced, at its address, by a mapping of the sealed file at
 * the same offset holding the same bytes, then the exe link is set to the
 * sealed file.  The kernel refuses that last step (EBUSY) while any
 * mapping of the old exe is left, so success means none is.  The link is
 * set with PR_SET_MM_MAP, which needs CAP_CHECKPOINT_RESTORE (or
 * CAP_SYS_ADMIN) in our user namespace, the other fields given as they
 * are; PR_SET_MM_EXE_FILE would need CAP_SYS_RESOURCE, which hosts and
 * sandboxes drop more often. */
#include "cli/cli.h"

#include <fcntl.h>
#include <link.h>
#include <linux/prctl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "util/cleanup.h"

/* a PIE's segments: headers and rodata, text, rodata, relro, data */
#define MAX_MAPS 16

struct exe_map {
	uintptr_t start, end;
	off_t off;
	int prot;
};

static int prot_of(const char *perms)
{
	return (perms[0] == 'r' ? PROT_READ : 0) | (perms[1] == 'w' ? PROT_WRITE : 0) |
	       (perms[2] == 'x' ? PROT_EXEC : 0);
}

/* One line of /proc/self/maps, "start-end perms offset maj:min inode
 * path", read with strtoul: sscanf would be the first use of the whole
 * scanf machinery in this process, ~20 µs of faults and set-up. */
struct maps_line {
	uintptr_t start, end;
	unsigned long off, ino;
	dev_t dev;
	char perms[5];
};

static bool maps_line_parse(const char *s, struct maps_line *l)
{
	unsigned long maj, min;
	char *e;

	l->start = strtoul(s, &e, 16);
	if (*e != '-')
		return false;
	l->end = strtoul(e + 1, &e, 16);
	if (*e != ' ' || strnlen(e + 1, 5) < 5 || e[5] != ' ')
		return false;
	memcpy(l->perms, e + 1, 4);
	l->perms[4] = '\0';
	l->off = strtoul(e + 6, &e, 16);
	if (*e != ' ')
		return false;
	maj = strtoul(e + 1, &e, 16);
	if (*e != ':')
		return false;
	min = strtoul(e + 1, &e, 16);
	if (*e != ' ')
		return false;
	l->ino = strtoul(e + 1, &e, 10);
	l->dev = makedev(maj, min);
	return *e == ' ' || *e == '\n' || *e == '\0';
}

/* The private mappings of the file `exe` names, as /proc/self/maps lists
 * them; -1 when there are more than we expect. */
static int exe_maps(const struct stat *exe, struct exe_map *maps, size_t *n)
{
	char buf[8192]; /* the whole file in one read, not /proc's 1 KiB a read */
	_cleanup_fclose_ FILE *f = fopen("/proc/self/maps", "re");
	char line[512];

	*n = 0;
	if (!f || setvbuf(f, buf, _IOFBF, sizeof buf) != 0)
		return -1;
	while (fgets(line, sizeof line, f)) {
		struct maps_line l;

		if (!maps_line_parse(line, &l) || l.ino != exe->st_ino || l.dev != exe->st_dev)
			continue;
		if (*n == MAX_MAPS || l.perms[3] != 'p')
			return -1;
		maps[(*n)++] = (struct exe_map){ l.start, l.end, (off_t)l.off, prot_of(l.perms) };
	}
	return *n > 0 ? 0 : -1;
}

/* What the loader may have written of our image: the PT_LOAD segments
 * mapped writable (relro, data, bss).  Linked with -z text, no other
 * page can differ from the file, and none is compared. */
struct written {
	uintptr_t start[MAX_MAPS], end[MAX_MAPS];
	size_t n;
};

static int program_written(struct dl_phdr_info *info, size_t size, void *data)
{
	struct written *w = data;

	(void)size;
	for (size_t i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_W))
			continue;
		if (w->n == MAX_MAPS) { /* more than we can hold: none, and no remap */
			w->n = 0;
			break;
		}
		w->start[w->n] = info->dlpi_addr + ph->p_vaddr;
		w->end[w->n++] = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
	}
	return 1; /* the first object is the program itself */
}

static bool may_be_written(const struct written *w, uintptr_t page_start, size_t page)
{
	for (size_t i = 0; i < w->n; i++)
		if (page_start < w->end[i] && w->start[i] < page_start + page)
			return true;
	return false;
}

/* Pages of our own image, globals' redzones included: read word by word,
 * outside the sanitizer's view (its memcmp and memcpy would refuse them),
 * and stored through a volatile pointer, which no compiler turns back
 * into a memcpy call. */
__attribute__((no_sanitize("address"))) static bool page_differs(const void *a, const void *b,
								 size_t page)
{
	const unsigned long *x = a, *y = b;

	for (size_t i = 0; i < page / sizeof *x; i++)
		if (x[i] != y[i])
			return true;
	return false;
}

__attribute__((no_sanitize("address"))) static void page_copy(void *dst, const void *src,
							      size_t page)
{
	volatile unsigned long *d = dst;
	const unsigned long *s = src;

	for (size_t i = 0; i < page / sizeof *s; i++)
		d[i] = s[i];
}

/* Map the same offset of `fd` elsewhere, give it the pages we changed
 * (relocations, data), then move it over the old mapping in one call:
 * nothing runs in between with a half-copied GOT.  What is not written is
 * mapped populated: mremap moves the page tables along, so the pages the
 * old mapping had are not faulted in again. */
static int remap_one(int fd, const struct exe_map *m, const struct written *w, size_t page)
{
	size_t len = m->end - m->start;
	char *old = (char *)m->start;
	bool writable = m->prot & PROT_WRITE;
	char *new =
		mmap(NULL, len, m->prot, MAP_PRIVATE | (writable ? 0 : MAP_POPULATE), fd, m->off);

	if (new == MAP_FAILED)
		return -1;
	for (size_t i = 0; i < len; i += page) {
		if (!may_be_written(w, m->start + i, page) || !page_differs(new + i, old + i, page))
			continue;
		if (!writable && mprotect(new, len, m->prot | PROT_WRITE) < 0)
			goto fail;
		writable = true;
		page_copy(new + i, old + i, page);
	}
	if ((writable && !(m->prot & PROT_WRITE) && mprotect(new, len, m->prot) < 0) ||
	    mremap(new, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, old) == MAP_FAILED)
		goto fail;
	return 0;
fail:
	munmap(new, len);
	return -1;
}

/* The layout fields of our mm as they are now (/proc/self/stat and brk):
 * PR_SET_MM_MAP sets them all along with the exe. */
static int mm_map_now(struct prctl_mm_map *m)
{
	_cleanup_fclose_ FILE *f = fopen("/proc/self/stat", "re");
	char buf[1024], *p;
	unsigned long long v[52] = { 0 };
	int i = 3;

	if (!f || !fgets(buf, sizeof buf, f) || !(p = strrchr(buf, ')')))
		return -1;
	/* fields 3..51 (1-based) follow the comm's closing parenthesis */
	for (p += 2; i <= 51 && *p; i++) {
		char *end;

		v[i] = strtoull(p + (*p == ' '), &end, 10);
		if (i == 3)
			end = p + 1; /* the state letter */
		p = end;
	}
	if (i <= 51)
		return -1;
	*m = (struct prctl_mm_map){
		.start_code = v[26],
		.end_code = v[27],
		.start_stack = v[28],
		.start_data = v[45],
		.end_data = v[46],
		.start_brk = v[47],
		.brk = (unsigned long)syscall(SYS_brk, 0),
		.arg_start = v[48],
		.arg_end = v[49],
		.env_start = v[50],
		.env_end = v[51],
	};
	return 0;
}

/* brk as it is now: the fopen and maps reading may have moved it */
static int set_exe(struct prctl_mm_map *m, int fd)
{
	m->brk = (unsigned long)syscall(SYS_brk, 0);
	m->exe_fd = (__u32)fd;
	return prctl(PR_SET_MM, PR_SET_MM_MAP, m, sizeof *m, 0);
}

int exe_remap(int self, int tree)
{
	_cleanup_close_ int fd = -1;
	struct exe_map maps[MAX_MAPS];
	struct written w = { .n = 0 };
	struct prctl_mm_map mm;
	size_t n, page = (size_t)sysconf(_SC_PAGESIZE);
	char path[64];
	struct stat st;

	/* mmap and PR_SET_MM_MAP want an open file, not the tree's O_PATH */
	snprintf(path, sizeof path, "/proc/self/fd/%d", tree);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(self, &st) < 0 || mm_map_now(&mm) < 0)
		return -1;
	/* EPERM (not allowed) comes before EBUSY (still mapped): no remap
	 * when the last step would be refused */
	if (set_exe(&mm, fd) == 0)
		return 0;
	if (errno != EBUSY || exe_maps(&st, maps, &n) < 0)
		return -1;
	dl_iterate_phdr(program_written, &w);
	if (w.n == 0) /* a PIE has its GOT in one at least; else re-exec */
		return -1;
	for (size_t i = 0; i < n; i++)
		if (remap_one(fd, &maps[i], &w, page) < 0)
			return -1;
	return set_exe(&mm, fd);
}
