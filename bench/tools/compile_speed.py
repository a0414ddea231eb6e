#!/usr/bin/env python3
"""Per-program generator compile speed.

For each bench/NAME.mir: runs `mirage run --compile-only` in the
interpreter mode and in jit mode at a level, alternating, N times each; the
difference of the medians is the time spent generating code (reading,
verifying, linking and process start-up cancel out). Prints MIR
instructions (lines of function bodies that are instructions), that time,
and instructions per second.

usage: compile_speed.py MIRAGE [-O LEVEL] [-n RUNS] [NAME ...]
"""
import os
import statistics
import subprocess
import sys
import time

DIRECTIVES = ("local", "endfunc", "func", "proto", "import", "export",
              "module", "endmodule", "data", "string", "bss", "ref",
              "lref", "expr", "global")


def count_insns(path):
    n = 0
    in_func = False
    for raw in open(path):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        words = line.split()
        # Drop a leading label ("L:").
        while words and words[0].endswith(":"):
            words = words[1:]
        if not words:
            continue
        w = words[0]
        if w == "func":
            in_func = True
            continue
        if w == "endfunc":
            in_func = False
            continue
        if in_func and w not in DIRECTIVES:
            n += 1
    return n


def run(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True)
    return time.perf_counter() - t


def main():
    args = sys.argv[1:]
    if not args:
        print(__doc__)
        sys.exit(2)
    mirage = args.pop(0)
    level, runs, names = "2", 15, []
    while args:
        a = args.pop(0)
        if a == "-O":
            level = args.pop(0)
        elif a == "-n":
            runs = int(args.pop(0))
        else:
            names.append(a)
    bench = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    if not names:
        names = sorted(f[:-4] for f in os.listdir(bench) if f.endswith(".mir"))
    print(f"| program | MIR insns | generate ms (-O{level}) | MIR insns/s |")
    print("|---|--:|--:|--:|")
    for name in names:
        path = os.path.join(bench, name + ".mir")
        base = [mirage, "run", "--compile-only", "--mode", "interp", path]
        jit = [mirage, "run", "--compile-only", "--mode", "jit",
               "-O", level, path]
        tb, tj = [], []
        for _ in range(runs):
            tb.append(run(base))
            tj.append(run(jit))
        gen = statistics.median(tj) - statistics.median(tb)
        n = count_insns(path)
        rate = f"{n / gen / 1000:.0f} k" if gen > 0 else "n/a"
        print(f"| {name} | {n} | {gen * 1000:.2f} | {rate} |")


if __name__ == "__main__":
    main()
