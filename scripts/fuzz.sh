#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/) for a bounded time with cargo-fuzz on the
# nightly toolchain: Markdown rendering and sanitising, the import format, the application
# form's decoding and the search query parser. `.ci/run` calls it with the short default.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     # build, then run each target (default 30 s)
#   scripts/fuzz.sh build                    # only install cargo-fuzz and build the targets
#   scripts/fuzz.sh run [SECONDS_PER_TARGET] # only run the targets built before
#
# `.ci/run` builds in the background at low priority while the other steps run (the build
# instruments every dependency, so it shares nothing with the workspace's), then runs.
#
# Needs: the nightly toolchain (present on these machines) and cargo-fuzz, which this script
# installs (pinned) when it is missing. Targets are built without a sanitizer (`-s none`):
# the code is safe Rust, so what is looked for is panics, hangs and the targets' own
# assertions (e.g. no script in sanitised Markdown). A finding is written under
# fuzz/artifacts/TARGET/ and fails the run; keep it as a regression test (see docs/testing.md).
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
CARGO_FUZZ_VERSION=0.13.2
targets=(markdown exchange application_form search_query)

build() {
  if ! cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then
    cargo install --locked --version "$CARGO_FUZZ_VERSION" cargo-fuzz
  fi
  cargo +nightly fuzz build --dev -s none
}

run() {
  local seconds="$1"
  for target in "${targets[@]}"; do
    # The seed corpus is committed (fuzz/corpus/TARGET/); what a run adds is kept out of git.
    mkdir -p "corpus/$target" "runs/$target"
    echo "== fuzz $target for ${seconds}s"
    cargo +nightly fuzz run --dev -s none "$target" "runs/$target" "corpus/$target" -- \
      -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 2>&1 \
      | grep -E "^(stat::number_of_executed_units|stat::new_units_added|==|INFO: Done|SUMMARY|.*panicked|.*assertion)" || true
    if [ -n "$(ls -A "artifacts/$target" 2>/dev/null)" ]; then
      echo "fuzz $target found a failure: fuzz/artifacts/$target/" >&2
      for artifact in "artifacts/$target"/*; do
        echo "-- $artifact (base64): $(base64 -w0 "$artifact")" >&2
      done
      exit 1
    fi
  done
  echo "fuzzing: every target ran ${seconds}s with no finding"
}

case "${1:-}" in
  build) build ;;
  run) run "${2:-30}" ;;
  *) build; run "${1:-30}" ;;
esac
