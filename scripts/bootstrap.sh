# Sourced by scripts/start and scripts/test: makes a fresh clone with only Node 20 and npm ready.
# Idempotent: a second run only checks, it does not reinstall.
PNPM_VERSION=10.34.9

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Parley needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

# pnpm, installed into the repo (.tools/) with npm: no root, no global state, no corepack download.
if [ "$(.tools/node_modules/.bin/pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm $PNPM_VERSION into .tools/ ..."
  npm install --prefix .tools --no-save --no-package-lock --no-audit --no-fund --loglevel=error "pnpm@$PNPM_VERSION" >/dev/null
fi
export PATH="$PWD/node_modules/.bin:$PWD/.tools/node_modules/.bin:$PATH"

# The lockfile is the truth; pnpm skips the work when node_modules already matches it.
pnpm install --frozen-lockfile --prefer-offline --reporter=silent
