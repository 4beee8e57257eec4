/* The programs critest's test images need, one static binary named after
 * its role (argv[0]), for images built from a busybox rootfs:
 *   nginx PORT WORDS...  answers 200 on PORT, writes /var/run/nginx.pid,
 *                        logs its argv (the words the tests look for)
 *   nnp                  prints "Effective uid: N" (setuid root in the image)
 *   ipcs [-m]            the shared memory segments of the ipc namespace
 *   pause                sleeps until TERM, reaping
 *   sh                   "sh -c WORD..." without shell syntax is exec'd from
 *                        PATH with busybox ash's error words (Debian's
 *                        busybox-static runs applets in-process, which would
 *                        never exec a masked /bin/ls); else busybox's sh */
#include <errno.h>
#include <libgen.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void bye(int sig)
{
	(void)sig;
	_exit(0);
}

static void reap(int sig)
{
	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static int web(int argc, char **argv)
{
	static const char body[] = "<html><body>Welcome to nginx!</body></html>\n";
	int port = argc > 1 ? atoi(argv[1]) : 80, one = 1, zero = 0;

	signal(SIGTERM, bye);
	signal(SIGINT, bye);
	signal(SIGQUIT, bye);
	mkdir("/var/run", 0755);
	FILE *f = fopen("/var/run/nginx.pid", "w");
	if (f) {
		fprintf(f, "%d\n", getpid());
		fclose(f);
	}
	int s = socket(AF_INET6, SOCK_STREAM, 0);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
	struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_port = htons(port)};
	if (bind(s, (struct sockaddr *)&a, sizeof a) < 0 || listen(s, 16) < 0) {
		perror("bind/listen");
		return 1;
	}
	for (int i = 0; i < argc; i++)
		printf("%s%s", i ? " " : "", argv[i]);
	printf("\n");
	fflush(stdout);
	for (;;) {
		char buf[4096], hdr[256];
		int c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		(void)!read(c, buf, sizeof buf);
		int n = snprintf(hdr, sizeof hdr,
				 "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n"
				 "Content-Length: %zu\r\nConnection: close\r\n\r\n",
				 sizeof body - 1);
		(void)!write(c, hdr, n);
		(void)!write(c, body, sizeof body - 1);
		close(c);
	}
}

static int ipcs(void)
{
	char line[512];
	unsigned long key, id, perms, size;
	FILE *f = fopen("/proc/sysvipc/shm", "r");

	printf("------ Shared Memory Segments --------\n"
	       "key        shmid      owner      perms      bytes\n");
	if (!f || !fgets(line, sizeof line, f))
		return 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "%lu %lu %lo %lu", &key, &id, &perms, &size) == 4)
			printf("0x%08lx %-10lu root       %-10lo %lu\n", key, id, perms, size);
	return 0;
}

static _Noreturn void idle(void)
{
	signal(SIGTERM, bye);
	signal(SIGINT, bye);
	signal(SIGCHLD, reap);
	for (;;)
		pause();
}

static int sh(int argc, char **argv)
{
	static const char plain[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./- ";

	if (argc == 3 && strcmp(argv[1], "-c") == 0 && argv[2][0] &&
	    strspn(argv[2], plain) == strlen(argv[2])) {
		char buf[4096], *w[64];
		int n = 0;
		snprintf(buf, sizeof buf, "%s", argv[2]);
		for (char *t = strtok(buf, " "); t && n < 63; t = strtok(NULL, " "))
			w[n++] = t;
		w[n] = NULL;
		if (n > 0) {
			execvp(w[0], w);
			int e = errno;
			fprintf(stderr, "%s: %s: %s\n", argv[0], w[0], strerror(e));
			return e == ENOENT ? 127 : 126;
		}
	}
	execv("/bin/busybox", argv);
	perror("/bin/busybox");
	return 127;
}

int main(int argc, char **argv)
{
	char *self = basename(argv[0]);

	if (strcmp(self, "nginx") == 0)
		return web(argc, argv);
	if (strcmp(self, "nnp") == 0)
		return printf("Effective uid: %d\n", (int)geteuid()) < 0;
	if (strcmp(self, "ipcs") == 0)
		return ipcs();
	if (strcmp(self, "pause") == 0)
		idle();
	if (strcmp(self, "sh") == 0)
		return sh(argc, argv);
	fprintf(stderr, "fakes: unknown role %s\n", self);
	return 2;
}
