/* SPDX-License-Identifier: GPL-2.0-or-later */
#include "plan/bitmap.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>

#define LONG_BITS (sizeof(unsigned long) * CHAR_BIT)

/* A decimal number at *s, at most max; advances *s. */
static int number(const char **s, unsigned int max, unsigned int *out)
{
	unsigned long v = 0;
	const char *c = *s;

	if (*c < '0' || *c > '9')
		return -1;
	for (; *c >= '0' && *c <= '9'; c++)
		if ((v = v * 10 + (unsigned long)(*c - '0')) > max)
			return -1;
	*s = c;
	*out = (unsigned int)v;
	return 0;
}

/* Walk the list, handing each range to add() when it is set; returns the
 * highest number, or -1 when the list is malformed. */
static long scan(const char *list, unsigned int max, void (*add)(void *, unsigned, unsigned),
		 void *data)
{
	long top = -1;

	for (const char *s = list;;) {
		unsigned int lo, hi;

		if (number(&s, max, &lo) < 0)
			return -1;
		hi = lo;
		if (*s == '-' && (++s, number(&s, max, &hi) < 0 || hi < lo))
			return -1;
		if (add)
			add(data, lo, hi);
		top = (long)hi > top ? (long)hi : top;
		if (*s == '\0')
			return top;
		if (*s++ != ',')
			return -1;
	}
}

static void set_range(void *data, unsigned int lo, unsigned int hi)
{
	unsigned long *bits = data;

	for (unsigned int n = lo; n <= hi; n++)
		bits[n / LONG_BITS] |= 1UL << (n % LONG_BITS);
}

int bitmap_parse(const char *list, unsigned int max, struct plan_bitmap *out)
{
	long top = scan(list, max, NULL, NULL);

	out->bits = NULL;
	out->n_longs = 0;
	if (top < 0) {
		errno = EINVAL;
		return -1;
	}
	out->n_longs = (size_t)top / LONG_BITS + 1;
	out->bits = calloc(out->n_longs, sizeof *out->bits);
	if (!out->bits) {
		out->n_longs = 0;
		errno = ENOMEM;
		return -1;
	}
	scan(list, max, set_range, out->bits);
	return 0;
}

bool bitmap_test(const struct plan_bitmap *b, unsigned int n)
{
	return n / LONG_BITS < b->n_longs && (b->bits[n / LONG_BITS] >> (n % LONG_BITS)) & 1;
}

void bitmap_print(const struct plan_bitmap *b, FILE *out)
{
	unsigned int end = (unsigned int)(b->n_longs * LONG_BITS);
	const char *sep = "";

	for (unsigned int n = 0; n < end; n++) {
		unsigned int lo = n;

		if (!bitmap_test(b, n))
			continue;
		while (n + 1 < end && bitmap_test(b, n + 1))
			n++;
		if (lo == n)
			fprintf(out, "%s%u", sep, lo);
		else
			fprintf(out, "%s%u-%u", sep, lo, n);
		sep = ",";
	}
}

void bitmap_free(struct plan_bitmap *b)
{
	free(b->bits);
	b->bits = NULL;
	b->n_longs = 0;
}
