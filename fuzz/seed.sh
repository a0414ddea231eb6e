#!/usr/bin/env bash
# Copies every .mir file of the repository into the seed corpus of each fuzz
# target (fuzz/corpus/<target>/, gitignored). Safe to run repeatedly.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(read_verify structured)
fi
for t in "${targets[@]}"; do
    dir="$here/corpus/$t"
    mkdir -p "$dir"
    n=0
    while IFS= read -r -d '' f; do
        rel="${f#"$root"/}"
        cp "$f" "$dir/seed_${rel//\//_}"
        n=$((n + 1))
    done < <(find "$root/bench" "$root/examples" "$root/tests/filetests" \
        "$root/crates/mirage-ir/tests/fuzz_regressions" \
        -name '*.mir' -type f -print0 2>/dev/null)
    echo "$t: $n seed files in $dir"
done
