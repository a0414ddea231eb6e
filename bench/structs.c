/* structs: small structs passed and returned by value.
   x86-64 SysV classification (what the MIR version mirrors):
     Vec2  {double, double}      SSE, SSE        -> blk2:16, returned in xmm0/xmm1
     Pair  {ulong, ulong}        INTEGER, INTEGER -> blk1:16, returned in rax/rdx
     Mixed {long, double}        INTEGER, SSE    -> blk3:16, returned in rax/xmm0
     Triple {ulong, ulong, ulong} MEMORY (24 B)   -> blk:24,  returned through a hidden pointer (rblk:24)
   pair_sum4 takes four Pairs: the fourth no longer fits in registers and is
   passed on the stack.  Stresses: aggregate argument/result passing. */
#include <stdio.h>
#include <stdlib.h>

typedef struct {
  double x, y;
} Vec2;

typedef struct {
  unsigned long a, b;
} Pair;

typedef struct {
  long tag;
  double w;
} Mixed;

typedef struct {
  unsigned long a, b, c;
} Triple;

static Vec2 vadd(Vec2 p, Vec2 q) {
  Vec2 r;

  r.x = p.x + q.x;
  r.y = p.y + q.y;
  return r;
}

static Vec2 vscale(Vec2 p, double k) {
  Vec2 r;

  r.x = p.x * k;
  r.y = p.y * k;
  return r;
}

static Pair pair_mix(Pair p, unsigned long k) {
  Pair r;

  r.a = p.a * 3 + k;
  r.b = p.b ^ (p.a >> 3);
  return r;
}

static Mixed mixed_step(Mixed m, Vec2 v) {
  Mixed r;

  r.tag = (m.tag * 5 + 1) & 65535;
  r.w = m.w * 0.5 + v.x;
  return r;
}

static Triple triple_make(Pair p, Vec2 v, Mixed m) {
  Triple t;

  t.a = p.a + (unsigned long) m.tag;
  t.b = p.b - (unsigned long) (long) v.x;
  t.c = (unsigned long) (long) (v.y * 4.0 + m.w);
  return t;
}

static unsigned long triple_sum(Triple t) {
  return t.a + t.b * 3 + t.c * 7;
}

static unsigned long pair_sum4(Pair p, Pair q, Pair r, Pair s) {
  return p.a + q.b * 2 + r.a * 3 + s.b * 5 + s.a;
}

int main(int argc, char **argv) {
  int n = 80000000;
  int i;
  Vec2 v, d;
  Pair p, q;
  Mixed m;
  Triple t;
  unsigned long acc;

  if (argc > 1) n = atoi(argv[1]);
  v.x = 0.5;
  v.y = 0.25;
  p.a = 1;
  p.b = 2;
  q.a = 7;
  q.b = 11;
  m.tag = 3;
  m.w = 0.125;
  acc = 0;
  for (i = 0; i < n; i++) {
    d.x = (double) (i & 15) * 0.0625;
    d.y = 0.5;
    v = vadd(v, d);
    v = vscale(v, 0.5);
    p = pair_mix(p, (unsigned long) i);
    m = mixed_step(m, v);
    t = triple_make(p, v, m);
    acc = acc * 31 + triple_sum(t);
    if ((i & 255) == 0) acc += pair_sum4(p, q, p, q);
  }
  printf("structs(%d): acc=%lu v=(%.6f, %.6f) p=(%lu, %lu) m=(%ld, %.6f)\n", n, acc, v.x, v.y, p.a, p.b, m.tag, m.w);
  return 0;
}
