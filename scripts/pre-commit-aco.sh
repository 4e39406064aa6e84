#!/usr/bin/env bash
# The entry of the pre-commit hooks (.pre-commit-hooks.yaml): runs `aco "$@"` from this clone of
# the repository, building it first if needed. pre-commit keeps the clone, so the build (npm ci and
# npm run build, about a minute, needing Node 20+ and the npm registry) happens once per version.
# pre-commit may start several copies at once; a lock directory lets one build while others wait.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$repo/out/cli/aco.mjs" ]; then
    lock="$repo/.pre-commit-build.lock"
    until mkdir "$lock" 2>/dev/null; do
        sleep 1
    done
    trap 'rmdir "$lock"' EXIT
    if [ ! -f "$repo/out/cli/aco.mjs" ]; then
        echo "aco: building the aco command for pre-commit (once per version)..." >&2
        (cd "$repo" && npm ci --no-audit --no-fund --loglevel=error >&2 && npm run --silent build >&2)
    fi
    rmdir "$lock"
    trap - EXIT
fi
exec node "$repo/bin/aco.js" "$@"
