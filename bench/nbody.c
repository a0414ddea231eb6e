/* nbody: a made-up five-body gravitational system, integrated with a
   simple symplectic Euler step.  Stresses: double arithmetic, sqrt,
   struct-of-doubles field access through pointers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define NBODIES 5

typedef struct {
  double x, y, z, vx, vy, vz, mass;
} Body;

static Body bodies[NBODIES] = {
  {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 39.0},
  {1.25, 0.0, 0.125, 0.0, 5.5, 0.0625, 0.0375},
  {-2.5, 0.75, 0.0, -0.5, -3.75, 0.25, 0.0125},
  {0.5, -3.5, -0.25, 3.25, 0.375, -0.125, 0.002},
  {4.75, 2.0, 0.5, -1.0, 2.25, 0.0, 0.0005}
};

static void offset_momentum(int nb, Body *b) {
  double px = 0.0, py = 0.0, pz = 0.0;
  int i;

  for (i = 0; i < nb; i++) {
    px += b[i].vx * b[i].mass;
    py += b[i].vy * b[i].mass;
    pz += b[i].vz * b[i].mass;
  }
  b[0].vx = -px / b[0].mass;
  b[0].vy = -py / b[0].mass;
  b[0].vz = -pz / b[0].mass;
}

static double energy(int nb, Body *b) {
  double e = 0.0, dx, dy, dz;
  int i, j;

  for (i = 0; i < nb; i++) {
    e += 0.5 * b[i].mass * (b[i].vx * b[i].vx + b[i].vy * b[i].vy + b[i].vz * b[i].vz);
    for (j = i + 1; j < nb; j++) {
      dx = b[i].x - b[j].x;
      dy = b[i].y - b[j].y;
      dz = b[i].z - b[j].z;
      e -= b[i].mass * b[j].mass / sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

static void advance(int nb, Body *b, double dt) {
  int i, j;
  Body *bi, *bj;
  double dx, dy, dz, d2, mag;

  for (i = 0; i < nb; i++) {
    bi = &b[i];
    for (j = i + 1; j < nb; j++) {
      bj = &b[j];
      dx = bi->x - bj->x;
      dy = bi->y - bj->y;
      dz = bi->z - bj->z;
      d2 = dx * dx + dy * dy + dz * dz;
      mag = dt / (d2 * sqrt(d2));
      bi->vx -= dx * bj->mass * mag;
      bi->vy -= dy * bj->mass * mag;
      bi->vz -= dz * bj->mass * mag;
      bj->vx += dx * bi->mass * mag;
      bj->vy += dy * bi->mass * mag;
      bj->vz += dz * bi->mass * mag;
    }
  }
  for (i = 0; i < nb; i++) {
    bi = &b[i];
    bi->x += dt * bi->vx;
    bi->y += dt * bi->vy;
    bi->z += dt * bi->vz;
  }
}

int main(int argc, char **argv) {
  int n = 5000000;
  int i;

  if (argc > 1) n = atoi(argv[1]);
  offset_momentum(NBODIES, bodies);
  printf("%.9f\n", energy(NBODIES, bodies));
  for (i = 0; i < n; i++) advance(NBODIES, bodies, 0.001);
  printf("%.9f\n", energy(NBODIES, bodies));
  return 0;
}
