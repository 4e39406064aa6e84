#!/usr/bin/env bash
# Installs the editors the language server is tested from besides VS Code: Debian's Neovim
# (test/lsp/neovim.test.ts) and Emacs with eglot (test/lsp/emacs.test.ts). Idempotent: installs
# only what is missing. Works as root with no TTY (CI); uses sudo for apt-get only when not root.
set -euo pipefail
missing=()
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
command -v emacs >/dev/null 2>&1 || missing+=(emacs-nox)
dpkg -s elpa-eglot >/dev/null 2>&1 || missing+=(elpa-eglot)
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi
echo "[setup-lsp-clients] installing Debian packages: ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
