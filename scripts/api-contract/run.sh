#!/usr/bin/env bash
# The JSON API against its own OpenAPI document: starts the product with the demo data on a
# loopback port and runs schemathesis (pinned in requirements.txt, installed into a virtual
# environment under target/) with every check it has: no server errors, every status, content
# type, header and body as documented, invalid input refused with 4xx, valid input accepted,
# methods the document does not list answered 405. `.ci/run` calls this after the browser
# tests. Usage: scripts/api-contract/run.sh [path to the prisverdig binary]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="${1:-$root/target/debug/prisverdig}"
[ -x "$bin" ] || { echo "$bin is missing: run cargo build -p prisverdig first" >&2; exit 1; }

venv="$root/target/api-contract-venv"
if [ ! -x "$venv/bin/st" ] || ! cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/requirements.txt"
fi

data="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
PRISVERDIG_LOG=warn PRISVERDIG_PUBLIC_URL="http://127.0.0.1:$port" \
  "$bin" serve --demo --bind "127.0.0.1:$port" --data-dir "$data" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 $server 2>/dev/null || { cat "$data/server.log"; exit 1; }
  sleep 0.5
done

# The search index is built in the background at start-up (seconds in a debug build); wait
# for it, so that no request of the run is the one that waits.
curl -fsS --max-time 120 "http://127.0.0.1:$port/api/v1/applications?q=warm" >/dev/null

# Schemathesis keeps its cache in the working directory: the scratch directory, not the tree.
cd "$data"
# Fixed seed and example count: the same cases on every run, about a minute on two cores.
"$venv/bin/st" run "http://127.0.0.1:$port/api/openapi.json" \
  --checks all \
  --max-examples "${API_CONTRACT_EXAMPLES:-60}" \
  --seed 20261207 \
  --request-timeout 10 \
  --no-color
