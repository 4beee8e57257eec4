/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The compiled-BPF cache: <state root>/seccomp/<key>.bpf.
 *
 * The key is the SHA-256 of everything the BPF depends on: the program's
 * canonical text, the native arch, the libseccomp version and this file's
 * format.  An entry is a header (magic, the key again, the SHA-256 of the
 * instructions, their count) and the instructions.  Anything that does
 * not check out -- short, torn, foreign, edited -- is a miss, and the
 * caller compiles and rewrites it.
 *
 * Writers never touch a visible entry: the new one is written unnamed
 * (O_TMPFILE, or a unique temporary name where that is not supported),
 * then renamed over the old one, so concurrent writers and readers see
 * one whole entry or the other.  The directory must belong to us and be
 * writable by nobody else, since what it holds decides what the workload
 * may do. */
#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "seccomp/seccomp_internal.h"
#include "seccomp/sha256.h"
#include "util/cleanup.h"
#include "util/error.h"

/* Bump when compile.c changes what it asks of libseccomp. */
#define CACHE_FORMAT "hrun seccomp cache 2: optimize=2, ENOSYS prefix"
#define CACHE_MAGIC  "HRUNBPF1"

struct cache_header {
	char magic[8];
	uint8_t key[SHA256_DIGEST_SIZE];
	uint8_t sum[SHA256_DIGEST_SIZE];
	uint32_t n_insns;
	uint32_t reserved;
};

static int cache_key(const struct seccomp_program *p, uint8_t key[SHA256_DIGEST_SIZE])
{
	_cleanup_free_ char *text = seccomp_program_text(p, "");
	const struct scmp_version *v = seccomp_version();
	char head[160];
	struct sha256 h;
	int n;

	if (!text || !v)
		return -1;
	n = snprintf(head, sizeof head, "%s\nlibseccomp %u.%u.%u\nnative %#x\n", CACHE_FORMAT,
		     v->major, v->minor, v->micro, seccomp_arch_native());
	sha256_init(&h);
	sha256_update(&h, head, (size_t)n);
	sha256_update(&h, text, strlen(text));
	sha256_final(&h, key);
	return 0;
}

static void entry_name(const uint8_t key[SHA256_DIGEST_SIZE], char name[80])
{
	char hex[2 * SHA256_DIGEST_SIZE + 1];

	sha256_hex(key, hex);
	snprintf(name, 80, "%s.bpf", hex);
}

/* Open dir (creating it when asked) and check that only we can write it. */
static int open_dir(const char *dir, bool create, struct hrun_error *err)
{
	_cleanup_close_ int fd = -1;
	struct stat st;

	if (create && mkdir(dir, 0700) < 0 && errno != EEXIST)
		return hrun_error_errno(err, "seccomp cache `%s`", dir);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return hrun_error_errno(err, "seccomp cache `%s`", dir);
	if (fstat(fd, &st) < 0)
		return hrun_error_errno(err, "seccomp cache `%s`", dir);
	if (st.st_uid != geteuid() || (st.st_mode & 022))
		return hrun_error_set(err, EPERM,
				      "seccomp cache `%s`: not ours alone (owner %u, mode %o)", dir,
				      (unsigned)st.st_uid, (unsigned)(st.st_mode & 07777));
	return steal_fd(&fd);
}

/* Read and verify one entry; the instructions on success, else NULL. */
static struct sock_filter *read_entry(int fd, const uint8_t key[SHA256_DIGEST_SIZE],
				      size_t *n_insns)
{
	struct cache_header h;
	struct stat st;
	uint8_t sum[SHA256_DIGEST_SIZE];
	size_t n, bytes;
	_cleanup_free_ struct sock_filter *insns = NULL;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    st.st_size <= (off_t)sizeof h ||
	    (st.st_size - (off_t)sizeof h) % (off_t)sizeof(struct sock_filter) != 0)
		return NULL;
	bytes = (size_t)st.st_size - sizeof h;
	n = bytes / sizeof(struct sock_filter);
	if (n > BPF_MAXINSNS || seccomp_pread_full(fd, &h, sizeof h, 0) < 0 ||
	    memcmp(h.magic, CACHE_MAGIC, sizeof h.magic) != 0 ||
	    memcmp(h.key, key, sizeof h.key) != 0 || h.n_insns != n)
		return NULL;
	insns = malloc(bytes);
	if (!insns || seccomp_pread_full(fd, insns, bytes, sizeof h) < 0)
		return NULL;
	sha256(insns, bytes, sum);
	if (memcmp(sum, h.sum, sizeof sum) != 0)
		return NULL;
	*n_insns = n;
	return steal_pointer(&insns);
}

