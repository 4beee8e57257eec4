/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "cgroup_helpers.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void put_file(const char *dir, const char *file, const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

char *get_file(const char *dir, const char *file)
{
	char path[4096], *buf = NULL;
	size_t size = 0;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, file);
	if (!(f = fopen(path, "r")))
		return NULL;
	FILE *out = open_memstream(&buf, &size);
	for (int c; (c = fgetc(f)) != EOF;)
		fputc(c, out);
	fclose(out);
	fclose(f);
	return buf;
}

void assert_file_impl(const char *dir, const char *file, const char *want, const char *src,
		      int line)
{
	char *text = get_file(dir, file);

	if (!text)
		fail_msg("%s:%d: `%s/%s` does not exist", src, line, dir, file);
	size_t n = strlen(text);
	if (n && text[n - 1] == '\n')
		text[n - 1] = '\0';
	if (strcmp(text, want) != 0)
		fail_msg("%s:%d: `%s/%s` holds `%s`, not `%s`", src, line, dir, file, text, want);
	free(text);
}

bool path_exists(const char *dir, const char *sub)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s", dir, sub);
	return access(path, F_OK) == 0;
}

static char *make_root(void)
{
	char *root = strdup("/tmp/hrun-cgroup-standin-XXXXXX");

	assert_non_null(root);
	assert_non_null(mkdtemp(root));
	return root;
}

static void add_v1(const char *root, const char *hiers)
{
	char *copy = strdup(hiers), *save = NULL;

	for (char *h = strtok_r(copy, " ", &save); h; h = strtok_r(NULL, " ", &save)) {
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/%s", root, h);
		put_file(dir, "cgroup.procs", "");
		if (strstr(h, "cpuset")) {
			put_file(dir, "cpuset.cpus", "0-1\n");
			put_file(dir, "cpuset.mems", "0\n");
		}
	}
	free(copy);
}

char *standin_empty(void)
{
	return make_root();
}

char *standin_v1(const char *hiers)
{
	char *root = make_root();

	add_v1(root, hiers);
	return root;
}

char *standin_hybrid(const char *hiers, const char *v2ctrls)
{
	char *root = standin_v1(hiers);
	char dir[4096];

	snprintf(dir, sizeof dir, "%s/unified", root);
	put_file(dir, "cgroup.controllers", v2ctrls);
	put_file(dir, "cgroup.procs", "");
	return root;
}

char *standin_v2(const char *v2ctrls)
{
	char *root = make_root();

	put_file(root, "cgroup.controllers", v2ctrls);
	put_file(root, "cgroup.procs", "");
	return root;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

void standin_remove(const char *root)
{
	/* only ever our own mkdtemp directories */
	assert_true(strncmp(root, "/tmp/hrun-cgroup-standin-", 25) == 0);
	nftw(root, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

struct cgroup *standin_create(const char *root, const char *path, const struct oci_resources *res)
{
	struct cgroup_request req = {
		.cgroups_path = path, .id = "c1", .root = root, .resources = res};
	struct hrun_error err;
	struct cgroup *cg = cgroup_create(&req, &err);

	if (!cg)
		fail_msg("create `%s`: %s", path, err.msg);
	return cg;
}

void standin_destroy(struct cgroup *cg)
{
	struct hrun_error err;

	if (cgroup_destroy(cg, &err) < 0)
		fail_msg("destroy: %s", err.msg);
	cgroup_free(cg);
}

char *writes_text(const struct cg_writes *l)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	for (size_t i = 0; i < l->n; i++) {
		const struct cg_write *w = &l->w[i];
		fprintf(f, "%s=%s", w->file, w->value);
		if (w->alt_file)
			fprintf(f, " or %s=%s", w->alt_file, w->alt_value);
		if (w->flags & CG_W_DEFAULT)
			fputs(" [default]", f);
		if (w->flags & CG_W_SWAP_NEXT)
			fputs(" [swap-next]", f);
		if (w->flags & CG_W_V2)
			fputs(" [v2]", f);
		if (w->flags & CG_W_V2_ALT)
			fputs(" [v2-alt]", f);
		fputc('\n', f);
	}
	fclose(f);
	return buf;
}
