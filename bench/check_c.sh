#!/usr/bin/env bash
# Build every bench/*.c with gcc -O2 into bench/out/ and run each at its quick
# size (bench/sizes.txt), comparing stdout with bench/expected/NAME.quick.
#   bench/check_c.sh            all programs
#   bench/check_c.sh fib sieve  only these
set -u
cd "$(dirname "$0")"
mkdir -p out
CC=${CC:-gcc}
pass=0
fail=0
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for src in *.c; do names+=("${src%.c}"); done
fi
for name in "${names[@]}"; do
  quick=$(awk -v n="$name" '$1 == n { print $2 }' sizes.txt)
  if [ -z "$quick" ]; then
    echo "FAIL $name: no quick size in sizes.txt"
    fail=$((fail + 1))
    continue
  fi
  if ! "$CC" -O2 -w -o "out/$name" "$name.c" -lm; then
    echo "FAIL $name: compile error"
    fail=$((fail + 1))
    continue
  fi
  if ! "./out/$name" "$quick" > "out/$name.quick.out"; then
    echo "FAIL $name: non-zero exit"
    fail=$((fail + 1))
    continue
  fi
  if cmp -s "out/$name.quick.out" "expected/$name.quick"; then
    echo "ok   $name ($quick)"
    pass=$((pass + 1))
  else
    echo "FAIL $name: output differs from expected/$name.quick"
    diff "expected/$name.quick" "out/$name.quick.out" | head -10
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
