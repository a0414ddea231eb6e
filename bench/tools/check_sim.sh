#!/usr/bin/env bash
# Run every bench/*.mir through the Python reference simulator (tools/mirsim.py)
# at its quick size and compare with bench/expected/NAME.quick.  Slow (about a
# minute in all); it exists to validate the .mir translations without mirage.
#   bench/tools/check_sim.sh [--upper=sign|junk] [NAME...]
set -u
cd "$(dirname "$0")/.."
mode=--upper=junk
if [ $# -gt 0 ] && [ "${1#--upper=}" != "$1" ]; then mode=$1; shift; fi
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for src in *.mir; do names+=("${src%.mir}"); done
fi
mkdir -p out
pass=0
fail=0
for name in "${names[@]}"; do
  quick=$(awk -v n="$name" '$1 == n { print $2 }' sizes.txt)
  if python3 tools/mirsim.py "$mode" "$name.mir" "$quick" > "out/$name.sim.out" 2> "out/$name.sim.err" \
     && cmp -s "out/$name.sim.out" "expected/$name.quick"; then
    echo "ok   $name ($quick)"
    pass=$((pass + 1))
  else
    echo "FAIL $name"
    head -5 "out/$name.sim.err"
    diff "expected/$name.quick" "out/$name.sim.out" | head -10
    fail=$((fail + 1))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
