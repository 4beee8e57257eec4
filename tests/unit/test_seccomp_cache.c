/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The compiled-BPF cache: a hit gives back the very program, any damage
 * to an entry is a miss (and is repaired by the next store), a directory
 * others may write is not used, and concurrent writers and readers never
 * see a torn entry. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "test_seccomp_helpers.h"

#define PROFILE(errno_ret)                                                                         \
	"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [{\"names\": [\"read\", \"write\"," \
	" \"exit_group\"], \"action\": \"SCMP_ACT_ALLOW\"}, {\"names\": [\"getppid\"],"            \
	" \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": " errno_ret "}]}"

struct fixture {
	char root[64];
	char dir[96];
	struct seccomp_filter *f;
};

static int setup(void **state)
{
	struct fixture *x = calloc(1, sizeof *x);

	strcpy(x->root, "/tmp/hrun-cache-XXXXXX");
	assert_non_null(mkdtemp(x->root));
	snprintf(x->dir, sizeof x->dir, "%s/seccomp", x->root);
	x->f = test_filter_ok(PROFILE("42"), NULL);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *x = *state;
	DIR *d = opendir(x->dir);
	struct dirent *e;

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.' || (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")))
			unlinkat(dirfd(d), e->d_name, 0);
	if (d)
		closedir(d);
	rmdir(x->dir);
	rmdir(x->root);
	seccomp_filter_free(x->f);
	free(x);
	return 0;
}

static struct seccomp_program *program(struct fixture *x)
{
	return &x->f->programs[0];
}

/* A fresh copy of the program without its instructions. */
static struct seccomp_filter *uncompiled(void)
{
	struct hrun_error err = {0};
	struct seccomp_filter *f = test_filter(PROFILE("42"), NULL, &err);

	assert_non_null(f);
	return f;
}

static void store(struct fixture *x)
{
	struct hrun_error err = {0};

	if (seccomp_cache_store(x->dir, program(x), &err) < 0)
		fail_msg("%s", err.msg);
}

/* 1: a hit with the very program; 0: a miss; -1: a hit with something else.
 * No assertions: it also runs in forked children. */
static int load_quiet(struct fixture *x)
{
	struct seccomp_program copy = *program(x);
	int hit;

	copy.insns = NULL;
	copy.n_insns = 0;
	hit = seccomp_cache_load(x->dir, &copy);
	if (hit && (!copy.from_cache || copy.n_insns != program(x)->n_insns ||
		    memcmp(copy.insns, program(x)->insns, copy.n_insns * sizeof *copy.insns)))
		hit = -1;
	free(copy.insns);
	return hit;
}

static int load(struct fixture *x)
{
	int hit = load_quiet(x);

	assert_int_not_equal(hit, -1);
	return hit;
}

/* The one entry's path. */
static void entry_path(struct fixture *x, char *path, size_t size)
{
	DIR *d = opendir(x->dir);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d)) && e->d_name[0] == '.')
		;
	assert_non_null(e);
	snprintf(path, size, "%s/%s", x->dir, e->d_name);
	closedir(d);
}

static void test_miss_then_store_then_hit(void **state)
{
	struct fixture *x = *state;

	assert_int_equal(load(x), 0);
	store(x);
	assert_int_equal(load(x), 1);
}

static void test_other_rules_are_another_key(void **state)
{
	struct fixture *x = *state;
	struct hrun_error err = {0};
	struct seccomp_filter *other = test_filter(PROFILE("43"), NULL, &err);

	store(x);
	assert_int_equal(seccomp_cache_load(x->dir, &other->programs[0]), 0);
	seccomp_filter_free(other);
}

static void damage(struct fixture *x, off_t at, const char *bytes, size_t n, off_t truncate_to)
{
	char path[512];
	int fd;

	entry_path(x, path, sizeof path);
	fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	if (n)
		assert_int_equal(pwrite(fd, bytes, n, at), (ssize_t)n);
	if (truncate_to >= 0)
		assert_int_equal(ftruncate(fd, truncate_to), 0);
	close(fd);
}

