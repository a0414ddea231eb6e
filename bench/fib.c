/* fib: naive doubly recursive Fibonacci.
   Stresses: calls and returns, 32-bit int arguments/results. */
#include <stdio.h>
#include <stdlib.h>

int fib(int n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv) {
  int n = 42;

  if (argc > 1) n = atoi(argv[1]);
  printf("fib(%d) = %d\n", n, fib(n));
  return 0;
}
