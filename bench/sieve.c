/* sieve: Sieve of Eratosthenes over a malloc'ed byte array.
   Stresses: byte loads/stores with index, tight nested loops. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = 40000000;
  char *flags;
  int i, j, count;
  long sum;

  if (argc > 1) n = atoi(argv[1]);
  flags = malloc(n + 1);
  for (i = 0; i <= n; i++) flags[i] = 1;
  for (i = 2; (long) i * i <= n; i++) {
    if (flags[i]) {
      for (j = i * i; j <= n; j += i) flags[j] = 0;
    }
  }
  count = 0;
  sum = 0;
  for (i = 2; i <= n; i++) {
    if (flags[i]) {
      count++;
      sum += i;
    }
  }
  printf("sieve(%d): count=%d sum=%ld\n", n, count, sum);
  free(flags);
  return 0;
}
