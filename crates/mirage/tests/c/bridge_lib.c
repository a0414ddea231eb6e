/* C side of mirage's native-bridge tests (crates/mirage/tests/bridge.rs).
 *
 * Functions with many SysV signatures that ff-call stubs, the generic
 * ff-call path, interpreter shims and lazy wrappers are checked against.
 * Compiled by build.rs into a static library linked into the integration
 * tests only. Everything exported is prefixed bl_. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define FNV_INIT 0xcbf29ce484222325ULL
static uint64_t fnv(uint64_t h, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) {
    h ^= b[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

/* x87 value 1.xxx with `seed` in the low mantissa bits (same in Rust). */
static void ld_pattern(int seed, long double *out) {
  unsigned char b[16] = {0};
  uint64_t m = 0x8000000000000000ULL | (uint64_t)(uint32_t)seed;
  memcpy(b, &m, 8);
  b[8] = 0xff;
  b[9] = 0x3f;
  memcpy(out, b, 16);
}

/* ---- integer extension ---- */
int64_t bl_raw64(int64_t a) { return a; }
int64_t bl_raw64_7th(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g) {
  (void)a; (void)b; (void)c; (void)d; (void)e; (void)f;
  return g;
}
int64_t bl_ret_big(void) { return 0x1ffffff80LL; }
int bl_is_m128_i8(int8_t a) { return a == -128; }
int bl_is_128_u8(uint8_t a) { return a == 128; }
int bl_is_m128_i16(int16_t a) { return a == -128; }
int bl_is_ff80_u16(uint16_t a) { return a == 0xff80; }
int bl_is_m128_i32(int32_t a) { return a == -128; }
int bl_is_ffffff80_u32(uint32_t a) { return a == 0xffffff80u; }
int8_t bl_neg_i8(int8_t a) { return (int8_t)-a; }
uint16_t bl_add_u16(uint16_t a, uint16_t b) { return (uint16_t)(a + b); }
int64_t bl_mix_narrow(int8_t a, uint8_t b, int16_t c, uint16_t d, int32_t e, uint32_t f, int8_t g, uint16_t h) {
  return a + 10 * (int64_t)b + 100 * (int64_t)c + 1000 * (int64_t)d + 10000 * (int64_t)e + 100000 * (int64_t)f +
         1000000 * (int64_t)g + 10000000 * (int64_t)h;
}

/* ---- many arguments ---- */
double bl_sum20(int32_t a1, double d1, int64_t a2, float f1, int8_t a3, double d2, uint32_t a4, float f2, int16_t a5,
                double d3, int64_t a6, double d4, int32_t a7, float f3, double d5, uint8_t a8, double d6, double d7,
                int64_t a9, double d8) {
  return a1 * 1.0 + d1 * 2 + a2 * 3.0 + f1 * 4 + a3 * 5.0 + d2 * 6 + a4 * 7.0 + f2 * 8 + a5 * 9.0 + d3 * 10 +
         a6 * 11.0 + d4 * 12 + a7 * 13.0 + f3 * 14 + d5 * 15 + a8 * 16.0 + d6 * 17 + d7 * 18 + a9 * 19.0 + d8 * 20;
}
int64_t bl_sum8(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g, int64_t h) {
  return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h;
}
double bl_sum_fp12(double a, float b, double c, double d, float e, double f, double g, double h, double i, float j,
                   double k, double l) {
  return a + 2 * b + 3 * c + 4 * d + 5 * e + 6 * f + 7 * g + 8 * h + 9 * i + 10 * j + 11 * k + 12 * l;
}

/* ---- floating point ---- */
float bl_addf(float a, float b) { return a + b; }
double bl_addd(double a, double b) { return a + b; }
long double bl_addld(long double a, long double b) { return a + b; }
long double bl_mulld_i(long double a, int32_t i, long double b, double d) { return a * i + b * d; }
long double bl_ld_third(void) { return 1.0L / 3.0L; }
void bl_ld_third_bytes(unsigned char *out) {
  long double x = 1.0L / 3.0L;
  memcpy(out, &x, 10);
}
int bl_ld_eq_bytes(long double x, const unsigned char *b) { return memcmp(&x, b, 10) == 0; }
/* ld after an odd number of stack eightbytes: must sit 16-aligned. */
long double bl_ld_after7(int64_t a, int64_t b, int64_t c, int64_t d, int64_t e, int64_t f, int64_t g, long double x,
                         int64_t h) {
  return x * 2 + (long double)(a + b + c + d + e + f + g + h);
}
float bl_f_to_f(double d) { return (float)d; }
double bl_f_widen(float f) { return f; }

/* ---- two results ---- */
typedef struct { int64_t a, b; } P2i;
P2i bl_pair_ii(int64_t x, int64_t y) { P2i r = {x + 1, y * 2}; return r; }
typedef struct { double a, b; } P2d;
P2d bl_pair_dd(double x, double y) { P2d r = {x + 1, y * 2}; return r; }
typedef struct { double d; int64_t i; } Pdi;
Pdi bl_pair_di(double x, int64_t y) { Pdi r = {x * 3, y - 5}; return r; }
typedef struct { int64_t i; double d; } Pid;
Pid bl_pair_id(int64_t y, double x) { Pid r = {y * 7, x / 2}; return r; }
_Complex double bl_cplx_d(double re, double im) { return re + im * 1.0i; }
_Complex long double bl_cplx_ld(long double re, long double im) { return re * 2 + im * 3 * 1.0il; }
typedef struct { float a, b, c; } P3f;
P3f bl_p3f(float x) { P3f r = {x, x * 2, x * 3}; return r; }

/* ---- variadic ---- */
int bl_vfmt(char *buf, size_t n, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsnprintf(buf, n, fmt, ap);
  va_end(ap);
  return r;
}
typedef struct { int64_t a; double b; } VP;  /* case 3 */
typedef struct { double b; int64_t a; } VQ;  /* case 4 */
typedef struct { int64_t x[3]; } VBig;       /* memory */
typedef struct { double x, y; } VD;          /* case 2 */
/* Sums the arguments (or variadic extras) described by `types`: i=int64 d=double L=long double
 * p=VP q=VQ b=VBig v=VD. */
double bl_vsumv(const char *types, va_list ap) {
  long double s = 0;
  for (int k = 1; *types; types++, k++) {
    switch (*types) {
    case 'i': s += k * (long double)va_arg(ap, int64_t); break;
    case 'd': s += k * (long double)va_arg(ap, double); break;
    case 'L': s += k * va_arg(ap, long double); break;
    case 'p': { VP v = va_arg(ap, VP); s += k * (v.a + v.b); break; }
    case 'q': { VQ v = va_arg(ap, VQ); s += k * (v.a - v.b); break; }
    case 'b': { VBig v = va_arg(ap, VBig); s += k * (v.x[0] + 2 * v.x[1] + 3 * v.x[2]); break; }
    case 'v': { VD v = va_arg(ap, VD); s += k * (v.x * 2 + v.y); break; }
    }
  }
  return (double)s;
}
double bl_vsum(const char *types, ...) {
  va_list ap;
  va_start(ap, types);
  double r = bl_vsumv(types, ap);
  va_end(ap);
  return r;
}

/* ---- callbacks into shims ---- */
typedef struct { int64_t a; double b; } CbS;
typedef double (*cb12_t)(int8_t, uint16_t, int32_t, int64_t, uint8_t, int64_t, int32_t, float, double, long double,
                         CbS, int16_t);
static double cb12_expect(int8_t a, uint16_t b, int32_t c, int64_t d, uint8_t e, int64_t f, int32_t g, float h,
                          double i, long double j, CbS k, int16_t l) {
  return a + 2.0 * b + 3.0 * c + 4.0 * (d >> 20) + 5.0 * e + 6.0 * f + 7.0 * g + 8 * h + 9 * i + (double)(10 * j) +
         11 * (k.a + k.b) + 12.0 * l;
}
/* Calls cb with 12 mixed arguments; returns 1 when its result is right. */
int bl_call_cb12(cb12_t cb, double *got) {
  CbS k = {11, 0.5};
  double r = cb(-5, 60000, -7, (int64_t)1 << 40, 200, -9, 1234567, 1.5f, 2.25, 3.5L, k, -300);
  *got = r;
  return r == cb12_expect(-5, 60000, -7, (int64_t)1 << 40, 200, -9, 1234567, 1.5f, 2.25, 3.5L, k, -300);
}
/* Variadic callback: cb(types, ...) with the extras below. */
typedef double (*vcb_t)(const char *, ...);
double bl_call_vcb(vcb_t cb) {
  VP p = {4, 0.25};
  return cb("idLpiddddddddiiiiiL", (int64_t)7, 1.5, (long double)2.25, p, (int64_t)-3, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0,
            7.0, 8.0, (int64_t)1, (int64_t)2, (int64_t)3, (int64_t)4, (int64_t)5, (long double)0.5);
}
/* Callbacks with struct / long double / narrow results. */
typedef Pdi (*cbpdi_t)(double, int64_t);
int bl_call_cbpdi(cbpdi_t cb) {
  Pdi r = cb(2.5, 40);
  return r.d == 5.0 && r.i == 41;
}
typedef long double (*cbld_t)(long double, long double);
long double bl_call_cbld(cbld_t cb) { return cb(1.25L, 1.0L / 3.0L); }
typedef int8_t (*cbi8_t)(int32_t);
int32_t bl_call_cbi8(cbi8_t cb) { return cb(0x1ff); }
typedef _Complex long double (*cbcld_t)(void);
int bl_call_cbcld(cbcld_t cb) {
  _Complex long double z = cb();
  return __real__ z == 1.5L && __imag__ z == -2.75L;
}
/* Calls a function pointer with 8 int args (two on the stack). */
int64_t bl_call_sum8(int64_t (*f)(int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t, int64_t)) {
  return f(1, 2, 3, 4, 5, 6, 7, 8);
}

/* ---- thunk stress targets ---- */
static long hits_a, hits_b;
int64_t bl_inc_a(int64_t x) {
  __atomic_fetch_add(&hits_a, 1, __ATOMIC_RELAXED);
  return x + 1;
}
int64_t bl_inc_b(int64_t x) {
  __atomic_fetch_add(&hits_b, 1, __ATOMIC_RELAXED);
  return -(~x);
}
long bl_hits(int which) { return __atomic_load_n(which ? &hits_b : &hits_a, __ATOMIC_RELAXED); }
int64_t bl_plain_inc(int64_t x) { return x + 1; }
int64_t bl_call_ptr_loop(int64_t (*f)(int64_t), int64_t n) {
  int64_t x = 0;
  for (int64_t i = 0; i < n; i++) x = f(x);
  return x;
}

/* ---- by-value structs of every size (generated, see tests/bridge.rs) ----
 * S1..S64 have sizeof == N and no padding: fields drawn from int8/16/32,
 * float, double, int64 in a rotating per-size pattern, aligned to the
 * largest power of two dividing N (at most 8); S65.. are hand-picked SSE,
 * INTEGER+SSE, SSE+INTEGER, mixed-eightbyte and long double shapes. Each
 * has fill_/hash_ (field-wise FNV-1a; long double = its 10 bytes), take_,
 * take2_ (registers nearly exhausted), make_ and fillp_, reached through
 * bl_struct_fn(id, which). The Rust table STRUCTS in tests/bridge.rs lists
 * the same field codes and must change with this section. */
