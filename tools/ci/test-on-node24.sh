#!/usr/bin/env bash
# Runs the test suite again under Node 24 LTS, the version the image ships. The Node 24 binary
# comes from the npm registry (the `node` package), so no other download is needed.
set -euo pipefail
cd "$(dirname "$0")/../.."

node24_dir=$(mktemp -d)
trap 'rm -rf "$node24_dir"' EXIT
npm install --prefix "$node24_dir" --no-save --no-audit --no-fund node@24 >/dev/null
export PATH="$node24_dir/node_modules/node/bin:$PATH"
echo "running the suite on $(node --version)"
npx vitest run
