/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The host's hrun binary out of every container's reach (CVE-2019-5736).
 *
 * The init and the exec'd process are clones of this process, so their
 * /proc/<pid>/exe and map_files, and a `#!/proc/self/exe` (or a planted
 * loader) run inside the container, name the file hrun runs from.  So a
 * verb that starts processes in a container first moves, once, onto a
 * file nothing can change:
 *  - a read-only clone of the binary's own mount (open_tree CLONE of
 *    /proc/self/exe, then mount_setattr RDONLY).  No copy; the mount
 *    belongs to no namespace (it is dissolved when the tree fd closes)
 *    and cannot be remounted; a write, chmod, chown, truncate or xattr
 *    through it fails with EROFS.  Our mappings and exe are moved onto it
 *    in place where the kernel allows (exe_remap.c), else hrun
 *    re-executes from it.
 *  - where open_tree is refused (no CAP_SYS_ADMIN: rootless), a memfd
 *    copy sealed against writes, resizing and further seals, re-executed.
 * The re-executed hrun knows it by its own exe, never by its environment
 * (exe_is_sealed).  It happens before any namespace is joined, so the
 * loader the binary names is the host's.  Every fd of ours is
 * close-on-exec: the caller's fds (preserve-fds, console sockets) pass
 * through the exec as they came, and ours do not. */
#include "cli/cli.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "util/cleanup.h"

#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U /* Linux 6.3: exempt from vm.memfd_noexec */
#endif

#define SEALS (F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

extern char **environ;

/* A memfd sealed against writes, or a file that is a whole read-only
 * mount of its own (the host has no such mount of hrun).  Any tmpfs file
 * answers F_GET_SEALS (with F_SEAL_SEAL alone), and an O_PATH fd (the
 * tree's) does not: only the full set counts, else the mount decides. */
static bool exe_is_sealed(int fd)
{
	int seals = fcntl(fd, F_GET_SEALS);
	struct statfs fs;
	struct statx stx;

	if (seals >= 0 && (seals & SEALS) == SEALS)
		return true;
	return fstatfs(fd, &fs) == 0 && (fs.f_flags & ST_RDONLY) &&
	       statx(fd, "", AT_EMPTY_PATH, STATX_TYPE, &stx) == 0 &&
	       (stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) &&
	       (stx.stx_attributes & STATX_ATTR_MOUNT_ROOT) && S_ISREG(stx.stx_mode);
}

/* -1 with errno when the kernel or our privileges do not allow it. */
static int readonly_mount(void)
{
	struct mount_attr attr = {
		.attr_set = MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV,
	};
	_cleanup_close_ int fd =
		open_tree(AT_FDCWD, "/proc/self/exe", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC);

	if (fd < 0 || mount_setattr(fd, "", AT_EMPTY_PATH, &attr, sizeof attr) < 0)
		return -1;
	return steal_fd(&fd);
}

/* How much of the binary an exec reads: up to the end of the last
 * segment (the program headers, code, data).  What follows (section
 * headers, symbols, debug information: most of an unstripped build) is
 * left out of the copy, which a rootless container keeps in memory for
 * its whole life, and the header then names no section table.  The whole
 * file when it is not the ELF we expect, and in sanitizer builds, whose
 * reports read the symbols through /proc/self/exe. */
static off_t loaded_size(int self, off_t size, ElfW(Ehdr) *eh)
{
	ElfW(Phdr) ph[64];
	off_t end;

#ifdef __SANITIZE_ADDRESS__
	return size;
#endif
	if (pread(self, eh, sizeof *eh, 0) != (ssize_t)sizeof *eh ||
	    memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_phentsize != sizeof *ph ||
	    eh->e_phnum == 0 || eh->e_phnum > sizeof ph / sizeof *ph ||
	    pread(self, ph, eh->e_phnum * sizeof *ph, (off_t)eh->e_phoff) !=
		    (ssize_t)(eh->e_phnum * sizeof *ph))
		return size;
	end = (off_t)(eh->e_phoff + eh->e_phnum * sizeof *ph);
	for (size_t i = 0; i < eh->e_phnum; i++)
		if ((off_t)(ph[i].p_offset + ph[i].p_filesz) > end)
			end = (off_t)(ph[i].p_offset + ph[i].p_filesz);
	return end < size ? end : size;
}

