#!/usr/bin/env bash
# The test command (README): static checks, then the real local stack, then every mocha suite in one run
# (unit, integration against the real services, browser), then the stack is stopped again.
set -euo pipefail
cd "$(dirname "$0")/.."
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

[ -d node_modules ] || npm ci --no-audit --no-fund

echo "== typecheck"
npx tsc --noEmit -p tsconfig.json
echo "== lint"
npx eslint .
npx prettier --check . > /dev/null || { npx prettier --check . ; exit 1; }

# Browser tests drive Debian's Chromium; install it once (the project never downloads a browser build).
# Korean text needs a CJK font, or screenshots show empty boxes.
# docker-compose (the client only) validates docker-compose.yml; no Docker engine is needed for that.
if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/opentype/noto ] || ! command -v docker-compose > /dev/null; then
  echo "== installing chromium, fonts-noto-cjk and docker-compose (Debian packages)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk docker-compose > /dev/null) \
    || echo "warning: could not install chromium; browser tests will fail"
fi

echo "== dashboard typecheck and build"
npm run --silent typecheck:dashboard
npx vite build dashboard --logLevel warn

started_stack=0
cleanup() {
  if [ "$started_stack" = 1 ]; then
    echo "== stack down"
    node bin/techmap.js stack down || true
  fi
}
trap cleanup EXIT

if ! node bin/techmap.js stack status > /dev/null 2>&1; then
  echo "== stack up"
  node bin/techmap.js stack up
  started_stack=1
fi
node bin/techmap.js schemas register > /dev/null

echo "== mocha (unit, integration, browser)"
NODE_ENV=test npx mocha --config test/.mocharc.all.json "$@"
