/* heapsort: sort an int array filled by a 32-bit LCG, then verify.
   Stresses: int array indexing, data-dependent branches, unsigned 32-bit math. */
#include <stdio.h>
#include <stdlib.h>

static unsigned int seed = 12345;

static unsigned int next_rand(void) {
  seed = seed * 1664525u + 1013904223u;
  return seed;
}

static void sift_down(int *a, int root, int end) {
  int child, t;

  while (2 * root + 1 <= end) {
    child = 2 * root + 1;
    if (child + 1 <= end && a[child] < a[child + 1]) child++;
    if (a[root] < a[child]) {
      t = a[root];
      a[root] = a[child];
      a[child] = t;
      root = child;
    } else {
      return;
    }
  }
}

static void heap_sort(int *a, int n) {
  int start, end, t;

  for (start = (n - 2) / 2; start >= 0; start--) sift_down(a, start, n - 1);
  for (end = n - 1; end > 0; end--) {
    t = a[0];
    a[0] = a[end];
    a[end] = t;
    sift_down(a, 0, end - 1);
  }
}

int main(int argc, char **argv) {
  int n = 2000000;
  int i, bad;
  int *a;
  long sum;

  if (argc > 1) n = atoi(argv[1]);
  a = malloc(n * sizeof(int));
  for (i = 0; i < n; i++) a[i] = (int) (next_rand() >> 1);
  heap_sort(a, n);
  bad = 0;
  sum = 0;
  for (i = 0; i < n; i++) {
    if (i > 0 && a[i - 1] > a[i]) bad++;
    sum += (long) a[i] * (i % 13 + 1);
  }
  printf("heapsort(%d): bad=%d first=%d mid=%d last=%d sum=%ld\n", n, bad, a[0], a[n / 2], a[n - 1], sum);
  free(a);
  return 0;
}
