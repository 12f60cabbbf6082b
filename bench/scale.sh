#!/usr/bin/env bash
# Issue 16's one benchmark run: builds the release binaries, starts the peer (pretalx, with
# 300 talks) and measures Prisverdig seeded with 10 000 and 100 000 applications beside nginx
# and the peer with one load generator (wrk). Figures: bench/results/scale.md (copied into
# bench/RESULTS.md by hand, with a reading) and the chart bench/results/scale.svg.
#
#   bench/scale.sh                      # both sizes and the peer (about 15 minutes)
#   SIZES=10000 NO_PEER=1 bench/scale.sh
#
# Needs Debian's nginx-light and wrk, the Norwegian hunspell dictionaries (hunspell-no),
# and for the peer Python 3.11 with pip (bench/peer/pretalx.sh installs pretalx into
# target/bench-peer/ from PyPI the first time). Environment: SIZES, SECONDS_EACH (10),
# WRITERS (50), WRITE_SECONDS (30), THINK_MS (1000), OUT.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in wrk nginx; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install wrk nginx-light" >&2; exit 1; }
done

cargo build --release -p prisverdig
cargo build --release -p prisverdig-bench --bin scale
target="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')"

peer_dir="$target/bench-peer"
if [ "${NO_PEER:-0}" != 1 ]; then
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  urls="$(bench/peer/pretalx.sh "$peer_dir" "$port")"
  echo "$urls"
  export TALK_URL="$(echo "$urls" | sed -n 's/^TALK_URL=//p')"
  export LIST_URL="$(echo "$urls" | sed -n 's/^LIST_URL=//p')"
  trap 'bench/peer/pretalx.sh stop "$peer_dir"' EXIT
fi

PRISVERDIG_BIN="$target/release/prisverdig" "$target/release/scale"
