#!/usr/bin/env bash
# Installs code-server (a complete VS Code that runs in a browser) for the end-to-end test of the
# extension, cached in .cache/code-server/ (git-ignored). Idempotent: a marker file records a complete
# install, and running the script again then only checks the system packages and returns.
#
#   bash scripts/setup-code-server.sh          # prints the code-server folder on its last line
#
# code-server@4.100.3 is VS Code 1.100.3 and runs on Node 20 (newer code-server wants Node 22+).
# Its own install scripts download ripgrep and prebuilt binaries from the internet, which this
# machine cannot reach, so dependencies are installed with --ignore-scripts and the native modules
# built explicitly against the machine's Node headers; Debian's rg stands in for the download.
# Works as root with no TTY (CI); uses sudo for apt-get only when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="$(pwd)/.cache/code-server"
ROOT="$CACHE/$VERSION"
PKG="$ROOT/package"
MARKER="$ROOT/.complete"

log() { echo "[setup-code-server] $*" >&2; }

# --- Debian packages: only those missing ------------------------------------------------------------
missing=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v rg >/dev/null 2>&1 || [ -x /usr/bin/rg ] || missing+=(ripgrep)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# pdftoppm and pdftotext: the summary's browser test reads `aco summary --format pdf` page by page.
[ -x /usr/bin/pdftoppm ] || missing+=(poppler-utils)
if [ "${#missing[@]}" -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    SUDO=""
    if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ -f "$MARKER" ] && [ -f "$PKG/out/node/entry.js" ]; then
    log "code-server $VERSION already installed in $PKG"
    echo "$PKG"
    exit 0
fi

started=$(date +%s)
log "installing code-server $VERSION into $ROOT (a few minutes)"
rm -rf "$ROOT"
mkdir -p "$ROOT"

# Build native modules against the machine's Node headers (node-gyp cannot download them here).
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ] && [ -f /usr/include/node/common.gypi ]; then
    export npm_config_nodedir=/usr
fi
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_loglevel=error

(cd "$ROOT" && npm pack --silent "code-server@$VERSION" >/dev/null)
tar -xzf "$ROOT/code-server-$VERSION.tgz" -C "$ROOT"
rm -f "$ROOT/code-server-$VERSION.tgz"

npm_install() {
    log "npm install in ${1#"$ROOT/"}"
    (cd "$1" && npm install --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null)
}
npm_install "$PKG"
npm_install "$PKG/lib/vscode"
npm_install "$PKG/lib/vscode/extensions"

log "building native modules"
(cd "$PKG/lib/vscode" && npm rebuild kerberos node-pty @vscode/spdlog native-watchdog @parcel/watcher @vscode/deviceid >/dev/null)
(cd "$PKG" && npm rebuild argon2 >/dev/null)

# Check the native modules were really built (npm may skip install scripts silently) and load.
# @parcel/watcher ships its binary in a prebuilt platform package (@parcel/watcher-linux-x64-glibc).
check_native() {
    local dir="$1" module="$2"
    if ! find "$dir/node_modules/$module"* -name '*.node' -print -quit 2>/dev/null | grep -q .; then
        log "native module not built: $dir/node_modules/$module"
        return 1
    fi
    (cd "$dir" && node -e "require('$module')") || { log "native module does not load: $module"; return 1; }
}
for m in kerberos node-pty @vscode/spdlog native-watchdog @parcel/watcher @vscode/deviceid; do
    check_native "$PKG/lib/vscode" "$m"
done
check_native "$PKG" argon2

# ripgrep: Debian's binary where the npm package would have downloaded one.
mkdir -p "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin"
cp "$(command -v rg || echo /usr/bin/rg)" "$PKG/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
ln -sfn node_modules "$PKG/lib/vscode/node_modules.asar"

# Smoke check: the server starts far enough to print its version.
"$(command -v node)" "$PKG/out/node/entry.js" --version >/dev/null

touch "$MARKER"
log "installed in $(( $(date +%s) - started )) s"
echo "$PKG"
