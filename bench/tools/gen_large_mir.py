#!/usr/bin/env python3
"""Generates a large MIR text in the style MIR's C compiler emits (c2m -S).

Usage: gen_large_mir.py OUT.mir [MEGABYTES]   (default 64 MB)

Many modules, each with imports, protos, data items of several kinds and
functions full of 64-bit locals, typed memory operands with base, index,
scale and alias suffixes, compare-and-branch instructions and calls through
protos. Deterministic: the same arguments give the same file.
"""
import random
import sys

def module(rng, k, out):
    w = out.write
    w(f"M{k}:\tmodule\n")
    w("\timport\tprintf, malloc, memcpy, strlen\n")
    w(f"p_printf{k}:\tproto\ti32, p:U0, ...\n")
    w(f"p_malloc{k}:\tproto\tp, u64:U0\n")
    w(f"p_f{k}:\tproto\ti32, p:U0, i32:U1, d:U2\n")
    w(f"tab{k}:\ti32\t" + ", ".join(str(rng.randint(-1000, 1000)) for _ in range(24)) + "\n")
    w(f"dtab{k}:\td\t1.5, -2.25, 3.125e10, 0.001\n")
    w(f"str{k}:\tstring\t\"value %d and %s\\n\"\n")
    w(f"ptr{k}:\tref\ttab{k}, 8\n")
    w(f"zero{k}:\tbss\t64\n")
    for j in range(8):
        name = f"f{k}_{j}"
        w(f"\texport\t{name}\n")
        w(f"{name}:\tfunc\ti32, p:a, i32:n, d:x\n")
        w("\tlocal\ti64:i_0, i64:j_1, i64:t_2, i64:t_3, i64:t_4, i64:t_5, d:f_6, d:f_7\n")
        w("\tlocal\ti64:t_8, i64:t_9, i64:t_10\n")
        w("\tmov\ti_0, 0\n")
        w("\tmov\tt_2, 0\n")
        w(f"\tdmov\tf_6, 0.0\n")
        for b in range(12):
            lab = f"L{k}_{j}_{b}"
            w(f"{lab}:\n")
            w(f"\tbges\tL{k}_{j}_{b}_end, i_0, n\n")
            w(f"\tmov\tt_3, i32:(a, i_0, 4):alias_int\n")
            w(f"\tadds\tt_2, t_2, t_3\n")
            w(f"\tmuls\tt_4, t_3, {rng.randint(2, 99)}\n")
            w(f"\tmov\ti32:(a, i_0, 4):alias_int, t_4\n")
            w(f"\tmov\tt_5, i64:{8 * rng.randint(0, 7)}(a)::na{b}\n")
            w(f"\tand\tt_5, t_5, {rng.randint(1, 1 << 20)}\n")
            w(f"\ti2d\tf_7, t_5\n")
            w(f"\tdadd\tf_6, f_6, f_7\n")
            w(f"\tdmul\tf_6, f_6, x\n")
            w(f"\tmov\tt_8, tab{k}\n")
            w(f"\tmov\tt_9, i32:(t_8, i_0, 4)\n")
            w(f"\tble\tL{k}_{j}_{b}_skip, t_9, 0\n")
            w(f"\tsub\tt_2, t_2, t_9\n")
            w(f"L{k}_{j}_{b}_skip:\n")
            w(f"\tadds\ti_0, i_0, 1\n")
            w(f"\tjmp\t{lab}\n")
            w(f"L{k}_{j}_{b}_end:\n")
            w(f"\tmov\ti_0, 0\n")
        w(f"\tcall\tp_printf{k}, printf, t_10, str{k}, t_2, \"done\"\n")
        w(f"\tcall\tp_malloc{k}, malloc, t_8, 64\n")
        w("\text32\tt_2, t_2\n")
        w("\tret\tt_2\n")
        w("\tendfunc\n")
    w("\tendmodule\n")

def main():
    out_path = sys.argv[1]
    mb = float(sys.argv[2]) if len(sys.argv) > 2 else 64.0
    limit = int(mb * 1024 * 1024)
    rng = random.Random(12345)
    with open(out_path, "w") as out:
        k = 0
        while out.tell() < limit:
            module(rng, k, out)
            k += 1

if __name__ == "__main__":
    main()
