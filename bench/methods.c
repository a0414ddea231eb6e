/* methods: objects with a vtable of function pointers (area, perimeter,
   grow); a hot loop dispatching through the vtable.
   Stresses: indirect calls, loads through object and vtable pointers. */
#include <stdio.h>
#include <stdlib.h>

typedef struct Obj Obj;

typedef struct {
  long (*area)(Obj *o);
  long (*perimeter)(Obj *o);
  void (*grow)(Obj *o, long k);
} VTable;

struct Obj {
  const VTable *vt;
  long w, h;
};

static long rect_area(Obj *o) { return o->w * o->h; }
static long rect_perimeter(Obj *o) { return 2 * (o->w + o->h); }
static void rect_grow(Obj *o, long k) {
  o->w += k;
  o->h += k + 1;
  if (o->w > 1000) o->w -= 997;
  if (o->h > 1000) o->h -= 991;
}

static long square_area(Obj *o) { return o->w * o->w; }
static long square_perimeter(Obj *o) { return 4 * o->w; }
static void square_grow(Obj *o, long k) {
  o->w += 2 * k;
  if (o->w > 1000) o->w -= 983;
}

static long tri_area(Obj *o) { return o->w * o->h / 2; }
static long tri_perimeter(Obj *o) { return o->w + o->h + (o->w > o->h ? o->w : o->h); }
static void tri_grow(Obj *o, long k) {
  o->h += 3 * k;
  if (o->h > 1000) o->h -= 977;
}

static const VTable rect_vt = {rect_area, rect_perimeter, rect_grow};
static const VTable square_vt = {square_area, square_perimeter, square_grow};
static const VTable tri_vt = {tri_area, tri_perimeter, tri_grow};

int main(int argc, char **argv) {
  int n = 100000000;
  int i, kind;
  Obj *objs, *o;
  unsigned long acc;

  if (argc > 1) n = atoi(argv[1]);
  objs = malloc(64 * sizeof(Obj));
  for (i = 0; i < 64; i++) {
    kind = i % 3;
    if (kind == 0)
      objs[i].vt = &rect_vt;
    else if (kind == 1)
      objs[i].vt = &square_vt;
    else
      objs[i].vt = &tri_vt;
    objs[i].w = i % 17 + 1;
    objs[i].h = i % 13 + 2;
  }
  acc = 0;
  for (i = 0; i < n; i++) {
    o = &objs[(i * 7) & 63];
    acc = acc * 31 + (unsigned long) o->vt->area(o);
    acc ^= (unsigned long) o->vt->perimeter(o);
    if ((i & 7) == 0) o->vt->grow(o, i & 3);
  }
  printf("methods(%d): acc=%lu\n", n, acc);
  free(objs);
  return 0;
}
