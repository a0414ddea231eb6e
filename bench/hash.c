/* hash: a chained hash table keyed by C strings.  Keys are produced with
   sprintf; entries own a malloc'ed copy of their key (strlen + memcpy);
   lookups compare with strcmp.  Stresses: libc calls, pointer chasing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Entry {
  char *key;
  long value;
  struct Entry *next;
} Entry;

static unsigned int hash_str(const char *s) {
  unsigned int h = 5381;

  while (*s != 0) {
    h = h * 33 + (unsigned char) *s;
    s++;
  }
  return h;
}

static Entry *lookup(Entry **tab, unsigned int mask, const char *key) {
  Entry *e = tab[hash_str(key) & mask];

  while (e != NULL) {
    if (strcmp(e->key, key) == 0) return e;
    e = e->next;
  }
  return NULL;
}

static void insert(Entry **tab, unsigned int mask, const char *key, long value) {
  unsigned int h = hash_str(key) & mask;
  Entry *e = tab[h];
  size_t len;

  while (e != NULL) {
    if (strcmp(e->key, key) == 0) {
      e->value += value;
      return;
    }
    e = e->next;
  }
  e = malloc(sizeof(Entry));
  len = strlen(key);
  e->key = malloc(len + 1);
  memcpy(e->key, key, len + 1);
  e->value = value;
  e->next = tab[h];
  tab[h] = e;
}

int main(int argc, char **argv) {
  int n = 1000000;
  unsigned int nb, i;
  Entry **tab;
  Entry *e, *next;
  char buf[32];
  long found, sum;
  int maxchain, chain;

  if (argc > 1) n = atoi(argv[1]);
  nb = 1024;
  while (nb < (unsigned int) n) nb *= 2;
  tab = calloc(nb, sizeof(Entry *));
  for (i = 0; i < (unsigned int) n; i++) {
    sprintf(buf, "key_%u", i);
    insert(tab, nb - 1, buf, i);
  }
  for (i = 0; i < (unsigned int) n; i += 3) {
    sprintf(buf, "key_%u", i);
    insert(tab, nb - 1, buf, 1);
  }
  found = 0;
  sum = 0;
  for (i = 0; i < (unsigned int) n; i++) {
    sprintf(buf, "key_%u", i * 2 + 1);
    e = lookup(tab, nb - 1, buf);
    if (e != NULL) {
      found++;
      sum += e->value;
    }
  }
  maxchain = 0;
  for (i = 0; i < nb; i++) {
    chain = 0;
    for (e = tab[i]; e != NULL; e = next) {
      next = e->next;
      chain++;
      free(e->key);
      free(e);
    }
    if (chain > maxchain) maxchain = chain;
  }
  free(tab);
  printf("hash(%d): buckets=%u found=%ld sum=%ld maxchain=%d\n", n, nb, found, sum, maxchain);
  return 0;
}
