#!/usr/bin/env bash
# Builds the monitoring board into web/dist (called by mvn in the compile phase of the web module).
# npm ci runs only when package-lock.json changed since the last install; without node/npm the build is skipped
# with a message, and the local runner serves the unbundled sources (web/index.html + web/src, plain ES modules).
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "[board] node/npm not found: web/dist not built; the local runner serves web/src unbundled (install Node >= 20.19 to build)"
  exit 0
fi
# vite 8 needs Node >= 20.19 (or >= 22.12); an older node still runs the browser tests against the sources
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)||(a===20&&b>=19)||a===21?0:1)'; then
  echo "[board] node $(node --version) is older than vite needs (>= 20.19): web/dist not built; the local runner serves web/src unbundled"
  exit 0
fi
stamp=node_modules/.dvc-package-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "[board] npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
node node_modules/vite/bin/vite.js build --logLevel warn
echo "[board] built web/dist: $(du -sk dist | cut -f1) KB"
