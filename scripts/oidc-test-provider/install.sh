#!/usr/bin/env bash
# Installs the pinned OpenID Connect test provider (oauth2-mock-server 8 on Node 20) that
# crates/cli/tests/integration/oidc.rs starts on loopback. `.ci/run` calls this.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