static void test_damaged_entries_are_misses(void **state)
{
	struct fixture *x = *state;
	off_t body = 8 + 32 + 32 + 8, size = body + (off_t)(program(x)->n_insns * 8);

	store(x);
	damage(x, body + 3, "\x5a", 1, -1); /* one instruction byte */
	assert_int_equal(load(x), 0);
	store(x);
	damage(x, 0, "HRUNBPF0", 8, -1); /* magic */
	assert_int_equal(load(x), 0);
	store(x);
	damage(x, 8, "\x01", 1, -1); /* the key */
	assert_int_equal(load(x), 0);
	store(x);
	damage(x, 8 + 32, "\x01", 1, -1); /* the checksum */
	assert_int_equal(load(x), 0);
	store(x);
	damage(x, 0, NULL, 0, size - 8); /* one instruction short */
	assert_int_equal(load(x), 0);
	store(x);
	damage(x, size, "\0", 1, -1); /* one byte long */
	assert_int_equal(load(x), 0);
	store(x);
	damage(x, 0, NULL, 0, 0); /* empty */
	assert_int_equal(load(x), 0);
	store(x); /* and the store repairs it */
	assert_int_equal(load(x), 1);
}

static void test_symlinked_entry_is_a_miss(void **state)
{
	struct fixture *x = *state;
	char path[512], moved[600];

	store(x);
	entry_path(x, path, sizeof path);
	snprintf(moved, sizeof moved, "%s/real", x->root);
	assert_int_equal(rename(path, moved), 0);
	assert_int_equal(symlink(moved, path), 0);
	assert_int_equal(load(x), 0);
	unlink(moved);
}

static void test_directory_writable_by_others_is_not_used(void **state)
{
	struct fixture *x = *state;
	struct hrun_error err = {0};

	store(x);
	assert_int_equal(chmod(x->dir, 0777), 0);
	assert_int_equal(load(x), 0);
	assert_int_equal(seccomp_cache_store(x->dir, program(x), &err), -1);
	assert_non_null(strstr(err.msg, "not ours alone"));
	chmod(x->dir, 0700);
}

/* Writers replace the entry over and over while readers load it: every
 * load is a whole entry (checked against the program) or a miss. */
static void test_concurrent_writers_and_readers(void **state)
{
	struct fixture *x = *state;
	pid_t pids[6];
	int status;

	store(x);
	for (int i = 0; i < 6; i++) {
		pids[i] = fork();
		assert_true(pids[i] >= 0);
		if (pids[i] > 0)
			continue;
		for (int n = 0; n < 200; n++) {
			struct hrun_error err = {0};

			if (i < 3 ? seccomp_cache_store(x->dir, program(x), &err) < 0
				  : load_quiet(x) != 1)
				_exit(1);
		}
		_exit(0);
	}
	for (int i = 0; i < 6; i++) {
		assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	assert_int_equal(load(x), 1);
}

/* prepare compiles once, then takes the program from the cache. */
static void test_prepare_uses_the_cache(void **state)
{
	struct fixture *x = *state;
	struct hrun_error err = {0};
	struct seccomp_filter *first = uncompiled(), *second = uncompiled();

	assert_int_equal(seccomp_filter_prepare(first, x->root, &err), 0);
	assert_false(first->programs[0].from_cache);
	assert_int_equal(seccomp_filter_prepare(second, x->root, &err), 0);
	assert_true(second->programs[0].from_cache);
	assert_int_equal(first->programs[0].n_insns, second->programs[0].n_insns);
	assert_memory_equal(first->programs[0].insns, second->programs[0].insns,
			    first->programs[0].n_insns * sizeof(struct sock_filter));
	seccomp_filter_free(first);
	seccomp_filter_free(second);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_miss_then_store_then_hit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_rules_are_another_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_entries_are_misses, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlinked_entry_is_a_miss, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directory_writable_by_others_is_not_used,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_writers_and_readers, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_prepare_uses_the_cache, setup, teardown),
	};

	return cmocka_run_group_tests_name("seccomp_cache", tests, NULL, NULL);
}
