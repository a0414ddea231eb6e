/* ldouble: long double (x87 80-bit) kernel -- partial sums of zeta(2),
   the harmonic series and an infinite product, plus Newton iterations for
   sqrt(2) -- printed with %Lf.  Stresses: ld arithmetic, int->ld
   conversion, passing long doubles to variadic printf. */
#include <stdio.h>
#include <stdlib.h>

static long double newton_sqrt(long double a, int iters) {
  long double r = a;
  int i;

  for (i = 0; i < iters; i++) r = (r + a / r) * 0.5L;
  return r;
}

int main(int argc, char **argv) {
  int n = 100000000;
  long k;
  long double x, s, h, p, r;

  if (argc > 1) n = atoi(argv[1]);
  s = 0.0L;
  h = 0.0L;
  p = 1.0L;
  for (k = 1; k <= n; k++) {
    x = (long double) k;
    s += 1.0L / (x * x);
    h += 1.0L / x;
    p = p * (1.0L + 1.0L / (x * x * x));
  }
  r = newton_sqrt(2.0L, 8) + newton_sqrt((long double) n, 40);
  printf("ldouble(%d): zeta2=%.15Lf harmonic=%.15Lf product=%.15Lf\n", n, s, h, p);
  printf("sqrt: %.12Lf\n", r);
  return 0;
}
