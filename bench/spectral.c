/* spectral: spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1)
   by power iteration.  Stresses: double multiply/add, int->double conversion,
   small non-inlined function calls in the inner loop. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double eval_a(int i, int j) {
  return 1.0 / ((i + j) * (i + j + 1) / 2 + i + 1);
}

static void mul_av(int n, double *v, double *av) {
  int i, j;
  double s;

  for (i = 0; i < n; i++) {
    s = 0.0;
    for (j = 0; j < n; j++) s += eval_a(i, j) * v[j];
    av[i] = s;
  }
}

static void mul_atv(int n, double *v, double *atv) {
  int i, j;
  double s;

  for (i = 0; i < n; i++) {
    s = 0.0;
    for (j = 0; j < n; j++) s += eval_a(j, i) * v[j];
    atv[i] = s;
  }
}

static void mul_atav(int n, double *v, double *atav, double *tmp) {
  mul_av(n, v, tmp);
  mul_atv(n, tmp, atav);
}

int main(int argc, char **argv) {
  int n = 3000;
  int i;
  double *u, *v, *tmp;
  double vbv, vv;

  if (argc > 1) n = atoi(argv[1]);
  u = malloc(n * sizeof(double));
  v = malloc(n * sizeof(double));
  tmp = malloc(n * sizeof(double));
  for (i = 0; i < n; i++) u[i] = 1.0;
  for (i = 0; i < 10; i++) {
    mul_atav(n, u, v, tmp);
    mul_atav(n, v, u, tmp);
  }
  vbv = 0.0;
  vv = 0.0;
  for (i = 0; i < n; i++) {
    vbv += u[i] * v[i];
    vv += v[i] * v[i];
  }
  printf("%.9f\n", sqrt(vbv / vv));
  free(u);
  free(v);
  free(tmp);
  return 0;
}