int seccomp_cache_load(const char *dir, struct seccomp_program *p)
{
	struct hrun_error ignored;
	uint8_t key[SHA256_DIGEST_SIZE];
	char name[80];
	_cleanup_close_ int dfd = -1, fd = -1;
	struct sock_filter *insns;
	size_t n;

	if (!dir || cache_key(p, key) < 0)
		return 0;
	dfd = open_dir(dir, false, &ignored);
	if (dfd < 0)
		return 0;
	entry_name(key, name);
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;
	insns = read_entry(fd, key, &n);
	if (!insns)
		return 0;
	free(p->insns);
	p->insns = insns;
	p->n_insns = n;
	p->from_cache = true;
	return 1;
}

static int write_entry(int fd, const uint8_t key[SHA256_DIGEST_SIZE],
		       const struct seccomp_program *p)
{
	struct cache_header h = {.n_insns = (uint32_t)p->n_insns};
	size_t bytes = p->n_insns * sizeof *p->insns;

	memcpy(h.magic, CACHE_MAGIC, sizeof h.magic);
	memcpy(h.key, key, sizeof h.key);
	sha256(p->insns, bytes, h.sum);
	if (seccomp_pwrite_full(fd, &h, sizeof h, 0) < 0)
		return -1;
	return seccomp_pwrite_full(fd, p->insns, bytes, sizeof h);
}

static void temp_name(char name[112], const char *entry)
{
	static unsigned int counter;
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	snprintf(name, 112, ".%.16s.%d.%u.%ld", entry, (int)getpid(), counter++, ts.tv_nsec);
}

/* Give the unnamed O_TMPFILE file `fd` the temporary name `tmp`. */
static int link_tmpfile(int fd, int dfd, const char *tmp)
{
	char proc[64];

	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, proc, dfd, tmp, AT_SYMLINK_FOLLOW);
}

/* Write the entry under a temporary name in dfd; 0 or -1 with errno. */
static int write_temp(int dfd, const uint8_t key[SHA256_DIGEST_SIZE],
		      const struct seccomp_program *p, char tmp[112], const char *entry)
{
	_cleanup_close_ int fd = openat(dfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);

	temp_name(tmp, entry);
	if (fd >= 0)
		return write_entry(fd, key, p) < 0 || link_tmpfile(fd, dfd, tmp) < 0 ? -1 : 0;
	fd = openat(dfd, tmp, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	if (write_entry(fd, key, p) < 0) {
		unlinkat(dfd, tmp, 0);
		return -1;
	}
	return 0;
}

int seccomp_cache_store(const char *dir, const struct seccomp_program *p, struct hrun_error *err)
{
	uint8_t key[SHA256_DIGEST_SIZE];
	char name[80], tmp[112];
	_cleanup_close_ int dfd = -1;

	if (!p->insns || cache_key(p, key) < 0)
		return hrun_error_set(err, EINVAL, "seccomp cache: nothing to store");
	dfd = open_dir(dir, true, err);
	if (dfd < 0)
		return -1;
	entry_name(key, name);
	if (write_temp(dfd, key, p, tmp, name) < 0)
		return hrun_error_errno(err, "seccomp cache `%s`: write an entry", dir);
	if (renameat(dfd, tmp, dfd, name) < 0) {
		hrun_error_errno(err, "seccomp cache `%s`: rename the entry", dir);
		unlinkat(dfd, tmp, 0);
		return -1;
	}
	return 0;
}