typedef struct { int8_t f0; } S1;
_Static_assert(sizeof(S1) == 1, "size of S1");
static void fill_S1(int seed, S1 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
}
static uint64_t hash_S1(const S1 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  return h;
}
static uint64_t take_S1(int32_t a, S1 s, double d) { return hash_S1(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S1(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S1 s, int64_t z, double w) {
  return hash_S1(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S1 make_S1(int32_t seed) { S1 s; memset(&s, 0, sizeof s); fill_S1(seed, &s); return s; }
static void fillp_S1(int32_t seed, S1 *s) { memset(s, 0, sizeof *s); fill_S1(seed, s); }

typedef struct { int16_t f0; } S2;
_Static_assert(sizeof(S2) == 2, "size of S2");
static void fill_S2(int seed, S2 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
}
static uint64_t hash_S2(const S2 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  return h;
}
static uint64_t take_S2(int32_t a, S2 s, double d) { return hash_S2(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S2(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S2 s, int64_t z, double w) {
  return hash_S2(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S2 make_S2(int32_t seed) { S2 s; memset(&s, 0, sizeof s); fill_S2(seed, &s); return s; }
static void fillp_S2(int32_t seed, S2 *s) { memset(s, 0, sizeof *s); fill_S2(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; } S3;
_Static_assert(sizeof(S3) == 3, "size of S3");
static void fill_S3(int seed, S3 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
}
static uint64_t hash_S3(const S3 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  return h;
}
static uint64_t take_S3(int32_t a, S3 s, double d) { return hash_S3(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S3(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S3 s, int64_t z, double w) {
  return hash_S3(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S3 make_S3(int32_t seed) { S3 s; memset(&s, 0, sizeof s); fill_S3(seed, &s); return s; }
static void fillp_S3(int32_t seed, S3 *s) { memset(s, 0, sizeof *s); fill_S3(seed, s); }

typedef struct { float f0; } S4;
_Static_assert(sizeof(S4) == 4, "size of S4");
static void fill_S4(int seed, S4 *s) {
  s->f0 = (float)(seed + 0) * 0.5;
}
static uint64_t hash_S4(const S4 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  return h;
}
static uint64_t take_S4(int32_t a, S4 s, double d) { return hash_S4(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S4(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S4 s, int64_t z, double w) {
  return hash_S4(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S4 make_S4(int32_t seed) { S4 s; memset(&s, 0, sizeof s); fill_S4(seed, &s); return s; }
static void fillp_S4(int32_t seed, S4 *s) { memset(s, 0, sizeof *s); fill_S4(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; } S5;
_Static_assert(sizeof(S5) == 5, "size of S5");
static void fill_S5(int seed, S5 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
}
static uint64_t hash_S5(const S5 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  return h;
}
static uint64_t take_S5(int32_t a, S5 s, double d) { return hash_S5(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S5(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S5 s, int64_t z, double w) {
  return hash_S5(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S5 make_S5(int32_t seed) { S5 s; memset(&s, 0, sizeof s); fill_S5(seed, &s); return s; }
static void fillp_S5(int32_t seed, S5 *s) { memset(s, 0, sizeof *s); fill_S5(seed, s); }

typedef struct { int16_t f0; int16_t f1; int8_t f2; int8_t f3; } S6;
_Static_assert(sizeof(S6) == 6, "size of S6");
static void fill_S6(int seed, S6 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
}
static uint64_t hash_S6(const S6 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  return h;
}
static uint64_t take_S6(int32_t a, S6 s, double d) { return hash_S6(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S6(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S6 s, int64_t z, double w) {
  return hash_S6(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S6 make_S6(int32_t seed) { S6 s; memset(&s, 0, sizeof s); fill_S6(seed, &s); return s; }
static void fillp_S6(int32_t seed, S6 *s) { memset(s, 0, sizeof *s); fill_S6(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; } S7;
_Static_assert(sizeof(S7) == 7, "size of S7");
static void fill_S7(int seed, S7 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
}
static uint64_t hash_S7(const S7 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  return h;
}
static uint64_t take_S7(int32_t a, S7 s, double d) { return hash_S7(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S7(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S7 s, int64_t z, double w) {
  return hash_S7(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S7 make_S7(int32_t seed) { S7 s; memset(&s, 0, sizeof s); fill_S7(seed, &s); return s; }
static void fillp_S7(int32_t seed, S7 *s) { memset(s, 0, sizeof *s); fill_S7(seed, s); }

typedef struct { double f0; } S8;
_Static_assert(sizeof(S8) == 8, "size of S8");
static void fill_S8(int seed, S8 *s) {
  s->f0 = (double)(seed + 0) * 0.5;
}
static uint64_t hash_S8(const S8 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 8);
  return h;
}
static uint64_t take_S8(int32_t a, S8 s, double d) { return hash_S8(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S8(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S8 s, int64_t z, double w) {
  return hash_S8(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S8 make_S8(int32_t seed) { S8 s; memset(&s, 0, sizeof s); fill_S8(seed, &s); return s; }
static void fillp_S8(int32_t seed, S8 *s) { memset(s, 0, sizeof *s); fill_S8(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; } S9;
_Static_assert(sizeof(S9) == 9, "size of S9");
static void fill_S9(int seed, S9 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
}
static uint64_t hash_S9(const S9 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  return h;
}
static uint64_t take_S9(int32_t a, S9 s, double d) { return hash_S9(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S9(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S9 s, int64_t z, double w) {
  return hash_S9(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S9 make_S9(int32_t seed) { S9 s; memset(&s, 0, sizeof s); fill_S9(seed, &s); return s; }
static void fillp_S9(int32_t seed, S9 *s) { memset(s, 0, sizeof *s); fill_S9(seed, s); }

typedef struct { int16_t f0; int16_t f1; int16_t f2; int16_t f3; int16_t f4; } S10;
_Static_assert(sizeof(S10) == 10, "size of S10");
static void fill_S10(int seed, S10 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int16_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int16_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
}
static uint64_t hash_S10(const S10 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 2);
  h = fnv(h, &s->f3, 2);
  h = fnv(h, &s->f4, 2);
  return h;
}
static uint64_t take_S10(int32_t a, S10 s, double d) { return hash_S10(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S10(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S10 s, int64_t z, double w) {
  return hash_S10(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S10 make_S10(int32_t seed) { S10 s; memset(&s, 0, sizeof s); fill_S10(seed, &s); return s; }
static void fillp_S10(int32_t seed, S10 *s) { memset(s, 0, sizeof *s); fill_S10(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; } S11;
_Static_assert(sizeof(S11) == 11, "size of S11");
static void fill_S11(int seed, S11 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
}
static uint64_t hash_S11(const S11 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  return h;
}
static uint64_t take_S11(int32_t a, S11 s, double d) { return hash_S11(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S11(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S11 s, int64_t z, double w) {
  return hash_S11(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S11 make_S11(int32_t seed) { S11 s; memset(&s, 0, sizeof s); fill_S11(seed, &s); return s; }
static void fillp_S11(int32_t seed, S11 *s) { memset(s, 0, sizeof *s); fill_S11(seed, s); }

typedef struct { int32_t f0; float f1; int8_t f2; int8_t f3; int16_t f4; } S12;
_Static_assert(sizeof(S12) == 12, "size of S12");
static void fill_S12(int seed, S12 *s) {
  s->f0 = (int32_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (float)(seed + 1) * 0.5;
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
}
static uint64_t hash_S12(const S12 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 2);
  return h;
}
static uint64_t take_S12(int32_t a, S12 s, double d) { return hash_S12(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S12(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S12 s, int64_t z, double w) {
  return hash_S12(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S12 make_S12(int32_t seed) { S12 s; memset(&s, 0, sizeof s); fill_S12(seed, &s); return s; }
static void fillp_S12(int32_t seed, S12 *s) { memset(s, 0, sizeof *s); fill_S12(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; } S13;
_Static_assert(sizeof(S13) == 13, "size of S13");
static void fill_S13(int seed, S13 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
}
static uint64_t hash_S13(const S13 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  return h;
}
static uint64_t take_S13(int32_t a, S13 s, double d) { return hash_S13(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S13(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S13 s, int64_t z, double w) {
  return hash_S13(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S13 make_S13(int32_t seed) { S13 s; memset(&s, 0, sizeof s); fill_S13(seed, &s); return s; }
static void fillp_S13(int32_t seed, S13 *s) { memset(s, 0, sizeof *s); fill_S13(seed, s); }

typedef struct { int16_t f0; int16_t f1; int16_t f2; int16_t f3; int16_t f4; int8_t f5; int8_t f6; int16_t f7; } S14;
_Static_assert(sizeof(S14) == 14, "size of S14");
static void fill_S14(int seed, S14 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int16_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int16_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
}
static uint64_t hash_S14(const S14 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 2);
  h = fnv(h, &s->f3, 2);
  h = fnv(h, &s->f4, 2);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 2);
  return h;
}
static uint64_t take_S14(int32_t a, S14 s, double d) { return hash_S14(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S14(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S14 s, int64_t z, double w) {
  return hash_S14(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S14 make_S14(int32_t seed) { S14 s; memset(&s, 0, sizeof s); fill_S14(seed, &s); return s; }
static void fillp_S14(int32_t seed, S14 *s) { memset(s, 0, sizeof *s); fill_S14(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; } S15;
_Static_assert(sizeof(S15) == 15, "size of S15");
static void fill_S15(int seed, S15 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
}
static uint64_t hash_S15(const S15 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  return h;
}
static uint64_t take_S15(int32_t a, S15 s, double d) { return hash_S15(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S15(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S15 s, int64_t z, double w) {
  return hash_S15(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S15 make_S15(int32_t seed) { S15 s; memset(&s, 0, sizeof s); fill_S15(seed, &s); return s; }
static void fillp_S15(int32_t seed, S15 *s) { memset(s, 0, sizeof *s); fill_S15(seed, s); }

typedef struct { int64_t f0; double f1; } S16;
_Static_assert(sizeof(S16) == 16, "size of S16");
static void fill_S16(int seed, S16 *s) {
  s->f0 = (int64_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (double)(seed + 1) * 0.5;
}
static uint64_t hash_S16(const S16 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 8);
  h = fnv(h, &s->f1, 8);
  return h;
}
static uint64_t take_S16(int32_t a, S16 s, double d) { return hash_S16(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S16(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S16 s, int64_t z, double w) {
  return hash_S16(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S16 make_S16(int32_t seed) { S16 s; memset(&s, 0, sizeof s); fill_S16(seed, &s); return s; }
static void fillp_S16(int32_t seed, S16 *s) { memset(s, 0, sizeof *s); fill_S16(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; } S17;
_Static_assert(sizeof(S17) == 17, "size of S17");
static void fill_S17(int seed, S17 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
}
static uint64_t hash_S17(const S17 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  return h;
}
static uint64_t take_S17(int32_t a, S17 s, double d) { return hash_S17(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S17(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S17 s, int64_t z, double w) {
  return hash_S17(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S17 make_S17(int32_t seed) { S17 s; memset(&s, 0, sizeof s); fill_S17(seed, &s); return s; }
static void fillp_S17(int32_t seed, S17 *s) { memset(s, 0, sizeof *s); fill_S17(seed, s); }

typedef struct { int16_t f0; int16_t f1; int16_t f2; int16_t f3; int8_t f4; int8_t f5; int16_t f6; int16_t f7; int16_t f8; int16_t f9; } S18;
_Static_assert(sizeof(S18) == 18, "size of S18");
static void fill_S18(int seed, S18 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int16_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int16_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int16_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int16_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int16_t)(seed * 31 + 9 * 7 - 50);
}
static uint64_t hash_S18(const S18 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 2);
  h = fnv(h, &s->f3, 2);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 2);
  h = fnv(h, &s->f7, 2);
  h = fnv(h, &s->f8, 2);
  h = fnv(h, &s->f9, 2);
  return h;
}
static uint64_t take_S18(int32_t a, S18 s, double d) { return hash_S18(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S18(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S18 s, int64_t z, double w) {
  return hash_S18(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S18 make_S18(int32_t seed) { S18 s; memset(&s, 0, sizeof s); fill_S18(seed, &s); return s; }
static void fillp_S18(int32_t seed, S18 *s) { memset(s, 0, sizeof *s); fill_S18(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; } S19;
_Static_assert(sizeof(S19) == 19, "size of S19");
static void fill_S19(int seed, S19 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
}
static uint64_t hash_S19(const S19 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  return h;
}
static uint64_t take_S19(int32_t a, S19 s, double d) { return hash_S19(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S19(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S19 s, int64_t z, double w) {
  return hash_S19(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S19 make_S19(int32_t seed) { S19 s; memset(&s, 0, sizeof s); fill_S19(seed, &s); return s; }
static void fillp_S19(int32_t seed, S19 *s) { memset(s, 0, sizeof *s); fill_S19(seed, s); }

typedef struct { float f0; int16_t f1; int8_t f2; int8_t f3; int32_t f4; int32_t f5; float f6; } S20;
_Static_assert(sizeof(S20) == 20, "size of S20");
static void fill_S20(int seed, S20 *s) {
  s->f0 = (float)(seed + 0) * 0.5;
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int32_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int32_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (float)(seed + 6) * 0.5;
}
static uint64_t hash_S20(const S20 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 4);
  h = fnv(h, &s->f5, 4);
  h = fnv(h, &s->f6, 4);
  return h;
}
static uint64_t take_S20(int32_t a, S20 s, double d) { return hash_S20(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S20(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S20 s, int64_t z, double w) {
  return hash_S20(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S20 make_S20(int32_t seed) { S20 s; memset(&s, 0, sizeof s); fill_S20(seed, &s); return s; }
static void fillp_S20(int32_t seed, S20 *s) { memset(s, 0, sizeof *s); fill_S20(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; } S21;
_Static_assert(sizeof(S21) == 21, "size of S21");
static void fill_S21(int seed, S21 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
}
static uint64_t hash_S21(const S21 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  return h;
}
static uint64_t take_S21(int32_t a, S21 s, double d) { return hash_S21(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S21(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S21 s, int64_t z, double w) {
  return hash_S21(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S21 make_S21(int32_t seed) { S21 s; memset(&s, 0, sizeof s); fill_S21(seed, &s); return s; }
static void fillp_S21(int32_t seed, S21 *s) { memset(s, 0, sizeof *s); fill_S21(seed, s); }

typedef struct { int16_t f0; int16_t f1; int16_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int16_t f7; int16_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int16_t f13; int16_t f14; } S22;
_Static_assert(sizeof(S22) == 22, "size of S22");
static void fill_S22(int seed, S22 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int16_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int16_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int16_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int16_t)(seed * 31 + 14 * 7 - 50);
}
static uint64_t hash_S22(const S22 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 2);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 2);
  h = fnv(h, &s->f8, 2);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 2);
  h = fnv(h, &s->f14, 2);
  return h;
}
static uint64_t take_S22(int32_t a, S22 s, double d) { return hash_S22(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S22(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S22 s, int64_t z, double w) {
  return hash_S22(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S22 make_S22(int32_t seed) { S22 s; memset(&s, 0, sizeof s); fill_S22(seed, &s); return s; }
static void fillp_S22(int32_t seed, S22 *s) { memset(s, 0, sizeof *s); fill_S22(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; } S23;
_Static_assert(sizeof(S23) == 23, "size of S23");
static void fill_S23(int seed, S23 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
}
static uint64_t hash_S23(const S23 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  return h;
}
static uint64_t take_S23(int32_t a, S23 s, double d) { return hash_S23(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S23(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S23 s, int64_t z, double w) {
  return hash_S23(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S23 make_S23(int32_t seed) { S23 s; memset(&s, 0, sizeof s); fill_S23(seed, &s); return s; }
static void fillp_S23(int32_t seed, S23 *s) { memset(s, 0, sizeof *s); fill_S23(seed, s); }

typedef struct { double f0; float f1; int32_t f2; int32_t f3; int16_t f4; int8_t f5; int8_t f6; } S24;
_Static_assert(sizeof(S24) == 24, "size of S24");
static void fill_S24(int seed, S24 *s) {
  s->f0 = (double)(seed + 0) * 0.5;
  s->f1 = (float)(seed + 1) * 0.5;
  s->f2 = (int32_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int32_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
}
static uint64_t hash_S24(const S24 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 8);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 4);
  h = fnv(h, &s->f3, 4);
  h = fnv(h, &s->f4, 2);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  return h;
}
static uint64_t take_S24(int32_t a, S24 s, double d) { return hash_S24(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S24(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S24 s, int64_t z, double w) {
  return hash_S24(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S24 make_S24(int32_t seed) { S24 s; memset(&s, 0, sizeof s); fill_S24(seed, &s); return s; }
static void fillp_S24(int32_t seed, S24 *s) { memset(s, 0, sizeof *s); fill_S24(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; } S25;
_Static_assert(sizeof(S25) == 25, "size of S25");
static void fill_S25(int seed, S25 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
}
static uint64_t hash_S25(const S25 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  return h;
}
static uint64_t take_S25(int32_t a, S25 s, double d) { return hash_S25(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S25(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S25 s, int64_t z, double w) {
  return hash_S25(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S25 make_S25(int32_t seed) { S25 s; memset(&s, 0, sizeof s); fill_S25(seed, &s); return s; }
static void fillp_S25(int32_t seed, S25 *s) { memset(s, 0, sizeof *s); fill_S25(seed, s); }

typedef struct { int16_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; } S26;
_Static_assert(sizeof(S26) == 26, "size of S26");
static void fill_S26(int seed, S26 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
}
static uint64_t hash_S26(const S26 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  return h;
}
static uint64_t take_S26(int32_t a, S26 s, double d) { return hash_S26(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S26(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S26 s, int64_t z, double w) {
  return hash_S26(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S26 make_S26(int32_t seed) { S26 s; memset(&s, 0, sizeof s); fill_S26(seed, &s); return s; }
static void fillp_S26(int32_t seed, S26 *s) { memset(s, 0, sizeof *s); fill_S26(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; } S27;
_Static_assert(sizeof(S27) == 27, "size of S27");
static void fill_S27(int seed, S27 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
}
static uint64_t hash_S27(const S27 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  return h;
}
static uint64_t take_S27(int32_t a, S27 s, double d) { return hash_S27(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S27(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S27 s, int64_t z, double w) {
  return hash_S27(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S27 make_S27(int32_t seed) { S27 s; memset(&s, 0, sizeof s); fill_S27(seed, &s); return s; }
static void fillp_S27(int32_t seed, S27 *s) { memset(s, 0, sizeof *s); fill_S27(seed, s); }

typedef struct { float f0; float f1; int32_t f2; int32_t f3; int16_t f4; int8_t f5; int8_t f6; float f7; int32_t f8; } S28;
_Static_assert(sizeof(S28) == 28, "size of S28");
static void fill_S28(int seed, S28 *s) {
  s->f0 = (float)(seed + 0) * 0.5;
  s->f1 = (float)(seed + 1) * 0.5;
  s->f2 = (int32_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int32_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (float)(seed + 7) * 0.5;
  s->f8 = (int32_t)(seed * 31 + 8 * 7 - 50);
}
static uint64_t hash_S28(const S28 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 4);
  h = fnv(h, &s->f3, 4);
  h = fnv(h, &s->f4, 2);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 4);
  h = fnv(h, &s->f8, 4);
  return h;
}
static uint64_t take_S28(int32_t a, S28 s, double d) { return hash_S28(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S28(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S28 s, int64_t z, double w) {
  return hash_S28(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S28 make_S28(int32_t seed) { S28 s; memset(&s, 0, sizeof s); fill_S28(seed, &s); return s; }
static void fillp_S28(int32_t seed, S28 *s) { memset(s, 0, sizeof *s); fill_S28(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; } S29;
_Static_assert(sizeof(S29) == 29, "size of S29");
static void fill_S29(int seed, S29 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
}
static uint64_t hash_S29(const S29 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  return h;
}
static uint64_t take_S29(int32_t a, S29 s, double d) { return hash_S29(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S29(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S29 s, int64_t z, double w) {
  return hash_S29(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S29 make_S29(int32_t seed) { S29 s; memset(&s, 0, sizeof s); fill_S29(seed, &s); return s; }
static void fillp_S29(int32_t seed, S29 *s) { memset(s, 0, sizeof *s); fill_S29(seed, s); }

typedef struct { int16_t f0; int16_t f1; int16_t f2; int16_t f3; int16_t f4; int8_t f5; int8_t f6; int16_t f7; int16_t f8; int16_t f9; int16_t f10; int8_t f11; int8_t f12; int16_t f13; int16_t f14; int16_t f15; int16_t f16; } S30;
_Static_assert(sizeof(S30) == 30, "size of S30");
static void fill_S30(int seed, S30 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int16_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int16_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int16_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int16_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int16_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int16_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int16_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int16_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int16_t)(seed * 31 + 16 * 7 - 50);
}
static uint64_t hash_S30(const S30 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 2);
  h = fnv(h, &s->f3, 2);
  h = fnv(h, &s->f4, 2);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 2);
  h = fnv(h, &s->f8, 2);
  h = fnv(h, &s->f9, 2);
  h = fnv(h, &s->f10, 2);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 2);
  h = fnv(h, &s->f14, 2);
  h = fnv(h, &s->f15, 2);
  h = fnv(h, &s->f16, 2);
  return h;
}
static uint64_t take_S30(int32_t a, S30 s, double d) { return hash_S30(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S30(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S30 s, int64_t z, double w) {
  return hash_S30(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S30 make_S30(int32_t seed) { S30 s; memset(&s, 0, sizeof s); fill_S30(seed, &s); return s; }
static void fillp_S30(int32_t seed, S30 *s) { memset(s, 0, sizeof *s); fill_S30(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; } S31;
_Static_assert(sizeof(S31) == 31, "size of S31");
static void fill_S31(int seed, S31 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
}
static uint64_t hash_S31(const S31 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  return h;
}
static uint64_t take_S31(int32_t a, S31 s, double d) { return hash_S31(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S31(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S31 s, int64_t z, double w) {
  return hash_S31(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S31 make_S31(int32_t seed) { S31 s; memset(&s, 0, sizeof s); fill_S31(seed, &s); return s; }
static void fillp_S31(int32_t seed, S31 *s) { memset(s, 0, sizeof *s); fill_S31(seed, s); }

typedef struct { double f0; double f1; float f2; int16_t f3; int8_t f4; int8_t f5; double f6; } S32;
_Static_assert(sizeof(S32) == 32, "size of S32");
static void fill_S32(int seed, S32 *s) {
  s->f0 = (double)(seed + 0) * 0.5;
  s->f1 = (double)(seed + 1) * 0.5;
  s->f2 = (float)(seed + 2) * 0.5;
  s->f3 = (int16_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (double)(seed + 6) * 0.5;
}
static uint64_t hash_S32(const S32 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 8);
  h = fnv(h, &s->f1, 8);
  h = fnv(h, &s->f2, 4);
  h = fnv(h, &s->f3, 2);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 8);
  return h;
}
static uint64_t take_S32(int32_t a, S32 s, double d) { return hash_S32(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S32(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S32 s, int64_t z, double w) {
  return hash_S32(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S32 make_S32(int32_t seed) { S32 s; memset(&s, 0, sizeof s); fill_S32(seed, &s); return s; }
static void fillp_S32(int32_t seed, S32 *s) { memset(s, 0, sizeof *s); fill_S32(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; } S33;
_Static_assert(sizeof(S33) == 33, "size of S33");
static void fill_S33(int seed, S33 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
}
static uint64_t hash_S33(const S33 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  return h;
}
static uint64_t take_S33(int32_t a, S33 s, double d) { return hash_S33(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S33(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S33 s, int64_t z, double w) {
  return hash_S33(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S33 make_S33(int32_t seed) { S33 s; memset(&s, 0, sizeof s); fill_S33(seed, &s); return s; }
static void fillp_S33(int32_t seed, S33 *s) { memset(s, 0, sizeof *s); fill_S33(seed, s); }

typedef struct { int16_t f0; int16_t f1; int8_t f2; int8_t f3; int16_t f4; int16_t f5; int16_t f6; int16_t f7; int8_t f8; int8_t f9; int16_t f10; int16_t f11; int16_t f12; int16_t f13; int8_t f14; int8_t f15; int16_t f16; int16_t f17; int16_t f18; int16_t f19; } S34;
_Static_assert(sizeof(S34) == 34, "size of S34");
static void fill_S34(int seed, S34 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int16_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int16_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int16_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int16_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int16_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int16_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int16_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int16_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int16_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int16_t)(seed * 31 + 19 * 7 - 50);
}
static uint64_t hash_S34(const S34 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 2);
  h = fnv(h, &s->f5, 2);
  h = fnv(h, &s->f6, 2);
  h = fnv(h, &s->f7, 2);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 2);
  h = fnv(h, &s->f11, 2);
  h = fnv(h, &s->f12, 2);
  h = fnv(h, &s->f13, 2);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 2);
  h = fnv(h, &s->f17, 2);
  h = fnv(h, &s->f18, 2);
  h = fnv(h, &s->f19, 2);
  return h;
}
static uint64_t take_S34(int32_t a, S34 s, double d) { return hash_S34(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S34(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S34 s, int64_t z, double w) {
  return hash_S34(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S34 make_S34(int32_t seed) { S34 s; memset(&s, 0, sizeof s); fill_S34(seed, &s); return s; }
static void fillp_S34(int32_t seed, S34 *s) { memset(s, 0, sizeof *s); fill_S34(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; } S35;
_Static_assert(sizeof(S35) == 35, "size of S35");
static void fill_S35(int seed, S35 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
}
static uint64_t hash_S35(const S35 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  return h;
}
static uint64_t take_S35(int32_t a, S35 s, double d) { return hash_S35(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S35(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S35 s, int64_t z, double w) {
  return hash_S35(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S35 make_S35(int32_t seed) { S35 s; memset(&s, 0, sizeof s); fill_S35(seed, &s); return s; }
static void fillp_S35(int32_t seed, S35 *s) { memset(s, 0, sizeof *s); fill_S35(seed, s); }

typedef struct { float f0; int16_t f1; int16_t f2; int32_t f3; int8_t f4; int8_t f5; int16_t f6; int16_t f7; int16_t f8; int32_t f9; int8_t f10; int8_t f11; int16_t f12; int16_t f13; int16_t f14; int32_t f15; } S36;
_Static_assert(sizeof(S36) == 36, "size of S36");
static void fill_S36(int seed, S36 *s) {
  s->f0 = (float)(seed + 0) * 0.5;
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int16_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int32_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int16_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int16_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int32_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int16_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int16_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int16_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int32_t)(seed * 31 + 15 * 7 - 50);
}
static uint64_t hash_S36(const S36 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 2);
  h = fnv(h, &s->f3, 4);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 2);
  h = fnv(h, &s->f7, 2);
  h = fnv(h, &s->f8, 2);
  h = fnv(h, &s->f9, 4);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 2);
  h = fnv(h, &s->f13, 2);
  h = fnv(h, &s->f14, 2);
  h = fnv(h, &s->f15, 4);
  return h;
}
static uint64_t take_S36(int32_t a, S36 s, double d) { return hash_S36(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S36(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S36 s, int64_t z, double w) {
  return hash_S36(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S36 make_S36(int32_t seed) { S36 s; memset(&s, 0, sizeof s); fill_S36(seed, &s); return s; }
static void fillp_S36(int32_t seed, S36 *s) { memset(s, 0, sizeof *s); fill_S36(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; } S37;
_Static_assert(sizeof(S37) == 37, "size of S37");
static void fill_S37(int seed, S37 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
}
static uint64_t hash_S37(const S37 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  return h;
}
static uint64_t take_S37(int32_t a, S37 s, double d) { return hash_S37(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S37(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S37 s, int64_t z, double w) {
  return hash_S37(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S37 make_S37(int32_t seed) { S37 s; memset(&s, 0, sizeof s); fill_S37(seed, &s); return s; }
static void fillp_S37(int32_t seed, S37 *s) { memset(s, 0, sizeof *s); fill_S37(seed, s); }

typedef struct { int16_t f0; int16_t f1; int16_t f2; int16_t f3; int16_t f4; int8_t f5; int8_t f6; int16_t f7; int16_t f8; int16_t f9; int16_t f10; int8_t f11; int8_t f12; int16_t f13; int16_t f14; int16_t f15; int16_t f16; int8_t f17; int8_t f18; int16_t f19; int16_t f20; int16_t f21; } S38;
_Static_assert(sizeof(S38) == 38, "size of S38");
static void fill_S38(int seed, S38 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int16_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int16_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int16_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int16_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int16_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int16_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int16_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int16_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int16_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int16_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int16_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int16_t)(seed * 31 + 21 * 7 - 50);
}
static uint64_t hash_S38(const S38 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 2);
  h = fnv(h, &s->f3, 2);
  h = fnv(h, &s->f4, 2);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 2);
  h = fnv(h, &s->f8, 2);
  h = fnv(h, &s->f9, 2);
  h = fnv(h, &s->f10, 2);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 2);
  h = fnv(h, &s->f14, 2);
  h = fnv(h, &s->f15, 2);
  h = fnv(h, &s->f16, 2);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 2);
  h = fnv(h, &s->f20, 2);
  h = fnv(h, &s->f21, 2);
  return h;
}
static uint64_t take_S38(int32_t a, S38 s, double d) { return hash_S38(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S38(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S38 s, int64_t z, double w) {
  return hash_S38(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S38 make_S38(int32_t seed) { S38 s; memset(&s, 0, sizeof s); fill_S38(seed, &s); return s; }
static void fillp_S38(int32_t seed, S38 *s) { memset(s, 0, sizeof *s); fill_S38(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; } S39;
_Static_assert(sizeof(S39) == 39, "size of S39");
static void fill_S39(int seed, S39 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
}
static uint64_t hash_S39(const S39 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  return h;
}
static uint64_t take_S39(int32_t a, S39 s, double d) { return hash_S39(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S39(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S39 s, int64_t z, double w) {
  return hash_S39(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S39 make_S39(int32_t seed) { S39 s; memset(&s, 0, sizeof s); fill_S39(seed, &s); return s; }
static void fillp_S39(int32_t seed, S39 *s) { memset(s, 0, sizeof *s); fill_S39(seed, s); }

typedef struct { int64_t f0; float f1; int8_t f2; int8_t f3; int16_t f4; double f5; int32_t f6; float f7; int64_t f8; } S40;
_Static_assert(sizeof(S40) == 40, "size of S40");
static void fill_S40(int seed, S40 *s) {
  s->f0 = (int64_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (float)(seed + 1) * 0.5;
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (double)(seed + 5) * 0.5;
  s->f6 = (int32_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (float)(seed + 7) * 0.5;
  s->f8 = (int64_t)(seed * 31 + 8 * 7 - 50);
}
static uint64_t hash_S40(const S40 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 8);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 2);
  h = fnv(h, &s->f5, 8);
  h = fnv(h, &s->f6, 4);
  h = fnv(h, &s->f7, 4);
  h = fnv(h, &s->f8, 8);
  return h;
}
static uint64_t take_S40(int32_t a, S40 s, double d) { return hash_S40(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S40(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S40 s, int64_t z, double w) {
  return hash_S40(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S40 make_S40(int32_t seed) { S40 s; memset(&s, 0, sizeof s); fill_S40(seed, &s); return s; }
static void fillp_S40(int32_t seed, S40 *s) { memset(s, 0, sizeof *s); fill_S40(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; int8_t f39; int8_t f40; } S41;
_Static_assert(sizeof(S41) == 41, "size of S41");
static void fill_S41(int seed, S41 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
  s->f39 = (int8_t)(seed * 31 + 39 * 7 - 50);
  s->f40 = (int8_t)(seed * 31 + 40 * 7 - 50);
}
static uint64_t hash_S41(const S41 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  h = fnv(h, &s->f39, 1);
  h = fnv(h, &s->f40, 1);
  return h;
}
static uint64_t take_S41(int32_t a, S41 s, double d) { return hash_S41(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S41(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S41 s, int64_t z, double w) {
  return hash_S41(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S41 make_S41(int32_t seed) { S41 s; memset(&s, 0, sizeof s); fill_S41(seed, &s); return s; }
static void fillp_S41(int32_t seed, S41 *s) { memset(s, 0, sizeof *s); fill_S41(seed, s); }

typedef struct { int16_t f0; int16_t f1; int16_t f2; int16_t f3; int16_t f4; int8_t f5; int8_t f6; int16_t f7; int16_t f8; int16_t f9; int16_t f10; int8_t f11; int8_t f12; int16_t f13; int16_t f14; int16_t f15; int16_t f16; int8_t f17; int8_t f18; int16_t f19; int16_t f20; int16_t f21; int16_t f22; int8_t f23; int8_t f24; } S42;
_Static_assert(sizeof(S42) == 42, "size of S42");
static void fill_S42(int seed, S42 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int16_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int16_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int16_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int16_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int16_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int16_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int16_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int16_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int16_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int16_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int16_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int16_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int16_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
}
static uint64_t hash_S42(const S42 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 2);
  h = fnv(h, &s->f3, 2);
  h = fnv(h, &s->f4, 2);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 2);
  h = fnv(h, &s->f8, 2);
  h = fnv(h, &s->f9, 2);
  h = fnv(h, &s->f10, 2);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 2);
  h = fnv(h, &s->f14, 2);
  h = fnv(h, &s->f15, 2);
  h = fnv(h, &s->f16, 2);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 2);
  h = fnv(h, &s->f20, 2);
  h = fnv(h, &s->f21, 2);
  h = fnv(h, &s->f22, 2);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  return h;
}
static uint64_t take_S42(int32_t a, S42 s, double d) { return hash_S42(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S42(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S42 s, int64_t z, double w) {
  return hash_S42(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S42 make_S42(int32_t seed) { S42 s; memset(&s, 0, sizeof s); fill_S42(seed, &s); return s; }
static void fillp_S42(int32_t seed, S42 *s) { memset(s, 0, sizeof *s); fill_S42(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; int8_t f39; int8_t f40; int8_t f41; int8_t f42; } S43;
_Static_assert(sizeof(S43) == 43, "size of S43");
static void fill_S43(int seed, S43 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
  s->f39 = (int8_t)(seed * 31 + 39 * 7 - 50);
  s->f40 = (int8_t)(seed * 31 + 40 * 7 - 50);
  s->f41 = (int8_t)(seed * 31 + 41 * 7 - 50);
  s->f42 = (int8_t)(seed * 31 + 42 * 7 - 50);
}
static uint64_t hash_S43(const S43 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  h = fnv(h, &s->f39, 1);
  h = fnv(h, &s->f40, 1);
  h = fnv(h, &s->f41, 1);
  h = fnv(h, &s->f42, 1);
  return h;
}
static uint64_t take_S43(int32_t a, S43 s, double d) { return hash_S43(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S43(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S43 s, int64_t z, double w) {
  return hash_S43(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S43 make_S43(int32_t seed) { S43 s; memset(&s, 0, sizeof s); fill_S43(seed, &s); return s; }
static void fillp_S43(int32_t seed, S43 *s) { memset(s, 0, sizeof *s); fill_S43(seed, s); }

typedef struct { float f0; float f1; float f2; int32_t f3; int16_t f4; int8_t f5; int8_t f6; float f7; float f8; int32_t f9; int16_t f10; int8_t f11; int8_t f12; float f13; float f14; } S44;
_Static_assert(sizeof(S44) == 44, "size of S44");
static void fill_S44(int seed, S44 *s) {
  s->f0 = (float)(seed + 0) * 0.5;
  s->f1 = (float)(seed + 1) * 0.5;
  s->f2 = (float)(seed + 2) * 0.5;
  s->f3 = (int32_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (float)(seed + 7) * 0.5;
  s->f8 = (float)(seed + 8) * 0.5;
  s->f9 = (int32_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int16_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (float)(seed + 13) * 0.5;
  s->f14 = (float)(seed + 14) * 0.5;
}
static uint64_t hash_S44(const S44 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 4);
  h = fnv(h, &s->f3, 4);
  h = fnv(h, &s->f4, 2);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 4);
  h = fnv(h, &s->f8, 4);
  h = fnv(h, &s->f9, 4);
  h = fnv(h, &s->f10, 2);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 4);
  h = fnv(h, &s->f14, 4);
  return h;
}
static uint64_t take_S44(int32_t a, S44 s, double d) { return hash_S44(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S44(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S44 s, int64_t z, double w) {
  return hash_S44(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S44 make_S44(int32_t seed) { S44 s; memset(&s, 0, sizeof s); fill_S44(seed, &s); return s; }
static void fillp_S44(int32_t seed, S44 *s) { memset(s, 0, sizeof *s); fill_S44(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; int8_t f39; int8_t f40; int8_t f41; int8_t f42; int8_t f43; int8_t f44; } S45;
_Static_assert(sizeof(S45) == 45, "size of S45");
static void fill_S45(int seed, S45 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
  s->f39 = (int8_t)(seed * 31 + 39 * 7 - 50);
  s->f40 = (int8_t)(seed * 31 + 40 * 7 - 50);
  s->f41 = (int8_t)(seed * 31 + 41 * 7 - 50);
  s->f42 = (int8_t)(seed * 31 + 42 * 7 - 50);
  s->f43 = (int8_t)(seed * 31 + 43 * 7 - 50);
  s->f44 = (int8_t)(seed * 31 + 44 * 7 - 50);
}
static uint64_t hash_S45(const S45 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  h = fnv(h, &s->f39, 1);
  h = fnv(h, &s->f40, 1);
  h = fnv(h, &s->f41, 1);
  h = fnv(h, &s->f42, 1);
  h = fnv(h, &s->f43, 1);
  h = fnv(h, &s->f44, 1);
  return h;
}
static uint64_t take_S45(int32_t a, S45 s, double d) { return hash_S45(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S45(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S45 s, int64_t z, double w) {
  return hash_S45(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S45 make_S45(int32_t seed) { S45 s; memset(&s, 0, sizeof s); fill_S45(seed, &s); return s; }
static void fillp_S45(int32_t seed, S45 *s) { memset(s, 0, sizeof *s); fill_S45(seed, s); }

typedef struct { int16_t f0; int16_t f1; int16_t f2; int16_t f3; int8_t f4; int8_t f5; int16_t f6; int16_t f7; int16_t f8; int16_t f9; int8_t f10; int8_t f11; int16_t f12; int16_t f13; int16_t f14; int16_t f15; int8_t f16; int8_t f17; int16_t f18; int16_t f19; int16_t f20; int16_t f21; int8_t f22; int8_t f23; int16_t f24; int16_t f25; int16_t f26; } S46;
_Static_assert(sizeof(S46) == 46, "size of S46");
static void fill_S46(int seed, S46 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int16_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int16_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int16_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int16_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int16_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int16_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int16_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int16_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int16_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int16_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int16_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int16_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int16_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int16_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int16_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int16_t)(seed * 31 + 26 * 7 - 50);
}
static uint64_t hash_S46(const S46 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 2);
  h = fnv(h, &s->f3, 2);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 2);
  h = fnv(h, &s->f7, 2);
  h = fnv(h, &s->f8, 2);
  h = fnv(h, &s->f9, 2);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 2);
  h = fnv(h, &s->f13, 2);
  h = fnv(h, &s->f14, 2);
  h = fnv(h, &s->f15, 2);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 2);
  h = fnv(h, &s->f19, 2);
  h = fnv(h, &s->f20, 2);
  h = fnv(h, &s->f21, 2);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 2);
  h = fnv(h, &s->f25, 2);
  h = fnv(h, &s->f26, 2);
  return h;
}
static uint64_t take_S46(int32_t a, S46 s, double d) { return hash_S46(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S46(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S46 s, int64_t z, double w) {
  return hash_S46(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S46 make_S46(int32_t seed) { S46 s; memset(&s, 0, sizeof s); fill_S46(seed, &s); return s; }
static void fillp_S46(int32_t seed, S46 *s) { memset(s, 0, sizeof *s); fill_S46(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; int8_t f39; int8_t f40; int8_t f41; int8_t f42; int8_t f43; int8_t f44; int8_t f45; int8_t f46; } S47;
_Static_assert(sizeof(S47) == 47, "size of S47");
static void fill_S47(int seed, S47 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
  s->f39 = (int8_t)(seed * 31 + 39 * 7 - 50);
  s->f40 = (int8_t)(seed * 31 + 40 * 7 - 50);
  s->f41 = (int8_t)(seed * 31 + 41 * 7 - 50);
  s->f42 = (int8_t)(seed * 31 + 42 * 7 - 50);
  s->f43 = (int8_t)(seed * 31 + 43 * 7 - 50);
  s->f44 = (int8_t)(seed * 31 + 44 * 7 - 50);
  s->f45 = (int8_t)(seed * 31 + 45 * 7 - 50);
  s->f46 = (int8_t)(seed * 31 + 46 * 7 - 50);
}
static uint64_t hash_S47(const S47 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  h = fnv(h, &s->f39, 1);
  h = fnv(h, &s->f40, 1);
  h = fnv(h, &s->f41, 1);
  h = fnv(h, &s->f42, 1);
  h = fnv(h, &s->f43, 1);
  h = fnv(h, &s->f44, 1);
  h = fnv(h, &s->f45, 1);
  h = fnv(h, &s->f46, 1);
  return h;
}
static uint64_t take_S47(int32_t a, S47 s, double d) { return hash_S47(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S47(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S47 s, int64_t z, double w) {
  return hash_S47(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S47 make_S47(int32_t seed) { S47 s; memset(&s, 0, sizeof s); fill_S47(seed, &s); return s; }
static void fillp_S47(int32_t seed, S47 *s) { memset(s, 0, sizeof *s); fill_S47(seed, s); }

typedef struct { double f0; int16_t f1; int8_t f2; int8_t f3; int32_t f4; int32_t f5; float f6; int16_t f7; int8_t f8; int8_t f9; int32_t f10; int32_t f11; float f12; int16_t f13; int8_t f14; int8_t f15; int32_t f16; } S48;
_Static_assert(sizeof(S48) == 48, "size of S48");
static void fill_S48(int seed, S48 *s) {
  s->f0 = (double)(seed + 0) * 0.5;
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int32_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int32_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (float)(seed + 6) * 0.5;
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int32_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int32_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (float)(seed + 12) * 0.5;
  s->f13 = (int16_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int32_t)(seed * 31 + 16 * 7 - 50);
}
static uint64_t hash_S48(const S48 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 8);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 4);
  h = fnv(h, &s->f5, 4);
  h = fnv(h, &s->f6, 4);
  h = fnv(h, &s->f7, 2);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 4);
  h = fnv(h, &s->f11, 4);
  h = fnv(h, &s->f12, 4);
  h = fnv(h, &s->f13, 2);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 4);
  return h;
}
static uint64_t take_S48(int32_t a, S48 s, double d) { return hash_S48(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S48(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S48 s, int64_t z, double w) {
  return hash_S48(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S48 make_S48(int32_t seed) { S48 s; memset(&s, 0, sizeof s); fill_S48(seed, &s); return s; }
static void fillp_S48(int32_t seed, S48 *s) { memset(s, 0, sizeof *s); fill_S48(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; int8_t f39; int8_t f40; int8_t f41; int8_t f42; int8_t f43; int8_t f44; int8_t f45; int8_t f46; int8_t f47; int8_t f48; } S49;
_Static_assert(sizeof(S49) == 49, "size of S49");
static void fill_S49(int seed, S49 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
  s->f39 = (int8_t)(seed * 31 + 39 * 7 - 50);
  s->f40 = (int8_t)(seed * 31 + 40 * 7 - 50);
  s->f41 = (int8_t)(seed * 31 + 41 * 7 - 50);
  s->f42 = (int8_t)(seed * 31 + 42 * 7 - 50);
  s->f43 = (int8_t)(seed * 31 + 43 * 7 - 50);
  s->f44 = (int8_t)(seed * 31 + 44 * 7 - 50);
  s->f45 = (int8_t)(seed * 31 + 45 * 7 - 50);
  s->f46 = (int8_t)(seed * 31 + 46 * 7 - 50);
  s->f47 = (int8_t)(seed * 31 + 47 * 7 - 50);
  s->f48 = (int8_t)(seed * 31 + 48 * 7 - 50);
}
static uint64_t hash_S49(const S49 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  h = fnv(h, &s->f39, 1);
  h = fnv(h, &s->f40, 1);
  h = fnv(h, &s->f41, 1);
  h = fnv(h, &s->f42, 1);
  h = fnv(h, &s->f43, 1);
  h = fnv(h, &s->f44, 1);
  h = fnv(h, &s->f45, 1);
  h = fnv(h, &s->f46, 1);
  h = fnv(h, &s->f47, 1);
  h = fnv(h, &s->f48, 1);
  return h;
}
static uint64_t take_S49(int32_t a, S49 s, double d) { return hash_S49(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S49(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S49 s, int64_t z, double w) {
  return hash_S49(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S49 make_S49(int32_t seed) { S49 s; memset(&s, 0, sizeof s); fill_S49(seed, &s); return s; }
static void fillp_S49(int32_t seed, S49 *s) { memset(s, 0, sizeof *s); fill_S49(seed, s); }

typedef struct { int16_t f0; int16_t f1; int16_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int16_t f7; int16_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int16_t f13; int16_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int16_t f19; int16_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int16_t f25; int16_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int16_t f31; int16_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; } S50;
_Static_assert(sizeof(S50) == 50, "size of S50");
static void fill_S50(int seed, S50 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int16_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int16_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int16_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int16_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int16_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int16_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int16_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int16_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int16_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int16_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
}
static uint64_t hash_S50(const S50 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 2);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 2);
  h = fnv(h, &s->f8, 2);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 2);
  h = fnv(h, &s->f14, 2);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 2);
  h = fnv(h, &s->f20, 2);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 2);
  h = fnv(h, &s->f26, 2);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 2);
  h = fnv(h, &s->f32, 2);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  return h;
}
static uint64_t take_S50(int32_t a, S50 s, double d) { return hash_S50(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S50(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S50 s, int64_t z, double w) {
  return hash_S50(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S50 make_S50(int32_t seed) { S50 s; memset(&s, 0, sizeof s); fill_S50(seed, &s); return s; }
static void fillp_S50(int32_t seed, S50 *s) { memset(s, 0, sizeof *s); fill_S50(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; int8_t f39; int8_t f40; int8_t f41; int8_t f42; int8_t f43; int8_t f44; int8_t f45; int8_t f46; int8_t f47; int8_t f48; int8_t f49; int8_t f50; } S51;
_Static_assert(sizeof(S51) == 51, "size of S51");
static void fill_S51(int seed, S51 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
  s->f39 = (int8_t)(seed * 31 + 39 * 7 - 50);
  s->f40 = (int8_t)(seed * 31 + 40 * 7 - 50);
  s->f41 = (int8_t)(seed * 31 + 41 * 7 - 50);
  s->f42 = (int8_t)(seed * 31 + 42 * 7 - 50);
  s->f43 = (int8_t)(seed * 31 + 43 * 7 - 50);
  s->f44 = (int8_t)(seed * 31 + 44 * 7 - 50);
  s->f45 = (int8_t)(seed * 31 + 45 * 7 - 50);
  s->f46 = (int8_t)(seed * 31 + 46 * 7 - 50);
  s->f47 = (int8_t)(seed * 31 + 47 * 7 - 50);
  s->f48 = (int8_t)(seed * 31 + 48 * 7 - 50);
  s->f49 = (int8_t)(seed * 31 + 49 * 7 - 50);
  s->f50 = (int8_t)(seed * 31 + 50 * 7 - 50);
}
static uint64_t hash_S51(const S51 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  h = fnv(h, &s->f39, 1);
  h = fnv(h, &s->f40, 1);
  h = fnv(h, &s->f41, 1);
  h = fnv(h, &s->f42, 1);
  h = fnv(h, &s->f43, 1);
  h = fnv(h, &s->f44, 1);
  h = fnv(h, &s->f45, 1);
  h = fnv(h, &s->f46, 1);
  h = fnv(h, &s->f47, 1);
  h = fnv(h, &s->f48, 1);
  h = fnv(h, &s->f49, 1);
  h = fnv(h, &s->f50, 1);
  return h;
}
static uint64_t take_S51(int32_t a, S51 s, double d) { return hash_S51(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S51(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S51 s, int64_t z, double w) {
  return hash_S51(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S51 make_S51(int32_t seed) { S51 s; memset(&s, 0, sizeof s); fill_S51(seed, &s); return s; }
static void fillp_S51(int32_t seed, S51 *s) { memset(s, 0, sizeof *s); fill_S51(seed, s); }

typedef struct { float f0; float f1; int32_t f2; int32_t f3; int16_t f4; int8_t f5; int8_t f6; float f7; int32_t f8; int32_t f9; int16_t f10; int8_t f11; int8_t f12; float f13; int32_t f14; int32_t f15; int16_t f16; int8_t f17; int8_t f18; } S52;
_Static_assert(sizeof(S52) == 52, "size of S52");
static void fill_S52(int seed, S52 *s) {
  s->f0 = (float)(seed + 0) * 0.5;
  s->f1 = (float)(seed + 1) * 0.5;
  s->f2 = (int32_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int32_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (float)(seed + 7) * 0.5;
  s->f8 = (int32_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int32_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int16_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (float)(seed + 13) * 0.5;
  s->f14 = (int32_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int32_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int16_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
}
static uint64_t hash_S52(const S52 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 4);
  h = fnv(h, &s->f3, 4);
  h = fnv(h, &s->f4, 2);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 4);
  h = fnv(h, &s->f8, 4);
  h = fnv(h, &s->f9, 4);
  h = fnv(h, &s->f10, 2);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 4);
  h = fnv(h, &s->f14, 4);
  h = fnv(h, &s->f15, 4);
  h = fnv(h, &s->f16, 2);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  return h;
}
static uint64_t take_S52(int32_t a, S52 s, double d) { return hash_S52(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S52(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S52 s, int64_t z, double w) {
  return hash_S52(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S52 make_S52(int32_t seed) { S52 s; memset(&s, 0, sizeof s); fill_S52(seed, &s); return s; }
static void fillp_S52(int32_t seed, S52 *s) { memset(s, 0, sizeof *s); fill_S52(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; int8_t f39; int8_t f40; int8_t f41; int8_t f42; int8_t f43; int8_t f44; int8_t f45; int8_t f46; int8_t f47; int8_t f48; int8_t f49; int8_t f50; int8_t f51; int8_t f52; } S53;
_Static_assert(sizeof(S53) == 53, "size of S53");
static void fill_S53(int seed, S53 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
  s->f39 = (int8_t)(seed * 31 + 39 * 7 - 50);
  s->f40 = (int8_t)(seed * 31 + 40 * 7 - 50);
  s->f41 = (int8_t)(seed * 31 + 41 * 7 - 50);
  s->f42 = (int8_t)(seed * 31 + 42 * 7 - 50);
  s->f43 = (int8_t)(seed * 31 + 43 * 7 - 50);
  s->f44 = (int8_t)(seed * 31 + 44 * 7 - 50);
  s->f45 = (int8_t)(seed * 31 + 45 * 7 - 50);
  s->f46 = (int8_t)(seed * 31 + 46 * 7 - 50);
  s->f47 = (int8_t)(seed * 31 + 47 * 7 - 50);
  s->f48 = (int8_t)(seed * 31 + 48 * 7 - 50);
  s->f49 = (int8_t)(seed * 31 + 49 * 7 - 50);
  s->f50 = (int8_t)(seed * 31 + 50 * 7 - 50);
  s->f51 = (int8_t)(seed * 31 + 51 * 7 - 50);
  s->f52 = (int8_t)(seed * 31 + 52 * 7 - 50);
}
static uint64_t hash_S53(const S53 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  h = fnv(h, &s->f39, 1);
  h = fnv(h, &s->f40, 1);
  h = fnv(h, &s->f41, 1);
  h = fnv(h, &s->f42, 1);
  h = fnv(h, &s->f43, 1);
  h = fnv(h, &s->f44, 1);
  h = fnv(h, &s->f45, 1);
  h = fnv(h, &s->f46, 1);
  h = fnv(h, &s->f47, 1);
  h = fnv(h, &s->f48, 1);
  h = fnv(h, &s->f49, 1);
  h = fnv(h, &s->f50, 1);
  h = fnv(h, &s->f51, 1);
  h = fnv(h, &s->f52, 1);
  return h;
}
static uint64_t take_S53(int32_t a, S53 s, double d) { return hash_S53(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S53(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S53 s, int64_t z, double w) {
  return hash_S53(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S53 make_S53(int32_t seed) { S53 s; memset(&s, 0, sizeof s); fill_S53(seed, &s); return s; }
static void fillp_S53(int32_t seed, S53 *s) { memset(s, 0, sizeof *s); fill_S53(seed, s); }

typedef struct { int16_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; int8_t f39; int8_t f40; int8_t f41; int8_t f42; int8_t f43; int8_t f44; int8_t f45; int8_t f46; int8_t f47; int8_t f48; int8_t f49; int8_t f50; int8_t f51; int8_t f52; } S54;
_Static_assert(sizeof(S54) == 54, "size of S54");
static void fill_S54(int seed, S54 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
  s->f39 = (int8_t)(seed * 31 + 39 * 7 - 50);
  s->f40 = (int8_t)(seed * 31 + 40 * 7 - 50);
  s->f41 = (int8_t)(seed * 31 + 41 * 7 - 50);
  s->f42 = (int8_t)(seed * 31 + 42 * 7 - 50);
  s->f43 = (int8_t)(seed * 31 + 43 * 7 - 50);
  s->f44 = (int8_t)(seed * 31 + 44 * 7 - 50);
  s->f45 = (int8_t)(seed * 31 + 45 * 7 - 50);
  s->f46 = (int8_t)(seed * 31 + 46 * 7 - 50);
  s->f47 = (int8_t)(seed * 31 + 47 * 7 - 50);
  s->f48 = (int8_t)(seed * 31 + 48 * 7 - 50);
  s->f49 = (int8_t)(seed * 31 + 49 * 7 - 50);
  s->f50 = (int8_t)(seed * 31 + 50 * 7 - 50);
  s->f51 = (int8_t)(seed * 31 + 51 * 7 - 50);
  s->f52 = (int8_t)(seed * 31 + 52 * 7 - 50);
}
static uint64_t hash_S54(const S54 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  h = fnv(h, &s->f39, 1);
  h = fnv(h, &s->f40, 1);
  h = fnv(h, &s->f41, 1);
  h = fnv(h, &s->f42, 1);
  h = fnv(h, &s->f43, 1);
  h = fnv(h, &s->f44, 1);
  h = fnv(h, &s->f45, 1);
  h = fnv(h, &s->f46, 1);
  h = fnv(h, &s->f47, 1);
  h = fnv(h, &s->f48, 1);
  h = fnv(h, &s->f49, 1);
  h = fnv(h, &s->f50, 1);
  h = fnv(h, &s->f51, 1);
  h = fnv(h, &s->f52, 1);
  return h;
}
static uint64_t take_S54(int32_t a, S54 s, double d) { return hash_S54(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S54(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S54 s, int64_t z, double w) {
  return hash_S54(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S54 make_S54(int32_t seed) { S54 s; memset(&s, 0, sizeof s); fill_S54(seed, &s); return s; }
static void fillp_S54(int32_t seed, S54 *s) { memset(s, 0, sizeof *s); fill_S54(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; int8_t f39; int8_t f40; int8_t f41; int8_t f42; int8_t f43; int8_t f44; int8_t f45; int8_t f46; int8_t f47; int8_t f48; int8_t f49; int8_t f50; int8_t f51; int8_t f52; int8_t f53; int8_t f54; } S55;
_Static_assert(sizeof(S55) == 55, "size of S55");
static void fill_S55(int seed, S55 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
  s->f39 = (int8_t)(seed * 31 + 39 * 7 - 50);
  s->f40 = (int8_t)(seed * 31 + 40 * 7 - 50);
  s->f41 = (int8_t)(seed * 31 + 41 * 7 - 50);
  s->f42 = (int8_t)(seed * 31 + 42 * 7 - 50);
  s->f43 = (int8_t)(seed * 31 + 43 * 7 - 50);
  s->f44 = (int8_t)(seed * 31 + 44 * 7 - 50);
  s->f45 = (int8_t)(seed * 31 + 45 * 7 - 50);
  s->f46 = (int8_t)(seed * 31 + 46 * 7 - 50);
  s->f47 = (int8_t)(seed * 31 + 47 * 7 - 50);
  s->f48 = (int8_t)(seed * 31 + 48 * 7 - 50);
  s->f49 = (int8_t)(seed * 31 + 49 * 7 - 50);
  s->f50 = (int8_t)(seed * 31 + 50 * 7 - 50);
  s->f51 = (int8_t)(seed * 31 + 51 * 7 - 50);
  s->f52 = (int8_t)(seed * 31 + 52 * 7 - 50);
  s->f53 = (int8_t)(seed * 31 + 53 * 7 - 50);
  s->f54 = (int8_t)(seed * 31 + 54 * 7 - 50);
}
static uint64_t hash_S55(const S55 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  h = fnv(h, &s->f39, 1);
  h = fnv(h, &s->f40, 1);
  h = fnv(h, &s->f41, 1);
  h = fnv(h, &s->f42, 1);
  h = fnv(h, &s->f43, 1);
  h = fnv(h, &s->f44, 1);
  h = fnv(h, &s->f45, 1);
  h = fnv(h, &s->f46, 1);
  h = fnv(h, &s->f47, 1);
  h = fnv(h, &s->f48, 1);
  h = fnv(h, &s->f49, 1);
  h = fnv(h, &s->f50, 1);
  h = fnv(h, &s->f51, 1);
  h = fnv(h, &s->f52, 1);
  h = fnv(h, &s->f53, 1);
  h = fnv(h, &s->f54, 1);
  return h;
}
static uint64_t take_S55(int32_t a, S55 s, double d) { return hash_S55(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S55(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S55 s, int64_t z, double w) {
  return hash_S55(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S55 make_S55(int32_t seed) { S55 s; memset(&s, 0, sizeof s); fill_S55(seed, &s); return s; }
static void fillp_S55(int32_t seed, S55 *s) { memset(s, 0, sizeof *s); fill_S55(seed, s); }

typedef struct { double f0; float f1; int32_t f2; int32_t f3; int16_t f4; int8_t f5; int8_t f6; float f7; int32_t f8; int32_t f9; int16_t f10; int8_t f11; int8_t f12; float f13; int32_t f14; int32_t f15; int16_t f16; int8_t f17; int8_t f18; } S56;
_Static_assert(sizeof(S56) == 56, "size of S56");
static void fill_S56(int seed, S56 *s) {
  s->f0 = (double)(seed + 0) * 0.5;
  s->f1 = (float)(seed + 1) * 0.5;
  s->f2 = (int32_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int32_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (float)(seed + 7) * 0.5;
  s->f8 = (int32_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int32_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int16_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (float)(seed + 13) * 0.5;
  s->f14 = (int32_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int32_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int16_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
}
static uint64_t hash_S56(const S56 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 8);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 4);
  h = fnv(h, &s->f3, 4);
  h = fnv(h, &s->f4, 2);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 4);
  h = fnv(h, &s->f8, 4);
  h = fnv(h, &s->f9, 4);
  h = fnv(h, &s->f10, 2);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 4);
  h = fnv(h, &s->f14, 4);
  h = fnv(h, &s->f15, 4);
  h = fnv(h, &s->f16, 2);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  return h;
}
static uint64_t take_S56(int32_t a, S56 s, double d) { return hash_S56(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S56(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S56 s, int64_t z, double w) {
  return hash_S56(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S56 make_S56(int32_t seed) { S56 s; memset(&s, 0, sizeof s); fill_S56(seed, &s); return s; }
static void fillp_S56(int32_t seed, S56 *s) { memset(s, 0, sizeof *s); fill_S56(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; int8_t f39; int8_t f40; int8_t f41; int8_t f42; int8_t f43; int8_t f44; int8_t f45; int8_t f46; int8_t f47; int8_t f48; int8_t f49; int8_t f50; int8_t f51; int8_t f52; int8_t f53; int8_t f54; int8_t f55; int8_t f56; } S57;
_Static_assert(sizeof(S57) == 57, "size of S57");
static void fill_S57(int seed, S57 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
  s->f39 = (int8_t)(seed * 31 + 39 * 7 - 50);
  s->f40 = (int8_t)(seed * 31 + 40 * 7 - 50);
  s->f41 = (int8_t)(seed * 31 + 41 * 7 - 50);
  s->f42 = (int8_t)(seed * 31 + 42 * 7 - 50);
  s->f43 = (int8_t)(seed * 31 + 43 * 7 - 50);
  s->f44 = (int8_t)(seed * 31 + 44 * 7 - 50);
  s->f45 = (int8_t)(seed * 31 + 45 * 7 - 50);
  s->f46 = (int8_t)(seed * 31 + 46 * 7 - 50);
  s->f47 = (int8_t)(seed * 31 + 47 * 7 - 50);
  s->f48 = (int8_t)(seed * 31 + 48 * 7 - 50);
  s->f49 = (int8_t)(seed * 31 + 49 * 7 - 50);
  s->f50 = (int8_t)(seed * 31 + 50 * 7 - 50);
  s->f51 = (int8_t)(seed * 31 + 51 * 7 - 50);
  s->f52 = (int8_t)(seed * 31 + 52 * 7 - 50);
  s->f53 = (int8_t)(seed * 31 + 53 * 7 - 50);
  s->f54 = (int8_t)(seed * 31 + 54 * 7 - 50);
  s->f55 = (int8_t)(seed * 31 + 55 * 7 - 50);
  s->f56 = (int8_t)(seed * 31 + 56 * 7 - 50);
}
static uint64_t hash_S57(const S57 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  h = fnv(h, &s->f39, 1);
  h = fnv(h, &s->f40, 1);
  h = fnv(h, &s->f41, 1);
  h = fnv(h, &s->f42, 1);
  h = fnv(h, &s->f43, 1);
  h = fnv(h, &s->f44, 1);
  h = fnv(h, &s->f45, 1);
  h = fnv(h, &s->f46, 1);
  h = fnv(h, &s->f47, 1);
  h = fnv(h, &s->f48, 1);
  h = fnv(h, &s->f49, 1);
  h = fnv(h, &s->f50, 1);
  h = fnv(h, &s->f51, 1);
  h = fnv(h, &s->f52, 1);
  h = fnv(h, &s->f53, 1);
  h = fnv(h, &s->f54, 1);
  h = fnv(h, &s->f55, 1);
  h = fnv(h, &s->f56, 1);
  return h;
}
static uint64_t take_S57(int32_t a, S57 s, double d) { return hash_S57(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S57(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S57 s, int64_t z, double w) {
  return hash_S57(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S57 make_S57(int32_t seed) { S57 s; memset(&s, 0, sizeof s); fill_S57(seed, &s); return s; }
static void fillp_S57(int32_t seed, S57 *s) { memset(s, 0, sizeof *s); fill_S57(seed, s); }

typedef struct { int16_t f0; int16_t f1; int16_t f2; int16_t f3; int16_t f4; int8_t f5; int8_t f6; int16_t f7; int16_t f8; int16_t f9; int16_t f10; int8_t f11; int8_t f12; int16_t f13; int16_t f14; int16_t f15; int16_t f16; int8_t f17; int8_t f18; int16_t f19; int16_t f20; int16_t f21; int16_t f22; int8_t f23; int8_t f24; int16_t f25; int16_t f26; int16_t f27; int16_t f28; int8_t f29; int8_t f30; int16_t f31; int16_t f32; int16_t f33; } S58;
_Static_assert(sizeof(S58) == 58, "size of S58");
static void fill_S58(int seed, S58 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int16_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int16_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int16_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int16_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int16_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int16_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int16_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int16_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int16_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int16_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int16_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int16_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int16_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int16_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int16_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int16_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int16_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int16_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int16_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int16_t)(seed * 31 + 33 * 7 - 50);
}
static uint64_t hash_S58(const S58 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 2);
  h = fnv(h, &s->f3, 2);
  h = fnv(h, &s->f4, 2);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 2);
  h = fnv(h, &s->f8, 2);
  h = fnv(h, &s->f9, 2);
  h = fnv(h, &s->f10, 2);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 2);
  h = fnv(h, &s->f14, 2);
  h = fnv(h, &s->f15, 2);
  h = fnv(h, &s->f16, 2);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 2);
  h = fnv(h, &s->f20, 2);
  h = fnv(h, &s->f21, 2);
  h = fnv(h, &s->f22, 2);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 2);
  h = fnv(h, &s->f26, 2);
  h = fnv(h, &s->f27, 2);
  h = fnv(h, &s->f28, 2);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 2);
  h = fnv(h, &s->f32, 2);
  h = fnv(h, &s->f33, 2);
  return h;
}
static uint64_t take_S58(int32_t a, S58 s, double d) { return hash_S58(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S58(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S58 s, int64_t z, double w) {
  return hash_S58(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S58 make_S58(int32_t seed) { S58 s; memset(&s, 0, sizeof s); fill_S58(seed, &s); return s; }
static void fillp_S58(int32_t seed, S58 *s) { memset(s, 0, sizeof *s); fill_S58(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; int8_t f39; int8_t f40; int8_t f41; int8_t f42; int8_t f43; int8_t f44; int8_t f45; int8_t f46; int8_t f47; int8_t f48; int8_t f49; int8_t f50; int8_t f51; int8_t f52; int8_t f53; int8_t f54; int8_t f55; int8_t f56; int8_t f57; int8_t f58; } S59;
_Static_assert(sizeof(S59) == 59, "size of S59");
static void fill_S59(int seed, S59 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
  s->f39 = (int8_t)(seed * 31 + 39 * 7 - 50);
  s->f40 = (int8_t)(seed * 31 + 40 * 7 - 50);
  s->f41 = (int8_t)(seed * 31 + 41 * 7 - 50);
  s->f42 = (int8_t)(seed * 31 + 42 * 7 - 50);
  s->f43 = (int8_t)(seed * 31 + 43 * 7 - 50);
  s->f44 = (int8_t)(seed * 31 + 44 * 7 - 50);
  s->f45 = (int8_t)(seed * 31 + 45 * 7 - 50);
  s->f46 = (int8_t)(seed * 31 + 46 * 7 - 50);
  s->f47 = (int8_t)(seed * 31 + 47 * 7 - 50);
  s->f48 = (int8_t)(seed * 31 + 48 * 7 - 50);
  s->f49 = (int8_t)(seed * 31 + 49 * 7 - 50);
  s->f50 = (int8_t)(seed * 31 + 50 * 7 - 50);
  s->f51 = (int8_t)(seed * 31 + 51 * 7 - 50);
  s->f52 = (int8_t)(seed * 31 + 52 * 7 - 50);
  s->f53 = (int8_t)(seed * 31 + 53 * 7 - 50);
  s->f54 = (int8_t)(seed * 31 + 54 * 7 - 50);
  s->f55 = (int8_t)(seed * 31 + 55 * 7 - 50);
  s->f56 = (int8_t)(seed * 31 + 56 * 7 - 50);
  s->f57 = (int8_t)(seed * 31 + 57 * 7 - 50);
  s->f58 = (int8_t)(seed * 31 + 58 * 7 - 50);
}
static uint64_t hash_S59(const S59 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  h = fnv(h, &s->f39, 1);
  h = fnv(h, &s->f40, 1);
  h = fnv(h, &s->f41, 1);
  h = fnv(h, &s->f42, 1);
  h = fnv(h, &s->f43, 1);
  h = fnv(h, &s->f44, 1);
  h = fnv(h, &s->f45, 1);
  h = fnv(h, &s->f46, 1);
  h = fnv(h, &s->f47, 1);
  h = fnv(h, &s->f48, 1);
  h = fnv(h, &s->f49, 1);
  h = fnv(h, &s->f50, 1);
  h = fnv(h, &s->f51, 1);
  h = fnv(h, &s->f52, 1);
  h = fnv(h, &s->f53, 1);
  h = fnv(h, &s->f54, 1);
  h = fnv(h, &s->f55, 1);
  h = fnv(h, &s->f56, 1);
  h = fnv(h, &s->f57, 1);
  h = fnv(h, &s->f58, 1);
  return h;
}
static uint64_t take_S59(int32_t a, S59 s, double d) { return hash_S59(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S59(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S59 s, int64_t z, double w) {
  return hash_S59(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S59 make_S59(int32_t seed) { S59 s; memset(&s, 0, sizeof s); fill_S59(seed, &s); return s; }
static void fillp_S59(int32_t seed, S59 *s) { memset(s, 0, sizeof *s); fill_S59(seed, s); }

typedef struct { float f0; float f1; float f2; int16_t f3; int8_t f4; int8_t f5; float f6; float f7; float f8; int16_t f9; int8_t f10; int8_t f11; float f12; float f13; float f14; int16_t f15; int8_t f16; int8_t f17; float f18; float f19; float f20; } S60;
_Static_assert(sizeof(S60) == 60, "size of S60");
static void fill_S60(int seed, S60 *s) {
  s->f0 = (float)(seed + 0) * 0.5;
  s->f1 = (float)(seed + 1) * 0.5;
  s->f2 = (float)(seed + 2) * 0.5;
  s->f3 = (int16_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (float)(seed + 6) * 0.5;
  s->f7 = (float)(seed + 7) * 0.5;
  s->f8 = (float)(seed + 8) * 0.5;
  s->f9 = (int16_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (float)(seed + 12) * 0.5;
  s->f13 = (float)(seed + 13) * 0.5;
  s->f14 = (float)(seed + 14) * 0.5;
  s->f15 = (int16_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (float)(seed + 18) * 0.5;
  s->f19 = (float)(seed + 19) * 0.5;
  s->f20 = (float)(seed + 20) * 0.5;
}
static uint64_t hash_S60(const S60 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 4);
  h = fnv(h, &s->f3, 2);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 4);
  h = fnv(h, &s->f7, 4);
  h = fnv(h, &s->f8, 4);
  h = fnv(h, &s->f9, 2);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 4);
  h = fnv(h, &s->f13, 4);
  h = fnv(h, &s->f14, 4);
  h = fnv(h, &s->f15, 2);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 4);
  h = fnv(h, &s->f19, 4);
  h = fnv(h, &s->f20, 4);
  return h;
}
static uint64_t take_S60(int32_t a, S60 s, double d) { return hash_S60(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S60(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S60 s, int64_t z, double w) {
  return hash_S60(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S60 make_S60(int32_t seed) { S60 s; memset(&s, 0, sizeof s); fill_S60(seed, &s); return s; }
static void fillp_S60(int32_t seed, S60 *s) { memset(s, 0, sizeof *s); fill_S60(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; int8_t f39; int8_t f40; int8_t f41; int8_t f42; int8_t f43; int8_t f44; int8_t f45; int8_t f46; int8_t f47; int8_t f48; int8_t f49; int8_t f50; int8_t f51; int8_t f52; int8_t f53; int8_t f54; int8_t f55; int8_t f56; int8_t f57; int8_t f58; int8_t f59; int8_t f60; } S61;
_Static_assert(sizeof(S61) == 61, "size of S61");
static void fill_S61(int seed, S61 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
  s->f39 = (int8_t)(seed * 31 + 39 * 7 - 50);
  s->f40 = (int8_t)(seed * 31 + 40 * 7 - 50);
  s->f41 = (int8_t)(seed * 31 + 41 * 7 - 50);
  s->f42 = (int8_t)(seed * 31 + 42 * 7 - 50);
  s->f43 = (int8_t)(seed * 31 + 43 * 7 - 50);
  s->f44 = (int8_t)(seed * 31 + 44 * 7 - 50);
  s->f45 = (int8_t)(seed * 31 + 45 * 7 - 50);
  s->f46 = (int8_t)(seed * 31 + 46 * 7 - 50);
  s->f47 = (int8_t)(seed * 31 + 47 * 7 - 50);
  s->f48 = (int8_t)(seed * 31 + 48 * 7 - 50);
  s->f49 = (int8_t)(seed * 31 + 49 * 7 - 50);
  s->f50 = (int8_t)(seed * 31 + 50 * 7 - 50);
  s->f51 = (int8_t)(seed * 31 + 51 * 7 - 50);
  s->f52 = (int8_t)(seed * 31 + 52 * 7 - 50);
  s->f53 = (int8_t)(seed * 31 + 53 * 7 - 50);
  s->f54 = (int8_t)(seed * 31 + 54 * 7 - 50);
  s->f55 = (int8_t)(seed * 31 + 55 * 7 - 50);
  s->f56 = (int8_t)(seed * 31 + 56 * 7 - 50);
  s->f57 = (int8_t)(seed * 31 + 57 * 7 - 50);
  s->f58 = (int8_t)(seed * 31 + 58 * 7 - 50);
  s->f59 = (int8_t)(seed * 31 + 59 * 7 - 50);
  s->f60 = (int8_t)(seed * 31 + 60 * 7 - 50);
}
static uint64_t hash_S61(const S61 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  h = fnv(h, &s->f39, 1);
  h = fnv(h, &s->f40, 1);
  h = fnv(h, &s->f41, 1);
  h = fnv(h, &s->f42, 1);
  h = fnv(h, &s->f43, 1);
  h = fnv(h, &s->f44, 1);
  h = fnv(h, &s->f45, 1);
  h = fnv(h, &s->f46, 1);
  h = fnv(h, &s->f47, 1);
  h = fnv(h, &s->f48, 1);
  h = fnv(h, &s->f49, 1);
  h = fnv(h, &s->f50, 1);
  h = fnv(h, &s->f51, 1);
  h = fnv(h, &s->f52, 1);
  h = fnv(h, &s->f53, 1);
  h = fnv(h, &s->f54, 1);
  h = fnv(h, &s->f55, 1);
  h = fnv(h, &s->f56, 1);
  h = fnv(h, &s->f57, 1);
  h = fnv(h, &s->f58, 1);
  h = fnv(h, &s->f59, 1);
  h = fnv(h, &s->f60, 1);
  return h;
}
static uint64_t take_S61(int32_t a, S61 s, double d) { return hash_S61(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S61(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S61 s, int64_t z, double w) {
  return hash_S61(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S61 make_S61(int32_t seed) { S61 s; memset(&s, 0, sizeof s); fill_S61(seed, &s); return s; }
static void fillp_S61(int32_t seed, S61 *s) { memset(s, 0, sizeof *s); fill_S61(seed, s); }

typedef struct { int16_t f0; int16_t f1; int8_t f2; int8_t f3; int16_t f4; int16_t f5; int16_t f6; int16_t f7; int8_t f8; int8_t f9; int16_t f10; int16_t f11; int16_t f12; int16_t f13; int8_t f14; int8_t f15; int16_t f16; int16_t f17; int16_t f18; int16_t f19; int8_t f20; int8_t f21; int16_t f22; int16_t f23; int16_t f24; int16_t f25; int8_t f26; int8_t f27; int16_t f28; int16_t f29; int16_t f30; int16_t f31; int8_t f32; int8_t f33; int16_t f34; int16_t f35; int16_t f36; } S62;
_Static_assert(sizeof(S62) == 62, "size of S62");
static void fill_S62(int seed, S62 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int16_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int16_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int16_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int16_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int16_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int16_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int16_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int16_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int16_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int16_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int16_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int16_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int16_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int16_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int16_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int16_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int16_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int16_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int16_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int16_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int16_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int16_t)(seed * 31 + 36 * 7 - 50);
}
static uint64_t hash_S62(const S62 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 2);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 2);
  h = fnv(h, &s->f5, 2);
  h = fnv(h, &s->f6, 2);
  h = fnv(h, &s->f7, 2);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 2);
  h = fnv(h, &s->f11, 2);
  h = fnv(h, &s->f12, 2);
  h = fnv(h, &s->f13, 2);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 2);
  h = fnv(h, &s->f17, 2);
  h = fnv(h, &s->f18, 2);
  h = fnv(h, &s->f19, 2);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 2);
  h = fnv(h, &s->f23, 2);
  h = fnv(h, &s->f24, 2);
  h = fnv(h, &s->f25, 2);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 2);
  h = fnv(h, &s->f29, 2);
  h = fnv(h, &s->f30, 2);
  h = fnv(h, &s->f31, 2);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 2);
  h = fnv(h, &s->f35, 2);
  h = fnv(h, &s->f36, 2);
  return h;
}
static uint64_t take_S62(int32_t a, S62 s, double d) { return hash_S62(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S62(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S62 s, int64_t z, double w) {
  return hash_S62(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S62 make_S62(int32_t seed) { S62 s; memset(&s, 0, sizeof s); fill_S62(seed, &s); return s; }
static void fillp_S62(int32_t seed, S62 *s) { memset(s, 0, sizeof *s); fill_S62(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int8_t f7; int8_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int8_t f13; int8_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int8_t f19; int8_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int8_t f25; int8_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int8_t f31; int8_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int8_t f37; int8_t f38; int8_t f39; int8_t f40; int8_t f41; int8_t f42; int8_t f43; int8_t f44; int8_t f45; int8_t f46; int8_t f47; int8_t f48; int8_t f49; int8_t f50; int8_t f51; int8_t f52; int8_t f53; int8_t f54; int8_t f55; int8_t f56; int8_t f57; int8_t f58; int8_t f59; int8_t f60; int8_t f61; int8_t f62; } S63;
_Static_assert(sizeof(S63) == 63, "size of S63");
static void fill_S63(int seed, S63 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int8_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int8_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int8_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int8_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int8_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int8_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int8_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int8_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int8_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int8_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int8_t)(seed * 31 + 37 * 7 - 50);
  s->f38 = (int8_t)(seed * 31 + 38 * 7 - 50);
  s->f39 = (int8_t)(seed * 31 + 39 * 7 - 50);
  s->f40 = (int8_t)(seed * 31 + 40 * 7 - 50);
  s->f41 = (int8_t)(seed * 31 + 41 * 7 - 50);
  s->f42 = (int8_t)(seed * 31 + 42 * 7 - 50);
  s->f43 = (int8_t)(seed * 31 + 43 * 7 - 50);
  s->f44 = (int8_t)(seed * 31 + 44 * 7 - 50);
  s->f45 = (int8_t)(seed * 31 + 45 * 7 - 50);
  s->f46 = (int8_t)(seed * 31 + 46 * 7 - 50);
  s->f47 = (int8_t)(seed * 31 + 47 * 7 - 50);
  s->f48 = (int8_t)(seed * 31 + 48 * 7 - 50);
  s->f49 = (int8_t)(seed * 31 + 49 * 7 - 50);
  s->f50 = (int8_t)(seed * 31 + 50 * 7 - 50);
  s->f51 = (int8_t)(seed * 31 + 51 * 7 - 50);
  s->f52 = (int8_t)(seed * 31 + 52 * 7 - 50);
  s->f53 = (int8_t)(seed * 31 + 53 * 7 - 50);
  s->f54 = (int8_t)(seed * 31 + 54 * 7 - 50);
  s->f55 = (int8_t)(seed * 31 + 55 * 7 - 50);
  s->f56 = (int8_t)(seed * 31 + 56 * 7 - 50);
  s->f57 = (int8_t)(seed * 31 + 57 * 7 - 50);
  s->f58 = (int8_t)(seed * 31 + 58 * 7 - 50);
  s->f59 = (int8_t)(seed * 31 + 59 * 7 - 50);
  s->f60 = (int8_t)(seed * 31 + 60 * 7 - 50);
  s->f61 = (int8_t)(seed * 31 + 61 * 7 - 50);
  s->f62 = (int8_t)(seed * 31 + 62 * 7 - 50);
}
static uint64_t hash_S63(const S63 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 1);
  h = fnv(h, &s->f8, 1);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 1);
  h = fnv(h, &s->f14, 1);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 1);
  h = fnv(h, &s->f20, 1);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 1);
  h = fnv(h, &s->f26, 1);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 1);
  h = fnv(h, &s->f32, 1);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 1);
  h = fnv(h, &s->f38, 1);
  h = fnv(h, &s->f39, 1);
  h = fnv(h, &s->f40, 1);
  h = fnv(h, &s->f41, 1);
  h = fnv(h, &s->f42, 1);
  h = fnv(h, &s->f43, 1);
  h = fnv(h, &s->f44, 1);
  h = fnv(h, &s->f45, 1);
  h = fnv(h, &s->f46, 1);
  h = fnv(h, &s->f47, 1);
  h = fnv(h, &s->f48, 1);
  h = fnv(h, &s->f49, 1);
  h = fnv(h, &s->f50, 1);
  h = fnv(h, &s->f51, 1);
  h = fnv(h, &s->f52, 1);
  h = fnv(h, &s->f53, 1);
  h = fnv(h, &s->f54, 1);
  h = fnv(h, &s->f55, 1);
  h = fnv(h, &s->f56, 1);
  h = fnv(h, &s->f57, 1);
  h = fnv(h, &s->f58, 1);
  h = fnv(h, &s->f59, 1);
  h = fnv(h, &s->f60, 1);
  h = fnv(h, &s->f61, 1);
  h = fnv(h, &s->f62, 1);
  return h;
}
static uint64_t take_S63(int32_t a, S63 s, double d) { return hash_S63(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S63(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S63 s, int64_t z, double w) {
  return hash_S63(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S63 make_S63(int32_t seed) { S63 s; memset(&s, 0, sizeof s); fill_S63(seed, &s); return s; }
static void fillp_S63(int32_t seed, S63 *s) { memset(s, 0, sizeof *s); fill_S63(seed, s); }

typedef struct { double f0; double f1; int16_t f2; int8_t f3; int8_t f4; int8_t f5; int8_t f6; int16_t f7; int16_t f8; int8_t f9; int8_t f10; int8_t f11; int8_t f12; int16_t f13; int16_t f14; int8_t f15; int8_t f16; int8_t f17; int8_t f18; int16_t f19; int16_t f20; int8_t f21; int8_t f22; int8_t f23; int8_t f24; int16_t f25; int16_t f26; int8_t f27; int8_t f28; int8_t f29; int8_t f30; int16_t f31; int16_t f32; int8_t f33; int8_t f34; int8_t f35; int8_t f36; int16_t f37; } S64;
_Static_assert(sizeof(S64) == 64, "size of S64");
static void fill_S64(int seed, S64 *s) {
  s->f0 = (double)(seed + 0) * 0.5;
  s->f1 = (double)(seed + 1) * 0.5;
  s->f2 = (int16_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (int8_t)(seed * 31 + 3 * 7 - 50);
  s->f4 = (int8_t)(seed * 31 + 4 * 7 - 50);
  s->f5 = (int8_t)(seed * 31 + 5 * 7 - 50);
  s->f6 = (int8_t)(seed * 31 + 6 * 7 - 50);
  s->f7 = (int16_t)(seed * 31 + 7 * 7 - 50);
  s->f8 = (int16_t)(seed * 31 + 8 * 7 - 50);
  s->f9 = (int8_t)(seed * 31 + 9 * 7 - 50);
  s->f10 = (int8_t)(seed * 31 + 10 * 7 - 50);
  s->f11 = (int8_t)(seed * 31 + 11 * 7 - 50);
  s->f12 = (int8_t)(seed * 31 + 12 * 7 - 50);
  s->f13 = (int16_t)(seed * 31 + 13 * 7 - 50);
  s->f14 = (int16_t)(seed * 31 + 14 * 7 - 50);
  s->f15 = (int8_t)(seed * 31 + 15 * 7 - 50);
  s->f16 = (int8_t)(seed * 31 + 16 * 7 - 50);
  s->f17 = (int8_t)(seed * 31 + 17 * 7 - 50);
  s->f18 = (int8_t)(seed * 31 + 18 * 7 - 50);
  s->f19 = (int16_t)(seed * 31 + 19 * 7 - 50);
  s->f20 = (int16_t)(seed * 31 + 20 * 7 - 50);
  s->f21 = (int8_t)(seed * 31 + 21 * 7 - 50);
  s->f22 = (int8_t)(seed * 31 + 22 * 7 - 50);
  s->f23 = (int8_t)(seed * 31 + 23 * 7 - 50);
  s->f24 = (int8_t)(seed * 31 + 24 * 7 - 50);
  s->f25 = (int16_t)(seed * 31 + 25 * 7 - 50);
  s->f26 = (int16_t)(seed * 31 + 26 * 7 - 50);
  s->f27 = (int8_t)(seed * 31 + 27 * 7 - 50);
  s->f28 = (int8_t)(seed * 31 + 28 * 7 - 50);
  s->f29 = (int8_t)(seed * 31 + 29 * 7 - 50);
  s->f30 = (int8_t)(seed * 31 + 30 * 7 - 50);
  s->f31 = (int16_t)(seed * 31 + 31 * 7 - 50);
  s->f32 = (int16_t)(seed * 31 + 32 * 7 - 50);
  s->f33 = (int8_t)(seed * 31 + 33 * 7 - 50);
  s->f34 = (int8_t)(seed * 31 + 34 * 7 - 50);
  s->f35 = (int8_t)(seed * 31 + 35 * 7 - 50);
  s->f36 = (int8_t)(seed * 31 + 36 * 7 - 50);
  s->f37 = (int16_t)(seed * 31 + 37 * 7 - 50);
}
static uint64_t hash_S64(const S64 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 8);
  h = fnv(h, &s->f1, 8);
  h = fnv(h, &s->f2, 2);
  h = fnv(h, &s->f3, 1);
  h = fnv(h, &s->f4, 1);
  h = fnv(h, &s->f5, 1);
  h = fnv(h, &s->f6, 1);
  h = fnv(h, &s->f7, 2);
  h = fnv(h, &s->f8, 2);
  h = fnv(h, &s->f9, 1);
  h = fnv(h, &s->f10, 1);
  h = fnv(h, &s->f11, 1);
  h = fnv(h, &s->f12, 1);
  h = fnv(h, &s->f13, 2);
  h = fnv(h, &s->f14, 2);
  h = fnv(h, &s->f15, 1);
  h = fnv(h, &s->f16, 1);
  h = fnv(h, &s->f17, 1);
  h = fnv(h, &s->f18, 1);
  h = fnv(h, &s->f19, 2);
  h = fnv(h, &s->f20, 2);
  h = fnv(h, &s->f21, 1);
  h = fnv(h, &s->f22, 1);
  h = fnv(h, &s->f23, 1);
  h = fnv(h, &s->f24, 1);
  h = fnv(h, &s->f25, 2);
  h = fnv(h, &s->f26, 2);
  h = fnv(h, &s->f27, 1);
  h = fnv(h, &s->f28, 1);
  h = fnv(h, &s->f29, 1);
  h = fnv(h, &s->f30, 1);
  h = fnv(h, &s->f31, 2);
  h = fnv(h, &s->f32, 2);
  h = fnv(h, &s->f33, 1);
  h = fnv(h, &s->f34, 1);
  h = fnv(h, &s->f35, 1);
  h = fnv(h, &s->f36, 1);
  h = fnv(h, &s->f37, 2);
  return h;
}
static uint64_t take_S64(int32_t a, S64 s, double d) { return hash_S64(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S64(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S64 s, int64_t z, double w) {
  return hash_S64(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S64 make_S64(int32_t seed) { S64 s; memset(&s, 0, sizeof s); fill_S64(seed, &s); return s; }
static void fillp_S64(int32_t seed, S64 *s) { memset(s, 0, sizeof *s); fill_S64(seed, s); }

typedef struct { float f0; float f1; } S65;
_Static_assert(sizeof(S65) == 8, "size of S65");
static void fill_S65(int seed, S65 *s) {
  s->f0 = (float)(seed + 0) * 0.5;
  s->f1 = (float)(seed + 1) * 0.5;
}
static uint64_t hash_S65(const S65 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 4);
  return h;
}
static uint64_t take_S65(int32_t a, S65 s, double d) { return hash_S65(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S65(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S65 s, int64_t z, double w) {
  return hash_S65(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S65 make_S65(int32_t seed) { S65 s; memset(&s, 0, sizeof s); fill_S65(seed, &s); return s; }
static void fillp_S65(int32_t seed, S65 *s) { memset(s, 0, sizeof *s); fill_S65(seed, s); }

typedef struct { float f0; float f1; float f2; } S66;
_Static_assert(sizeof(S66) == 12, "size of S66");
static void fill_S66(int seed, S66 *s) {
  s->f0 = (float)(seed + 0) * 0.5;
  s->f1 = (float)(seed + 1) * 0.5;
  s->f2 = (float)(seed + 2) * 0.5;
}
static uint64_t hash_S66(const S66 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 4);
  return h;
}
static uint64_t take_S66(int32_t a, S66 s, double d) { return hash_S66(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S66(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S66 s, int64_t z, double w) {
  return hash_S66(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S66 make_S66(int32_t seed) { S66 s; memset(&s, 0, sizeof s); fill_S66(seed, &s); return s; }
static void fillp_S66(int32_t seed, S66 *s) { memset(s, 0, sizeof *s); fill_S66(seed, s); }

typedef struct { double f0; double f1; } S67;
_Static_assert(sizeof(S67) == 16, "size of S67");
static void fill_S67(int seed, S67 *s) {
  s->f0 = (double)(seed + 0) * 0.5;
  s->f1 = (double)(seed + 1) * 0.5;
}
static uint64_t hash_S67(const S67 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 8);
  h = fnv(h, &s->f1, 8);
  return h;
}
static uint64_t take_S67(int32_t a, S67 s, double d) { return hash_S67(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S67(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S67 s, int64_t z, double w) {
  return hash_S67(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S67 make_S67(int32_t seed) { S67 s; memset(&s, 0, sizeof s); fill_S67(seed, &s); return s; }
static void fillp_S67(int32_t seed, S67 *s) { memset(s, 0, sizeof *s); fill_S67(seed, s); }

typedef struct { double f0; float f1; float f2; } S68;
_Static_assert(sizeof(S68) == 16, "size of S68");
static void fill_S68(int seed, S68 *s) {
  s->f0 = (double)(seed + 0) * 0.5;
  s->f1 = (float)(seed + 1) * 0.5;
  s->f2 = (float)(seed + 2) * 0.5;
}
static uint64_t hash_S68(const S68 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 8);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 4);
  return h;
}
static uint64_t take_S68(int32_t a, S68 s, double d) { return hash_S68(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S68(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S68 s, int64_t z, double w) {
  return hash_S68(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S68 make_S68(int32_t seed) { S68 s; memset(&s, 0, sizeof s); fill_S68(seed, &s); return s; }
static void fillp_S68(int32_t seed, S68 *s) { memset(s, 0, sizeof *s); fill_S68(seed, s); }

typedef struct { int64_t f0; float f1; float f2; } S69;
_Static_assert(sizeof(S69) == 16, "size of S69");
static void fill_S69(int seed, S69 *s) {
  s->f0 = (int64_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (float)(seed + 1) * 0.5;
  s->f2 = (float)(seed + 2) * 0.5;
}
static uint64_t hash_S69(const S69 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 8);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 4);
  return h;
}
static uint64_t take_S69(int32_t a, S69 s, double d) { return hash_S69(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S69(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S69 s, int64_t z, double w) {
  return hash_S69(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S69 make_S69(int32_t seed) { S69 s; memset(&s, 0, sizeof s); fill_S69(seed, &s); return s; }
static void fillp_S69(int32_t seed, S69 *s) { memset(s, 0, sizeof *s); fill_S69(seed, s); }

typedef struct { int32_t f0; int32_t f1; float f2; } S70;
_Static_assert(sizeof(S70) == 12, "size of S70");
static void fill_S70(int seed, S70 *s) {
  s->f0 = (int32_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int32_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (float)(seed + 2) * 0.5;
}
static uint64_t hash_S70(const S70 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 4);
  return h;
}
static uint64_t take_S70(int32_t a, S70 s, double d) { return hash_S70(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S70(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S70 s, int64_t z, double w) {
  return hash_S70(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S70 make_S70(int32_t seed) { S70 s; memset(&s, 0, sizeof s); fill_S70(seed, &s); return s; }
static void fillp_S70(int32_t seed, S70 *s) { memset(s, 0, sizeof *s); fill_S70(seed, s); }

typedef struct { double f0; int64_t f1; } S71;
_Static_assert(sizeof(S71) == 16, "size of S71");
static void fill_S71(int seed, S71 *s) {
  s->f0 = (double)(seed + 0) * 0.5;
  s->f1 = (int64_t)(seed * 31 + 1 * 7 - 50);
}
static uint64_t hash_S71(const S71 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 8);
  h = fnv(h, &s->f1, 8);
  return h;
}
static uint64_t take_S71(int32_t a, S71 s, double d) { return hash_S71(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S71(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S71 s, int64_t z, double w) {
  return hash_S71(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S71 make_S71(int32_t seed) { S71 s; memset(&s, 0, sizeof s); fill_S71(seed, &s); return s; }
static void fillp_S71(int32_t seed, S71 *s) { memset(s, 0, sizeof *s); fill_S71(seed, s); }

typedef struct { float f0; float f1; int32_t f2; } S72;
_Static_assert(sizeof(S72) == 12, "size of S72");
static void fill_S72(int seed, S72 *s) {
  s->f0 = (float)(seed + 0) * 0.5;
  s->f1 = (float)(seed + 1) * 0.5;
  s->f2 = (int32_t)(seed * 31 + 2 * 7 - 50);
}
static uint64_t hash_S72(const S72 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 4);
  return h;
}
static uint64_t take_S72(int32_t a, S72 s, double d) { return hash_S72(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S72(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S72 s, int64_t z, double w) {
  return hash_S72(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S72 make_S72(int32_t seed) { S72 s; memset(&s, 0, sizeof s); fill_S72(seed, &s); return s; }
static void fillp_S72(int32_t seed, S72 *s) { memset(s, 0, sizeof *s); fill_S72(seed, s); }

typedef struct { float f0; int32_t f1; } S73;
_Static_assert(sizeof(S73) == 8, "size of S73");
static void fill_S73(int seed, S73 *s) {
  s->f0 = (float)(seed + 0) * 0.5;
  s->f1 = (int32_t)(seed * 31 + 1 * 7 - 50);
}
static uint64_t hash_S73(const S73 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 4);
  return h;
}
static uint64_t take_S73(int32_t a, S73 s, double d) { return hash_S73(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S73(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S73 s, int64_t z, double w) {
  return hash_S73(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S73 make_S73(int32_t seed) { S73 s; memset(&s, 0, sizeof s); fill_S73(seed, &s); return s; }
static void fillp_S73(int32_t seed, S73 *s) { memset(s, 0, sizeof *s); fill_S73(seed, s); }

typedef struct { long double f0; } S74;
_Static_assert(sizeof(S74) == 16, "size of S74");
static void fill_S74(int seed, S74 *s) {
  ld_pattern(seed + 0, &s->f0);
}
static uint64_t hash_S74(const S74 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 10);
  return h;
}
static uint64_t take_S74(int32_t a, S74 s, double d) { return hash_S74(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S74(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S74 s, int64_t z, double w) {
  return hash_S74(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S74 make_S74(int32_t seed) { S74 s; memset(&s, 0, sizeof s); fill_S74(seed, &s); return s; }
static void fillp_S74(int32_t seed, S74 *s) { memset(s, 0, sizeof *s); fill_S74(seed, s); }

typedef struct { float f0; float f1; float f2; float f3; float f4; } S75;
_Static_assert(sizeof(S75) == 20, "size of S75");
static void fill_S75(int seed, S75 *s) {
  s->f0 = (float)(seed + 0) * 0.5;
  s->f1 = (float)(seed + 1) * 0.5;
  s->f2 = (float)(seed + 2) * 0.5;
  s->f3 = (float)(seed + 3) * 0.5;
  s->f4 = (float)(seed + 4) * 0.5;
}
static uint64_t hash_S75(const S75 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 4);
  h = fnv(h, &s->f2, 4);
  h = fnv(h, &s->f3, 4);
  h = fnv(h, &s->f4, 4);
  return h;
}
static uint64_t take_S75(int32_t a, S75 s, double d) { return hash_S75(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S75(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S75 s, int64_t z, double w) {
  return hash_S75(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S75 make_S75(int32_t seed) { S75 s; memset(&s, 0, sizeof s); fill_S75(seed, &s); return s; }
static void fillp_S75(int32_t seed, S75 *s) { memset(s, 0, sizeof *s); fill_S75(seed, s); }

typedef struct { double f0; double f1; double f2; } S76;
_Static_assert(sizeof(S76) == 24, "size of S76");
static void fill_S76(int seed, S76 *s) {
  s->f0 = (double)(seed + 0) * 0.5;
  s->f1 = (double)(seed + 1) * 0.5;
  s->f2 = (double)(seed + 2) * 0.5;
}
static uint64_t hash_S76(const S76 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 8);
  h = fnv(h, &s->f1, 8);
  h = fnv(h, &s->f2, 8);
  return h;
}
static uint64_t take_S76(int32_t a, S76 s, double d) { return hash_S76(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S76(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S76 s, int64_t z, double w) {
  return hash_S76(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S76 make_S76(int32_t seed) { S76 s; memset(&s, 0, sizeof s); fill_S76(seed, &s); return s; }
static void fillp_S76(int32_t seed, S76 *s) { memset(s, 0, sizeof *s); fill_S76(seed, s); }

typedef struct { int16_t f0; float f1; } S77;
_Static_assert(sizeof(S77) == 8, "size of S77");
static void fill_S77(int seed, S77 *s) {
  s->f0 = (int16_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (float)(seed + 1) * 0.5;
}
static uint64_t hash_S77(const S77 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 2);
  h = fnv(h, &s->f1, 4);
  return h;
}
static uint64_t take_S77(int32_t a, S77 s, double d) { return hash_S77(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S77(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S77 s, int64_t z, double w) {
  return hash_S77(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S77 make_S77(int32_t seed) { S77 s; memset(&s, 0, sizeof s); fill_S77(seed, &s); return s; }
static void fillp_S77(int32_t seed, S77 *s) { memset(s, 0, sizeof *s); fill_S77(seed, s); }

typedef struct { float f0; int16_t f1; } S78;
_Static_assert(sizeof(S78) == 8, "size of S78");
static void fill_S78(int seed, S78 *s) {
  s->f0 = (float)(seed + 0) * 0.5;
  s->f1 = (int16_t)(seed * 31 + 1 * 7 - 50);
}
static uint64_t hash_S78(const S78 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 4);
  h = fnv(h, &s->f1, 2);
  return h;
}
static uint64_t take_S78(int32_t a, S78 s, double d) { return hash_S78(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S78(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S78 s, int64_t z, double w) {
  return hash_S78(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S78 make_S78(int32_t seed) { S78 s; memset(&s, 0, sizeof s); fill_S78(seed, &s); return s; }
static void fillp_S78(int32_t seed, S78 *s) { memset(s, 0, sizeof *s); fill_S78(seed, s); }

typedef struct { int8_t f0; int8_t f1; int8_t f2; float f3; } S79;
_Static_assert(sizeof(S79) == 8, "size of S79");
static void fill_S79(int seed, S79 *s) {
  s->f0 = (int8_t)(seed * 31 + 0 * 7 - 50);
  s->f1 = (int8_t)(seed * 31 + 1 * 7 - 50);
  s->f2 = (int8_t)(seed * 31 + 2 * 7 - 50);
  s->f3 = (float)(seed + 3) * 0.5;
}
static uint64_t hash_S79(const S79 *s) {
  uint64_t h = FNV_INIT;
  h = fnv(h, &s->f0, 1);
  h = fnv(h, &s->f1, 1);
  h = fnv(h, &s->f2, 1);
  h = fnv(h, &s->f3, 4);
  return h;
}
static uint64_t take_S79(int32_t a, S79 s, double d) { return hash_S79(&s) + (uint64_t)a * 3 + (uint64_t)(int64_t)(d * 2); }
static uint64_t take2_S79(int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5, double d1, double d2, double d3, double d4, double d5, double d6, double d7, S79 s, int64_t z, double w) {
  return hash_S79(&s) ^ (uint64_t)(a1 + 2 * a2 + 3 * a3 + 4 * a4 + 5 * a5 + 6 * z) ^ ((uint64_t)(int64_t)(d1 + 2 * d2 + 3 * d3 + 4 * d4 + 5 * d5 + 6 * d6 + 7 * d7 + 8 * w) << 20);
}
static S79 make_S79(int32_t seed) { S79 s; memset(&s, 0, sizeof s); fill_S79(seed, &s); return s; }
static void fillp_S79(int32_t seed, S79 *s) { memset(s, 0, sizeof *s); fill_S79(seed, s); }

void *bl_struct_fn(int id, int which) {
  switch (id) {
  case 1: { void *t[4] = { (void *)take_S1, (void *)take2_S1, (void *)make_S1, (void *)fillp_S1 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 2: { void *t[4] = { (void *)take_S2, (void *)take2_S2, (void *)make_S2, (void *)fillp_S2 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 3: { void *t[4] = { (void *)take_S3, (void *)take2_S3, (void *)make_S3, (void *)fillp_S3 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 4: { void *t[4] = { (void *)take_S4, (void *)take2_S4, (void *)make_S4, (void *)fillp_S4 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 5: { void *t[4] = { (void *)take_S5, (void *)take2_S5, (void *)make_S5, (void *)fillp_S5 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 6: { void *t[4] = { (void *)take_S6, (void *)take2_S6, (void *)make_S6, (void *)fillp_S6 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 7: { void *t[4] = { (void *)take_S7, (void *)take2_S7, (void *)make_S7, (void *)fillp_S7 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 8: { void *t[4] = { (void *)take_S8, (void *)take2_S8, (void *)make_S8, (void *)fillp_S8 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 9: { void *t[4] = { (void *)take_S9, (void *)take2_S9, (void *)make_S9, (void *)fillp_S9 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 10: { void *t[4] = { (void *)take_S10, (void *)take2_S10, (void *)make_S10, (void *)fillp_S10 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 11: { void *t[4] = { (void *)take_S11, (void *)take2_S11, (void *)make_S11, (void *)fillp_S11 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 12: { void *t[4] = { (void *)take_S12, (void *)take2_S12, (void *)make_S12, (void *)fillp_S12 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 13: { void *t[4] = { (void *)take_S13, (void *)take2_S13, (void *)make_S13, (void *)fillp_S13 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 14: { void *t[4] = { (void *)take_S14, (void *)take2_S14, (void *)make_S14, (void *)fillp_S14 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 15: { void *t[4] = { (void *)take_S15, (void *)take2_S15, (void *)make_S15, (void *)fillp_S15 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 16: { void *t[4] = { (void *)take_S16, (void *)take2_S16, (void *)make_S16, (void *)fillp_S16 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 17: { void *t[4] = { (void *)take_S17, (void *)take2_S17, (void *)make_S17, (void *)fillp_S17 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 18: { void *t[4] = { (void *)take_S18, (void *)take2_S18, (void *)make_S18, (void *)fillp_S18 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 19: { void *t[4] = { (void *)take_S19, (void *)take2_S19, (void *)make_S19, (void *)fillp_S19 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 20: { void *t[4] = { (void *)take_S20, (void *)take2_S20, (void *)make_S20, (void *)fillp_S20 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 21: { void *t[4] = { (void *)take_S21, (void *)take2_S21, (void *)make_S21, (void *)fillp_S21 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 22: { void *t[4] = { (void *)take_S22, (void *)take2_S22, (void *)make_S22, (void *)fillp_S22 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 23: { void *t[4] = { (void *)take_S23, (void *)take2_S23, (void *)make_S23, (void *)fillp_S23 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 24: { void *t[4] = { (void *)take_S24, (void *)take2_S24, (void *)make_S24, (void *)fillp_S24 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 25: { void *t[4] = { (void *)take_S25, (void *)take2_S25, (void *)make_S25, (void *)fillp_S25 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 26: { void *t[4] = { (void *)take_S26, (void *)take2_S26, (void *)make_S26, (void *)fillp_S26 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 27: { void *t[4] = { (void *)take_S27, (void *)take2_S27, (void *)make_S27, (void *)fillp_S27 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 28: { void *t[4] = { (void *)take_S28, (void *)take2_S28, (void *)make_S28, (void *)fillp_S28 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 29: { void *t[4] = { (void *)take_S29, (void *)take2_S29, (void *)make_S29, (void *)fillp_S29 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 30: { void *t[4] = { (void *)take_S30, (void *)take2_S30, (void *)make_S30, (void *)fillp_S30 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 31: { void *t[4] = { (void *)take_S31, (void *)take2_S31, (void *)make_S31, (void *)fillp_S31 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 32: { void *t[4] = { (void *)take_S32, (void *)take2_S32, (void *)make_S32, (void *)fillp_S32 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 33: { void *t[4] = { (void *)take_S33, (void *)take2_S33, (void *)make_S33, (void *)fillp_S33 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 34: { void *t[4] = { (void *)take_S34, (void *)take2_S34, (void *)make_S34, (void *)fillp_S34 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 35: { void *t[4] = { (void *)take_S35, (void *)take2_S35, (void *)make_S35, (void *)fillp_S35 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 36: { void *t[4] = { (void *)take_S36, (void *)take2_S36, (void *)make_S36, (void *)fillp_S36 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 37: { void *t[4] = { (void *)take_S37, (void *)take2_S37, (void *)make_S37, (void *)fillp_S37 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 38: { void *t[4] = { (void *)take_S38, (void *)take2_S38, (void *)make_S38, (void *)fillp_S38 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 39: { void *t[4] = { (void *)take_S39, (void *)take2_S39, (void *)make_S39, (void *)fillp_S39 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 40: { void *t[4] = { (void *)take_S40, (void *)take2_S40, (void *)make_S40, (void *)fillp_S40 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 41: { void *t[4] = { (void *)take_S41, (void *)take2_S41, (void *)make_S41, (void *)fillp_S41 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 42: { void *t[4] = { (void *)take_S42, (void *)take2_S42, (void *)make_S42, (void *)fillp_S42 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 43: { void *t[4] = { (void *)take_S43, (void *)take2_S43, (void *)make_S43, (void *)fillp_S43 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 44: { void *t[4] = { (void *)take_S44, (void *)take2_S44, (void *)make_S44, (void *)fillp_S44 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 45: { void *t[4] = { (void *)take_S45, (void *)take2_S45, (void *)make_S45, (void *)fillp_S45 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 46: { void *t[4] = { (void *)take_S46, (void *)take2_S46, (void *)make_S46, (void *)fillp_S46 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 47: { void *t[4] = { (void *)take_S47, (void *)take2_S47, (void *)make_S47, (void *)fillp_S47 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 48: { void *t[4] = { (void *)take_S48, (void *)take2_S48, (void *)make_S48, (void *)fillp_S48 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 49: { void *t[4] = { (void *)take_S49, (void *)take2_S49, (void *)make_S49, (void *)fillp_S49 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 50: { void *t[4] = { (void *)take_S50, (void *)take2_S50, (void *)make_S50, (void *)fillp_S50 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 51: { void *t[4] = { (void *)take_S51, (void *)take2_S51, (void *)make_S51, (void *)fillp_S51 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 52: { void *t[4] = { (void *)take_S52, (void *)take2_S52, (void *)make_S52, (void *)fillp_S52 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 53: { void *t[4] = { (void *)take_S53, (void *)take2_S53, (void *)make_S53, (void *)fillp_S53 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 54: { void *t[4] = { (void *)take_S54, (void *)take2_S54, (void *)make_S54, (void *)fillp_S54 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 55: { void *t[4] = { (void *)take_S55, (void *)take2_S55, (void *)make_S55, (void *)fillp_S55 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 56: { void *t[4] = { (void *)take_S56, (void *)take2_S56, (void *)make_S56, (void *)fillp_S56 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 57: { void *t[4] = { (void *)take_S57, (void *)take2_S57, (void *)make_S57, (void *)fillp_S57 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 58: { void *t[4] = { (void *)take_S58, (void *)take2_S58, (void *)make_S58, (void *)fillp_S58 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 59: { void *t[4] = { (void *)take_S59, (void *)take2_S59, (void *)make_S59, (void *)fillp_S59 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 60: { void *t[4] = { (void *)take_S60, (void *)take2_S60, (void *)make_S60, (void *)fillp_S60 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 61: { void *t[4] = { (void *)take_S61, (void *)take2_S61, (void *)make_S61, (void *)fillp_S61 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 62: { void *t[4] = { (void *)take_S62, (void *)take2_S62, (void *)make_S62, (void *)fillp_S62 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 63: { void *t[4] = { (void *)take_S63, (void *)take2_S63, (void *)make_S63, (void *)fillp_S63 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 64: { void *t[4] = { (void *)take_S64, (void *)take2_S64, (void *)make_S64, (void *)fillp_S64 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 65: { void *t[4] = { (void *)take_S65, (void *)take2_S65, (void *)make_S65, (void *)fillp_S65 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 66: { void *t[4] = { (void *)take_S66, (void *)take2_S66, (void *)make_S66, (void *)fillp_S66 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 67: { void *t[4] = { (void *)take_S67, (void *)take2_S67, (void *)make_S67, (void *)fillp_S67 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 68: { void *t[4] = { (void *)take_S68, (void *)take2_S68, (void *)make_S68, (void *)fillp_S68 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 69: { void *t[4] = { (void *)take_S69, (void *)take2_S69, (void *)make_S69, (void *)fillp_S69 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 70: { void *t[4] = { (void *)take_S70, (void *)take2_S70, (void *)make_S70, (void *)fillp_S70 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 71: { void *t[4] = { (void *)take_S71, (void *)take2_S71, (void *)make_S71, (void *)fillp_S71 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 72: { void *t[4] = { (void *)take_S72, (void *)take2_S72, (void *)make_S72, (void *)fillp_S72 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 73: { void *t[4] = { (void *)take_S73, (void *)take2_S73, (void *)make_S73, (void *)fillp_S73 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 74: { void *t[4] = { (void *)take_S74, (void *)take2_S74, (void *)make_S74, (void *)fillp_S74 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 75: { void *t[4] = { (void *)take_S75, (void *)take2_S75, (void *)make_S75, (void *)fillp_S75 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 76: { void *t[4] = { (void *)take_S76, (void *)take2_S76, (void *)make_S76, (void *)fillp_S76 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 77: { void *t[4] = { (void *)take_S77, (void *)take2_S77, (void *)make_S77, (void *)fillp_S77 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 78: { void *t[4] = { (void *)take_S78, (void *)take2_S78, (void *)make_S78, (void *)fillp_S78 }; return which >= 0 && which < 4 ? t[which] : 0; }
  case 79: { void *t[4] = { (void *)take_S79, (void *)take2_S79, (void *)make_S79, (void *)fillp_S79 }; return which >= 0 && which < 4 ? t[which] : 0; }
  default: return 0;
  }
}
int bl_struct_count(void) { return 79; }
