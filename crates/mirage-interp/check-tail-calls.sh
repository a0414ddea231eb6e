#!/bin/sh
# Checks that every tail-dispatch handler passes control to the next one
# with a jump, never with a call that would grow the machine stack (see
# src/exec.rs). Builds the test binary with readable (v0) symbol names and
# scans the disassembly of every `<true>` (tail-mode) instance of the
# handlers in `ops` and `calls` for register-indirect calls.
#
#   crates/mirage-interp/check-tail-calls.sh
#
# The run-time counterpart is the test
# `tail_dispatch_keeps_the_machine_stack_flat` (release builds only).
set -eu
dir=${CARGO_TARGET_DIR:-target}/tail-check
RUSTFLAGS="-C symbol-mangling-version=v0" cargo build --release -p mirage-interp --tests \
    --target-dir "$dir" >/dev/null 2>&1
bin=$(ls -t "$dir"/release/deps/interp-* | grep -v '\.d$' | head -1)
objdump -d --no-show-raw-insn -C "$bin" | awk '
    /^[0-9a-f]+ <mirage_interp::(ops|calls)::[a-z_0-9]+::<true/ { name = $0; n++; p = 1; next }
    /^[0-9a-f]+ </ { p = 0 }
    p && /call +\*(%r|\(%r|0x[0-9a-f]+\(%r[^i])/ { print "non-tail dispatch in " name ": " $0; bad++ }
    END {
        printf "%d tail-mode handlers checked\n", n
        if (n == 0 || bad > 0) exit 1
    }'
