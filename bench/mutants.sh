#!/usr/bin/env bash
# Mutation testing of one crate (issue 10): cargo-mutants injects small bugs into the code
# and reports each one that no test caught. A measurement tool, not part of CI; the
# findings and the survivors we keep are explained in bench/mutants.md.
#
# Needs cargo-mutants (not installed by this script):
#     cargo install --locked cargo-mutants      # 27.x; a few minutes on 2 cores
#
# Usage: bench/mutants.sh [THRESHOLD] [extra cargo-mutants arguments]
#   THRESHOLD   lowest caught share in per cent that passes (default 90)
#   e.g.        bench/mutants.sh 90 --file crates/domain/src/unit.rs
#               bench/mutants.sh 90 --iterate      # retest only what was not caught last time
# Environment:
#   MUTANTS_PACKAGE    the package to mutate (default prisverdig-domain)
#   MUTANTS_TEST_ARGS  arguments to `cargo test` (default --lib: the domain's tests are unit
#                      tests beside the code, and it has no doc tests; use "" for a crate
#                      whose tests live in tests/)
#   MUTANTS_JOBS       parallel builds (default 1: the machine is shared)
#
# The caught share is (caught + timeout) / (caught + missed + timeout). Unviable mutants
# (they do not compile) prove nothing either way. A timeout means the tests did not pass
# with the mutant (it made them hang, e.g. a loop guard removed), so it counts as caught;
# timeouts are listed by name to be looked at. Exits 1 below the threshold, 2 when
# cargo-mutants itself fails (for instance the unmutated tests fail).
set -euo pipefail

threshold="${1:-90}"
[[ $# -gt 0 ]] && shift
if ! [[ "$threshold" =~ ^[0-9]+$ ]]; then
    echo "threshold must be a whole number of per cent, got '$threshold'" >&2
    exit 2
fi
package="${MUTANTS_PACKAGE:-prisverdig-domain}"
test_args="${MUTANTS_TEST_ARGS---lib}"
jobs="${MUTANTS_JOBS:-1}"

repo="$(cd "$(dirname "$0")/.." && pwd)"
base="${CARGO_TARGET_DIR:-$repo/target}"
out="$base/mutants/$package"
# A build directory of its own: the mutated copies do not lock or dirty the normal
# target directory, and the dependencies built once are reused by the next run.
export CARGO_TARGET_DIR="$base/mutants-build"
mkdir -p "$out"

cargo_test_args=()
for a in $test_args; do cargo_test_args+=(--cargo-test-arg="$a"); done

set +e
# --minimum-test-timeout: the domain tests take well under a second; a mutant that makes
# them loop is stopped after 30 s instead of blocking the run. Builds are not timed out
# (a loaded machine can be slow to compile).
nice -n 19 cargo mutants \
    --dir "$repo" \
    --package "$package" \
    --output "$out" \
    --jobs "$jobs" \
    --no-shuffle \
    --minimum-test-timeout 30 \
    --cap-lints true \
    "${cargo_test_args[@]}" \
    "$@"
status=$?
set -e
# cargo-mutants: 0 all caught, 2 some missed, 3 some timed out; anything else is a failure.
case $status in
    0 | 2 | 3) ;;
    *)
        echo "cargo mutants failed (exit $status); see $out/mutants.out/debug.log" >&2
        exit 2
        ;;
esac

count() { if [[ -f "$out/mutants.out/$1.txt" ]]; then wc -l <"$out/mutants.out/$1.txt"; else echo 0; fi; }
# With --iterate, the mutants caught or unviable in earlier runs are not retested but all
# listed in previously_caught.txt. To tell the two apart, every unviable mutant seen since the
# last full run is kept in unviable-all.txt beside mutants.out (which each run replaces).
results="$out/mutants.out"
all_unviable="$out/unviable-all.txt"
if [[ -f "$results/previously_caught.txt" ]]; then
    touch "$all_unviable"
    sort -u "$all_unviable" "$results/unviable.txt" -o "$all_unviable"
    earlier=$(grep -cvxF -f "$all_unviable" "$results/previously_caught.txt" || true)
else
    cp "$results/unviable.txt" "$all_unviable"
    earlier=0
fi
caught=$(($(count caught) + earlier))
missed=$(count missed)
timeout=$(count timeout)
unviable=$(wc -l <"$all_unviable")
tested=$((caught + missed + timeout))

echo
echo "package:  $package"
echo "caught:   $caught"
echo "missed:   $missed"
echo "timeout:  $timeout"
echo "unviable: $unviable"
if [[ $tested -eq 0 ]]; then
    echo "no viable mutants tested"
    exit 0
fi
# Whole tenths of a per cent, in integer arithmetic.
detected=$((caught + timeout))
tenths=$((detected * 1000 / tested))
echo "caught share: $((tenths / 10)).$((tenths % 10)) % of $tested viable mutants (threshold $threshold %)"
for list in missed timeout; do
    if [[ -s "$out/mutants.out/$list.txt" ]]; then
        echo "$list mutants:"
        sed 's/^/  /' "$out/mutants.out/$list.txt"
    fi
done
if [[ $((detected * 100)) -lt $((threshold * tested)) ]]; then
    exit 1
fi
