/* strbuild: build long strings by appending small pieces to a growable
   buffer (manual itoa, strlen, memcpy, malloc/free on growth), then hash
   the result.  Stresses: libc string calls, byte loops. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *data;
  long len, cap;
} Buf;

static void buf_init(Buf *b) {
  b->cap = 16;
  b->len = 0;
  b->data = malloc(b->cap);
  b->data[0] = 0;
}

static void buf_append(Buf *b, const char *s) {
  long l = strlen(s);
  long nc;
  char *nd;

  if (b->len + l + 1 > b->cap) {
    nc = b->cap * 2;
    while (nc < b->len + l + 1) nc *= 2;
    nd = malloc(nc);
    memcpy(nd, b->data, b->len + 1);
    free(b->data);
    b->data = nd;
    b->cap = nc;
  }
  memcpy(b->data + b->len, s, l + 1);
  b->len += l;
}

static int utoa(unsigned long v, char *out) {
  char tmp[24];
  int k = 0, j = 0;

  do {
    tmp[k++] = (char) ('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (k > 0) out[j++] = tmp[--k];
  out[j] = 0;
  return j;
}

int main(int argc, char **argv) {
  int n = 1000000;
  int round, i;
  long total_len, digits;
  unsigned long h;
  char num[32];
  Buf b;
  unsigned char *p;

  if (argc > 1) n = atoi(argv[1]);
  total_len = 0;
  digits = 0;
  h = 0;
  for (round = 0; round < 4; round++) {
    buf_init(&b);
    for (i = 0; i < n; i++) {
      digits += utoa((unsigned long) i * 7 + round, num);
      buf_append(&b, (i & 1) ? "odd:" : "even:");
      buf_append(&b, num);
      buf_append(&b, ";");
    }
    if ((long) strlen(b.data) != b.len) printf("length mismatch\n");
    for (p = (unsigned char *) b.data; *p != 0; p++) h = h * 31 + *p;
    total_len += b.len;
    free(b.data);
  }
  printf("strbuild(%d): len=%ld digits=%ld hash=%lu\n", n, total_len, digits, h);
  return 0;
}
