/* fannkuch: count pancake flips over all permutations of 0..n-1
   (permutations generated in the classic rotation order).
   Stresses: small int arrays, tight loops, unpredictable branches. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  int n = 10;
  int perm[16], perm1[16], count[16];
  int i, j, k, t, r, flips, maxflips, permcount, p0;
  long checksum;

  if (argc > 1) n = atoi(argv[1]);
  if (n < 1 || n > 15) n = 10;
  for (i = 0; i < n; i++) perm1[i] = i;
  r = n;
  maxflips = 0;
  permcount = 0;
  checksum = 0;
  for (;;) {
    while (r != 1) {
      count[r - 1] = r;
      r--;
    }
    for (i = 0; i < n; i++) perm[i] = perm1[i];
    flips = 0;
    while ((k = perm[0]) != 0) {
      i = 0;
      j = k;
      while (i < j) {
        t = perm[i];
        perm[i] = perm[j];
        perm[j] = t;
        i++;
        j--;
      }
      flips++;
    }
    if (flips > maxflips) maxflips = flips;
    if (permcount % 2 == 0)
      checksum += flips;
    else
      checksum -= flips;
    for (;;) {
      if (r == n) goto done;
      p0 = perm1[0];
      for (i = 0; i < r; i++) perm1[i] = perm1[i + 1];
      perm1[r] = p0;
      count[r]--;
      if (count[r] > 0) break;
      r++;
    }
    permcount++;
  }
done:
  printf("fannkuch(%d): checksum=%ld maxflips=%d\n", n, checksum, maxflips);
  return 0;
}
