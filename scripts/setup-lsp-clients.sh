#!/usr/bin/env bash
# Installs Debian's Neovim for the test that drives the language server from a second editor
# (test/lsp/neovim.test.ts). Idempotent: does nothing when nvim is already there. Works as root
# with no TTY (CI); uses sudo for apt-get only when not root.
set -euo pipefail
if command -v nvim >/dev/null 2>&1; then
    exit 0
fi
echo "[setup-neovim] installing Debian's neovim" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends neovim >/dev/null
nvim --version | head -1 >&2