static int sealed_copy(int self, struct hrun_error *err)
{
	_cleanup_close_ int fd = memfd_create("hrun", MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
	ElfW(Ehdr) eh;
	struct stat st;
	off_t off = 0, size;

	if (fd < 0 && errno == EINVAL) /* before Linux 6.3 */
		fd = memfd_create("hrun", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return hrun_error_errno(err, "create a memfd for hrun's sealed copy");
	if (fstat(self, &st) < 0)
		return hrun_error_errno(err, "stat /proc/self/exe");
	size = loaded_size(self, st.st_size, &eh);
	while (off < size)
		if (sendfile(fd, self, &off, (size_t)(size - off)) <= 0)
			return hrun_error_errno(err, "copy /proc/self/exe to a memfd");
	if (size < st.st_size) {
		eh.e_shoff = 0;
		eh.e_shnum = 0;
		eh.e_shstrndx = SHN_UNDEF;
		if (pwrite(fd, &eh, sizeof eh, 0) != (ssize_t)sizeof eh)
			return hrun_error_errno(err, "write the header of hrun's copy");
	}
	if (fcntl(fd, F_ADD_SEALS, SEALS) < 0)
		return hrun_error_errno(err, "seal hrun's copy");
	return steal_fd(&fd);
}

/* The container init's binary (`exec`, an O_PATH fd): the file we run
 * from (the same inode, so the same bytes) on a read-only mount of its
 * own.  That can only be the mount create sealed the init onto, in no
 * namespace since the init's intermediate root was detached with it:
 * nothing can remount it.  Reusing it spares a mount of our own, and the
 * grace period its dissolving waits for.  The inode is compared first,
 * from cached attributes: a file of the container's (a ptraced init's
 * exe) may be on a FUSE mount whose server never answers. */
static bool is_own_sealed(int self, int init_exe)
{
	struct statx a, b;

	return init_exe >= 0 && statx(self, "", AT_EMPTY_PATH, STATX_INO, &a) == 0 &&
	       statx(init_exe, "", AT_EMPTY_PATH | AT_STATX_DONT_SYNC, STATX_INO, &b) == 0 &&
	       a.stx_dev_major == b.stx_dev_major && a.stx_dev_minor == b.stx_dev_minor &&
	       a.stx_ino == b.stx_ino && exe_is_sealed(init_exe);
}

/* Our exe, now the sealed file's; else -1 and an exec must follow */
static int remapped(int self, int fd)
{
	_cleanup_close_ int now = -1;

	if (exe_remap(self, fd) < 0)
		return -1;
	now = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	return now >= 0 && exe_is_sealed(now) ? 0 : -1;
}

static int ensure(int init_exe, char **argv, int *tree, struct hrun_error *err)
{
	_cleanup_close_ int self = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	_cleanup_close_ int fd = -1;

	if (self < 0)
		return hrun_error_errno(err, "open /proc/self/exe");
	if (exe_is_sealed(self))
		return 0;
	if (is_own_sealed(self, init_exe) && remapped(self, init_exe) == 0)
		return 0;
	fd = readonly_mount();
	if (fd >= 0 && exe_is_sealed(fd) && remapped(self, fd) == 0) {
		if (tree)
			*tree = steal_fd(&fd);
		return 0;
	}
	/* else the exec below replaces whatever the remap left */
	if (fd < 0)
		fd = sealed_copy(self, err);
	if (fd < 0)
		return -1;
	/* what the re-executed hrun will check: it must not loop */
	if (!exe_is_sealed(fd))
		return hrun_error_set(err, 0, "hrun's own binary could not be sealed");
	execveat(fd, "", argv, environ, AT_EMPTY_PATH);
	return hrun_error_errno(err, "re-execute hrun from its sealed binary");
}

int sealed_exe_ensure(char **argv, int *tree, struct hrun_error *err)
{
	*tree = -1;
	return ensure(-1, argv, tree, err);
}

int sealed_exe_ensure_from(int init_exe, char **argv, struct hrun_error *err)
{
	return ensure(init_exe, argv, NULL, err);
}
