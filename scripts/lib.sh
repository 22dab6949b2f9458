# Shared by start.sh, test.sh and .ci/run: find or start what the product needs.
PNPM_VERSION=12.21.0

say() { printf '\033[1m▸ %s\033[0m\n' "$*"; }
die() { printf '\033[31m✖ %s\033[0m\n' "$*" >&2; exit 1; }

ensure_node() {
  command -v node >/dev/null || die "Node.js is not installed (need 20.19 or newer)."
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js $(node -v) is too old: need 20.19 or newer (NestJS 12 is loaded through require(esm))."
}

ensure_pnpm() {
  if ! command -v pnpm >/dev/null || [ "$(pnpm -v 2>/dev/null)" != "$PNPM_VERSION" ]; then
    say "installing pnpm $PNPM_VERSION"
    # Not corepack: it fails its signature check against our registry.
    npm install -g "pnpm@$PNPM_VERSION" --silent >/dev/null 2>&1 || die "could not install pnpm $PNPM_VERSION with npm"
  fi
}

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
redis_up() {
  if command -v redis-cli >/dev/null; then [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = PONG ]; else (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; fi
}

# PostgreSQL and Redis on their standard ports: use them if they answer, else start them the way
# this machine can (its own services, or docker compose), else say exactly what is missing.
ensure_services() {
  if ! pg_up && command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    say "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start >/dev/null 2>&1 || true
  fi
  if ! redis_up && command -v redis-server >/dev/null; then
    say "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no >/dev/null 2>&1 || true
  fi
  if { ! pg_up || ! redis_up; } && command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    say "starting PostgreSQL and Redis with docker compose"
    docker compose up -d --wait postgres redis >/dev/null || true
  fi
  for _ in $(seq 1 30); do pg_up && redis_up && return 0; sleep 1; done
  pg_up || die "PostgreSQL is not reachable on 127.0.0.1:5432. Start it (or install Docker and run: docker compose up -d)."
  redis_up || die "Redis is not reachable on 127.0.0.1:6379. Start it (or install Docker and run: docker compose up -d)."
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    command -v apt-get >/dev/null || die "Chromium is missing at /usr/bin/chromium and apt-get is not available to install it."
    say "installing Debian's Chromium for the browser tests (about a minute)"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
      || die "could not install chromium with apt-get"
  fi
}

# .env holds local settings; created once with a random signing secret.
ensure_env_file() {
  if [ ! -f .env ]; then
    say "creating .env with a fresh JWT secret"
    {
      echo "# Local settings for scripts/start.sh (see apps/api/src/config/env.validation.ts for all variables)."
      echo "JWT_SECRET=$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')"
      echo "DATABASE_URL=postgres://postgres@127.0.0.1:5432/businesscall"
      echo "REDIS_URL=redis://127.0.0.1:6379"
    } > .env
  fi
  # Identity documents are encrypted at rest with this key (R1.3); added to older .env files too.
  if ! grep -q '^DOCUMENT_ENCRYPTION_KEY=' .env; then
    say "adding a fresh document encryption key to .env"
    echo "DOCUMENT_ENCRYPTION_KEY=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')" >> .env
  fi
  # Webhook signing secrets are encrypted at rest with this key (R6.3); added to older .env files too.
  if ! grep -q '^WEBHOOK_SECRET_KEY=' .env; then
    say "adding a fresh webhook secret key to .env"
    echo "WEBHOOK_SECRET_KEY=$(node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))')" >> .env
  fi
}
