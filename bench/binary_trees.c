/* binary_trees: allocate, walk and free many complete binary trees.
   Stresses: malloc/free, recursion, pointer loads. */
#include <stdio.h>
#include <stdlib.h>

typedef struct Node {
  struct Node *left, *right;
} Node;

static Node *make_tree(int depth) {
  Node *t = malloc(sizeof(Node));

  if (depth > 0) {
    t->left = make_tree(depth - 1);
    t->right = make_tree(depth - 1);
  } else {
    t->left = NULL;
    t->right = NULL;
  }
  return t;
}

static int check_tree(Node *t) {
  if (t->left == NULL) return 1;
  return 1 + check_tree(t->left) + check_tree(t->right);
}

static void free_tree(Node *t) {
  if (t->left != NULL) {
    free_tree(t->left);
    free_tree(t->right);
  }
  free(t);
}

int main(int argc, char **argv) {
  int max_depth = 16;
  int min_depth = 4;
  int depth, iters, i, sum;
  long total;
  Node *t, *long_lived;

  if (argc > 1) max_depth = atoi(argv[1]);
  if (max_depth < min_depth + 2) max_depth = min_depth + 2;
  t = make_tree(max_depth + 1);
  printf("stretch depth %d: %d nodes\n", max_depth + 1, check_tree(t));
  free_tree(t);
  long_lived = make_tree(max_depth);
  total = 0;
  for (depth = min_depth; depth <= max_depth; depth += 2) {
    iters = 1 << (max_depth - depth + min_depth);
    sum = 0;
    for (i = 0; i < iters; i++) {
      t = make_tree(depth);
      sum += check_tree(t);
      free_tree(t);
    }
    total += sum;
    printf("%d trees of depth %d: %d nodes\n", iters, depth, sum);
  }
  printf("long lived depth %d: %d nodes, total %ld\n", max_depth, check_tree(long_lived), total);
  free_tree(long_lived);
  return 0;
}
