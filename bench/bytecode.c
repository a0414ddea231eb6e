/* bytecode: a small stack-machine interpreter running a fixed program
   (acc = sum over i < n of (i*i + 3*i) % 1009, x = xor of all i; result acc - x).
   Two dispatch styles: a switch statement and GNU computed goto
   (labels as values); the hot run uses computed goto.
   Stresses: indirect jumps, switch jump tables, array-based stack. */
#include <stdio.h>
#include <stdlib.h>

enum { OP_HALT, OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_MOD, OP_LT, OP_JZ, OP_JMP, OP_XOR };

/* registers: 0 = i, 1 = acc, 2 = n, 3 = x */
static int program[60] = {
  OP_PUSH, 0, OP_STORE, 0,                     /*  0: i = 0 */
  OP_PUSH, 0, OP_STORE, 1,                     /*  4: acc = 0 */
  OP_PUSH, 0, OP_STORE, 3,                     /*  8: x = 0 */
  OP_LOAD, 0, OP_LOAD, 2, OP_LT, OP_JZ, 54,    /* 12: if (!(i < n)) goto 54 */
  OP_LOAD, 0, OP_LOAD, 0, OP_MUL,              /* 19: i * i */
  OP_LOAD, 0, OP_PUSH, 3, OP_MUL, OP_ADD,      /* 24: + 3 * i */
  OP_PUSH, 1009, OP_MOD,                       /* 30: % 1009 */
  OP_LOAD, 1, OP_ADD, OP_STORE, 1,             /* 33: acc += ... */
  OP_LOAD, 3, OP_LOAD, 0, OP_XOR, OP_STORE, 3, /* 38: x ^= i */
  OP_LOAD, 0, OP_PUSH, 1, OP_ADD, OP_STORE, 0, /* 45: i++ */
  OP_JMP, 12,                                  /* 52: loop */
  OP_LOAD, 1, OP_LOAD, 3, OP_SUB, OP_HALT      /* 54: return acc - x */
};

static long run_switch(int *code, long n) {
  long stack[64];
  long regs[4];
  long sp = 0, pc = 0, t;
  int op;

  regs[2] = n;
  for (;;) {
    op = code[pc];
    pc++;
    switch (op) {
    case OP_HALT: return stack[sp - 1];
    case OP_PUSH:
      stack[sp] = code[pc];
      sp++;
      pc++;
      break;
    case OP_LOAD:
      stack[sp] = regs[code[pc]];
      sp++;
      pc++;
      break;
    case OP_STORE:
      sp--;
      regs[code[pc]] = stack[sp];
      pc++;
      break;
    case OP_ADD:
      sp--;
      stack[sp - 1] = stack[sp - 1] + stack[sp];
      break;
    case OP_SUB:
      sp--;
      stack[sp - 1] = stack[sp - 1] - stack[sp];
      break;
    case OP_MUL:
      sp--;
      stack[sp - 1] = stack[sp - 1] * stack[sp];
      break;
    case OP_MOD:
      sp--;
      stack[sp - 1] = stack[sp - 1] % stack[sp];
      break;
    case OP_LT:
      sp--;
      stack[sp - 1] = stack[sp - 1] < stack[sp];
      break;
    case OP_JZ:
      t = code[pc];
      pc++;
      sp--;
      if (stack[sp] == 0) pc = t;
      break;
    case OP_JMP: pc = code[pc]; break;
    case OP_XOR:
      sp--;
      stack[sp - 1] = stack[sp - 1] ^ stack[sp];
      break;
    default: return -1;
    }
  }
}

static long run_goto(int *code, long n) {
  static void *labels[12] = {&&l_halt, &&l_push, &&l_load, &&l_store, &&l_add, &&l_sub,
                             &&l_mul,  &&l_mod,  &&l_lt,   &&l_jz,    &&l_jmp, &&l_xor};
  long stack[64];
  long regs[4];
  long sp = 0, pc = 0, t;

  regs[2] = n;
  pc++;
  goto *labels[code[0]];
l_halt:
  return stack[sp - 1];
l_push:
  stack[sp] = code[pc];
  sp++;
  pc += 2;
  goto *labels[code[pc - 1]];
l_load:
  stack[sp] = regs[code[pc]];
  sp++;
  pc += 2;
  goto *labels[code[pc - 1]];
l_store:
  sp--;
  regs[code[pc]] = stack[sp];
  pc += 2;
  goto *labels[code[pc - 1]];
l_add:
  sp--;
  stack[sp - 1] = stack[sp - 1] + stack[sp];
  pc++;
  goto *labels[code[pc - 1]];
l_sub:
  sp--;
  stack[sp - 1] = stack[sp - 1] - stack[sp];
  pc++;
  goto *labels[code[pc - 1]];
l_mul:
  sp--;
  stack[sp - 1] = stack[sp - 1] * stack[sp];
  pc++;
  goto *labels[code[pc - 1]];
l_mod:
  sp--;
  stack[sp - 1] = stack[sp - 1] % stack[sp];
  pc++;
  goto *labels[code[pc - 1]];
l_lt:
  sp--;
  stack[sp - 1] = stack[sp - 1] < stack[sp];
  pc++;
  goto *labels[code[pc - 1]];
l_jz:
  t = code[pc];
  sp--;
  if (stack[sp] == 0)
    pc = t + 1;
  else
    pc += 2;
  goto *labels[code[pc - 1]];
l_jmp:
  pc = code[pc] + 1;
  goto *labels[code[pc - 1]];
l_xor:
  sp--;
  stack[sp - 1] = stack[sp - 1] ^ stack[sp];
  pc++;
  goto *labels[code[pc - 1]];
}

int main(int argc, char **argv) {
  int n = 10000000;
  long r1, r2;

  if (argc > 1) n = atoi(argv[1]);
  r1 = run_switch(program, n / 4);
  r2 = run_goto(program, n);
  printf("bytecode(%d): switch=%ld goto=%ld\n", n, r1, r2);
  return 0;
}
