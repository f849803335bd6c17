#!/usr/bin/env bash
# Installs what the real-editor tests (npm run test:e2e) need. Idempotent.
#  - Debian packages: chromium (headless browser for code-server), neovim (second LSP client),
#    libkrb5-dev (code-server's native "kerberos" module), ripgrep (seeds @vscode/ripgrep's download).
#  - code-server@4.100.3 (VS Code 1.100.3, last release on Node 20) into .e2e/cs (git-ignored).
# See docs/e2e.md. Run as root (or with sudo available) on Debian/Ubuntu.
#   --no-apt   never install Debian packages: fail with the apt-get command if one is missing
#              (used by `npm run test:e2e` to install code-server on demand).
#   --editor   only what code-server itself needs (for `npm start`): libkrb5-dev and ripgrep, plus
#              the compiler, make and python3 its native modules build with; no chromium, no neovim.
set -euo pipefail

no_apt=0
packages="chromium ripgrep libkrb5-dev neovim"
for arg in "$@"; do
  case "$arg" in
    --no-apt) no_apt=1 ;;
    --editor) packages="ripgrep libkrb5-dev g++ make python3" ;;
    *) echo "usage: $0 [--no-apt] [--editor]" >&2; exit 2 ;;
  esac
done

CODE_SERVER_VERSION=4.100.3
RIPGREP_PKG_VERSION=1.15.11            # @vscode/ripgrep version pulled in by code-server 4.100.3
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

log() { printf '[e2e prereqs] %s\n' "$*"; }

# ---- 1. Debian packages (only the missing ones; apt-get update only if something is missing)
SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
fi
missing=()
for pkg in $packages; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$no_apt" = 1 ] || { [ "$(id -u)" != 0 ] && [ -z "$SUDO" ]; }; then
    log "missing Debian packages: ${missing[*]}"
    log "install them as root: apt-get update && apt-get install -y ${missing[*]}   (or: bash scripts/e2e/prereqs.sh)"
    exit 1
  fi
  log "installing Debian packages: ${missing[*]}"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "Debian packages present: $packages"
fi

# ---- 2. code-server, pinned, into .e2e/cs
cs_dir="$root/.e2e/cs"
cs_bin="$cs_dir/node_modules/.bin/code-server"
installed_version=""
if [ -f "$cs_dir/node_modules/code-server/package.json" ]; then
  installed_version="$(node -p "require('$cs_dir/node_modules/code-server/package.json').version" 2>/dev/null || true)"
fi
if [ -x "$cs_bin" ] && [ "$installed_version" = "$CODE_SERVER_VERSION" ]; then
  log "code-server $CODE_SERVER_VERSION present: $cs_bin"
else
  # The postinstall of @vscode/ripgrep downloads rg from GitHub, which is not reachable here;
  # its download.js first looks in os.tmpdir()/vscode-ripgrep-cache-<version>/ for the tarball.
  cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  if [ ! -s "$cache/$RIPGREP_ASSET" ]; then
    rg_path="$(command -v rg)"
    stage="$(mktemp -d)"
    mkdir -p "$cache"
    cp "$rg_path" "$stage/rg"
    tar czf "$cache/$RIPGREP_ASSET" -C "$stage" rg
    rm -rf "$stage"
    log "seeded ripgrep cache: $cache/$RIPGREP_ASSET"
  fi
  log "installing code-server@$CODE_SERVER_VERSION into $cs_dir (about a minute)"
  mkdir -p "$cs_dir"
  [ -f "$cs_dir/package.json" ] || echo '{"private":true}' > "$cs_dir/package.json"
  (cd "$cs_dir" && npm_config_unsafe_perm=true npm_config_yes=true \
     npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
  if [ ! -x "$cs_bin" ]; then log "code-server install failed: $cs_bin missing"; exit 1; fi
fi
log "ready (CODE_SERVER_BIN=$cs_bin)"
