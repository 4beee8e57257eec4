/* SPDX-License-Identifier: GPL-2.0-or-later */
/* SHA-256 against the FIPS 180-2 / NIST test vectors, whole and in pieces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "seccomp/sha256.h"

static void check(const void *data, size_t len, const char *hex)
{
	uint8_t digest[SHA256_DIGEST_SIZE];
	char out[2 * SHA256_DIGEST_SIZE + 1];

	sha256(data, len, digest);
	sha256_hex(digest, out);
	assert_string_equal(out, hex);
}

static void test_sha256_empty(void **state)
{
	check("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_sha256_abc(void **state)
{
	check("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_sha256_two_blocks(void **state)
{
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";

	check(m, strlen(m), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_sha256_896_bits(void **state)
{
	const char *m = "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
			"ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

	check(m, strlen(m), "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

/* A million 'a' fed in odd-sized pieces: the block buffering is exercised. */
static void test_sha256_million_a_in_pieces(void **state)
{
	static char chunk[997];
	uint8_t digest[SHA256_DIGEST_SIZE];
	char out[2 * SHA256_DIGEST_SIZE + 1];
	struct sha256 h;
	size_t left = 1000000;

	memset(chunk, 'a', sizeof chunk);
	sha256_init(&h);
	while (left) {
		size_t n = left < sizeof chunk ? left : sizeof chunk;

		sha256_update(&h, chunk, n);
		left -= n;
	}
	sha256_final(&h, digest);
	sha256_hex(digest, out);
	assert_string_equal(out,
			    "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Lengths around the padding boundary (55, 56, 64 bytes). */
static void test_sha256_padding_boundaries(void **state)
{
	char m[64];

	memset(m, 'a', sizeof m);
	check(m, 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
	check(m, 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
	check(m, 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_empty),
		cmocka_unit_test(test_sha256_abc),
		cmocka_unit_test(test_sha256_two_blocks),
		cmocka_unit_test(test_sha256_896_bits),
		cmocka_unit_test(test_sha256_million_a_in_pieces),
		cmocka_unit_test(test_sha256_padding_boundaries),
	};

	return cmocka_run_group_tests_name("seccomp_sha256", tests, NULL, NULL);
}
