/* matmul: dense n x n double matrix multiply (i-k-j loop order) on
   malloc'ed row-major matrices.  All values are small integers, so the
   sums are exact.  Stresses: double loads/stores with scaled indexes. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = 900;
  int i, j, k;
  double *a, *b, *c;
  double aik, sum, trace;

  if (argc > 1) n = atoi(argv[1]);
  a = malloc((long) n * n * sizeof(double));
  b = malloc((long) n * n * sizeof(double));
  c = malloc((long) n * n * sizeof(double));
  for (i = 0; i < n; i++) {
    for (j = 0; j < n; j++) {
      a[i * n + j] = (double) ((i * 3 + j) % 11 - 4);
      b[i * n + j] = (double) ((i + j * 5) % 13 - 5);
      c[i * n + j] = 0.0;
    }
  }
  for (i = 0; i < n; i++) {
    for (k = 0; k < n; k++) {
      aik = a[i * n + k];
      for (j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
  sum = 0.0;
  trace = 0.0;
  for (i = 0; i < n; i++) {
    trace += c[i * n + i];
    for (j = 0; j < n; j++) sum += c[i * n + j] * (double) ((i ^ j) & 3);
  }
  printf("matmul(%d): sum=%.1f trace=%.1f\n", n, sum, trace);
  free(a);
  free(b);
  free(c);
  return 0;
}
