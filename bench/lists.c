/* lists: singly linked list workloads -- build, copy, reverse, filter
   (freeing the removed cells), sum and length.
   Stresses: malloc/free of small cells, pointer chasing, stores through pointers. */
#include <stdio.h>
#include <stdlib.h>

typedef struct Cell {
  long val;
  struct Cell *next;
} Cell;

static Cell *build(int n) {
  Cell *head = NULL, *c;
  int i;

  for (i = n; i >= 1; i--) {
    c = malloc(sizeof(Cell));
    c->val = i;
    c->next = head;
    head = c;
  }
  return head;
}

static Cell *copy(Cell *l) {
  Cell *head = NULL, *tail = NULL, *c;

  while (l != NULL) {
    c = malloc(sizeof(Cell));
    c->val = l->val * 3 + 1;
    c->next = NULL;
    if (tail == NULL)
      head = c;
    else
      tail->next = c;
    tail = c;
    l = l->next;
  }
  return head;
}

static Cell *reverse(Cell *l) {
  Cell *prev = NULL, *next;

  while (l != NULL) {
    next = l->next;
    l->next = prev;
    prev = l;
    l = next;
  }
  return prev;
}

static Cell *remove_multiples(Cell *l, long m) {
  Cell *head = l, *prev = NULL, *next;

  while (l != NULL) {
    next = l->next;
    if (l->val % m == 0) {
      if (prev == NULL)
        head = next;
      else
        prev->next = next;
      free(l);
    } else {
      prev = l;
    }
    l = next;
  }
  return head;
}

static long sum_list(Cell *l) {
  long s = 0;

  for (; l != NULL; l = l->next) s += l->val;
  return s;
}

static long length(Cell *l) {
  long len = 0;

  for (; l != NULL; l = l->next) len++;
  return len;
}

static void free_list(Cell *l) {
  Cell *next;

  while (l != NULL) {
    next = l->next;
    free(l);
    l = next;
  }
}

int main(int argc, char **argv) {
  int n = 40000;
  int r;
  unsigned long total;
  Cell *a, *b;

  if (argc > 1) n = atoi(argv[1]);
  total = 0;
  for (r = 0; r < 40; r++) {
    a = build(n + r);
    b = copy(a);
    b = reverse(b);
    b = remove_multiples(b, 2 + r % 5);
    a = reverse(a);
    total = total * 7 + (unsigned long) (sum_list(b) + length(b) * 3 + a->val + b->val);
    free_list(a);
    free_list(b);
  }
  printf("lists(%d): total=%lu\n", n, total);
  return 0;
}
