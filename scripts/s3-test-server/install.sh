#!/usr/bin/env bash
# Installs the pinned S3-compatible test server (moto's server, requirements.txt) into a
# virtual environment under target/, which the S3 tests (crates/service/src/files/object_store
# tests and crates/cli/tests/integration/object_storage.rs) start on loopback through server.py.
# `.ci/run` calls this. Installs again only when requirements.txt changed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/target/s3-test-server-venv"
if [ -x "$venv/bin/python" ] && cmp -s "$here/requirements.txt" "$venv/requirements.txt"; then
  exit 0
fi
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
cp "$here/requirements.txt" "$venv/requirements.txt"
