/* varargs: a variadic function summing alternating long and double
   arguments (va_start/va_arg/va_end), called with 4 and with 18 extra
   arguments -- the long call overflows both the integer and the SSE
   argument registers, so some extras come from the stack.
   Stresses: variadic calls and va_list handling. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static double sum_mixed(int count, ...) {
  va_list ap;
  double s = 0.0;
  long is = 0;
  int k;

  va_start(ap, count);
  for (k = 0; k < count; k++) {
    if (k & 1)
      s += va_arg(ap, double);
    else
      is += va_arg(ap, long);
  }
  va_end(ap);
  return s + (double) is;
}

int main(int argc, char **argv) {
  int n = 10000000;
  int i;
  long a;
  double x, total;

  if (argc > 1) n = atoi(argv[1]);
  total = 0.0;
  for (i = 0; i < n; i++) {
    a = i & 1023;
    x = (double) (i & 255) * 0.5;
    total += sum_mixed(4, a, x, a + 1, x + 0.25);
    total += sum_mixed(18, a, x, a * 2, x * 2.0, 3L, 0.75, a + 5, x + 1.0, 7L, 1.5, a, x, 9L, -2.0, a - 3,
                       x * 0.5, 11L, 0.125);
  }
  printf("varargs(%d): total=%.3f\n", n, total);
  return 0;
}
