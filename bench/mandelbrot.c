/* mandelbrot: escape-time iteration over an n x n grid of the complex plane.
   Stresses: double arithmetic and compare-and-branch in a tight loop. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = 2000;
  int maxit = 100;
  int x, y, it;
  long inside, total;
  double cr, ci, zr, zi, zr2, zi2;

  if (argc > 1) n = atoi(argv[1]);
  inside = 0;
  total = 0;
  for (y = 0; y < n; y++) {
    ci = 2.0 * y / n - 1.0;
    for (x = 0; x < n; x++) {
      cr = 2.5 * x / n - 2.0;
      zr = 0.0;
      zi = 0.0;
      zr2 = 0.0;
      zi2 = 0.0;
      it = 0;
      while (it < maxit && zr2 + zi2 <= 4.0) {
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        zr2 = zr * zr;
        zi2 = zi * zi;
        it++;
      }
      if (it == maxit) inside++;
      total += it;
    }
  }
  printf("mandelbrot(%d): inside=%ld iterations=%ld\n", n, inside, total);
  return 0;
}
