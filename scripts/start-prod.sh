#!/usr/bin/env bash
# `pnpm start:prod`: the product as it runs in production, on this machine. Builds everything once,
# runs the migrations as a release step (never the demo seed), then two API processes, two workers
# and nginx in front serving both built apps with their security headers and /api to the APIs.
# NODE_ENV=production: every required secret is checked at start (the process exits 78 otherwise).
#
# Settings come from .env.production (created with fresh secrets on the first run, gitignored; or
# the file PROD_ENV_FILE names). The payment provider, SMTP, Twilio and Chatwork are the local
# stand-ins from fakes/ unless that file points elsewhere. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ENV_FILE=${PROD_ENV_FILE:-.env.production}
WEB_PORT=${PROD_WEB_PORT:-8080}
CONSOLE_PORT=${PROD_CONSOLE_PORT:-8081}
API_PORT_1=${PROD_API_PORT_1:-3101}
API_PORT_2=${PROD_API_PORT_2:-3102}
METRICS_PORT_BASE=${PROD_METRICS_PORT_BASE:-9101} # API 1, API 2, worker 1, worker 2: base … base+3
PAYMENT_PORT=${PROD_PAYMENT_PORT:-12121}
SMTP_PORT=${PROD_SMTP_PORT:-1125}
MAIL_PORT=${PROD_MAIL_PORT:-1180}
TWILIO_FAKE_PORT=${PROD_TWILIO_FAKE_PORT:-12390}
CHATWORK_PORT=${PROD_CHATWORK_PORT:-12290}
PROD_DIR=${PROD_RUN_DIR:-$PWD/.tmp/prod}
LOGS=$PROD_DIR/logs
SKIP_BUILD=${PROD_SKIP_BUILD:-}

secret_hex() { node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))'; }
secret_b64() { node -e 'console.log(require("crypto").randomBytes(32).toString("base64"))'; }

ensure_nginx() {
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] && return 0
  command -v apt-get >/dev/null || die "nginx is missing and apt-get is not available to install it."
  say "installing Debian's nginx"
  if [ "$(id -u)" = 0 ]; then apt-get install -y nginx >/dev/null; else sudo apt-get install -y nginx >/dev/null; fi
}

# A fresh env file: strong random secrets, production mode, the local stand-ins for the providers.
write_env_file() {
  say "creating $ENV_FILE with fresh secrets (keep it out of git; it is in .gitignore)"
  umask 077
  cat >"$ENV_FILE" <<ENV
# Production settings for scripts/start-prod.sh (all variables: apps/api/src/config/env.validation.ts).
# Generated $(date -u +%Y-%m-%dT%H:%MZ). The secrets below are random; keep this file private.
NODE_ENV=production
JWT_SECRET=$(secret_hex)
DOCUMENT_ENCRYPTION_KEY=$(secret_b64)
DOCUMENT_ENCRYPTION_KEY_ID=k1
WEBHOOK_SECRET_KEY=$(secret_b64)
DATABASE_URL=postgres://postgres@127.0.0.1:5432/businesscall_prod
REDIS_URL=redis://127.0.0.1:6379
REDIS_PREFIX=bcprod
DOCUMENT_STORAGE_DIR=$PROD_DIR/documents
WEB_APP_URL=http://localhost:$WEB_PORT
CORS_ORIGINS=http://localhost:$WEB_PORT,http://localhost:$CONSOLE_PORT
TRUST_PROXY=true
LOG_LEVEL=info
INVOICE_ISSUER_NAME="株式会社ビジネスコール（設定してください）"
INVOICE_ISSUER_REGISTRATION_NUMBER=T1234567890123
# --- The providers: this machine's stand-ins (fakes/). Replace with the real ones to go live. ---
PAYMENT_API_URL=http://127.0.0.1:$PAYMENT_PORT
PAYMENT_SECRET_KEY=sk_test_sandbox
PAYMENT_PUBLISHABLE_KEY=pk_test_sandbox
PAYMENT_WEBHOOK_SECRET=whsec_$(secret_hex)
SMTP_HOST=127.0.0.1
SMTP_PORT=$SMTP_PORT
MAIL_FROM="BusinessCall <no-reply@businesscall.example>"
TELEPHONY_PROVIDER=fake
TWILIO_FAKE_URL=http://127.0.0.1:$TWILIO_FAKE_PORT
TWILIO_AUTH_TOKEN=$(secret_hex)
TELEPHONY_PUBLIC_BASE_URL=http://localhost:$WEB_PORT
CHATWORK_OAUTH_URL=http://127.0.0.1:$CHATWORK_PORT
CHATWORK_TOKEN_URL=http://127.0.0.1:$CHATWORK_PORT/token
CHATWORK_API_URL=http://127.0.0.1:$CHATWORK_PORT/v2
CHATWORK_CLIENT_ID=bc-prod-client
CHATWORK_CLIENT_SECRET=$(secret_hex)
# --- Scaling and tracing (README: "Scaling knobs", "Tracing"); the defaults suit one machine. ---
# DB_POOL_MAX=10
# DB_CONNECT_TIMEOUT_MS=3000
# DATABASE_SSL=verify-full
# DATABASE_SSL_CA_FILE=/etc/ssl/certs/your-provider-ca.pem
# WORKER_QUEUES=all
# QUEUE_CONCURRENCY_NOTIFY=128
# OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318
ENV
}

ensure_node
ensure_pnpm
say "installing dependencies"
pnpm install --frozen-lockfile --reporter=silent
ensure_services
ensure_nginx
[ -f "$ENV_FILE" ] || write_env_file
# A file written before the provider's webhook secret was required gets one (the sandbox signs with it).
grep -q '^PAYMENT_WEBHOOK_SECRET=' "$ENV_FILE" || echo "PAYMENT_WEBHOOK_SECRET=whsec_$(secret_hex)" >>"$ENV_FILE"
# Every process reads this file (BC_ENV_FILE), never the development .env.
export BC_ENV_FILE=$ENV_FILE
set -a
# shellcheck disable=SC1090
source "$ENV_FILE"
set +a
export NODE_ENV=production
# A private database and key prefix for one run (the production-start browser test uses these).
[ -n "${PROD_DATABASE_URL:-}" ] && export DATABASE_URL=$PROD_DATABASE_URL
[ -n "${PROD_REDIS_PREFIX:-}" ] && export REDIS_PREFIX=$PROD_REDIS_PREFIX

if [ -z "$SKIP_BUILD" ]; then
  say "building everything once (the API, the worker, both apps)"
  pnpm -r build >/dev/null
fi
[ -f apps/web/dist/index.html ] && [ -f apps/console/dist/index.html ] || die "the apps are not built"

say "checking the configuration"
node -e "require('./apps/api/dist/src/config/app.config.js').loadConfig()" || die "fix $ENV_FILE"

rm -rf "$LOGS" "$PROD_DIR/tmp" && mkdir -p "$LOGS" "$PROD_DIR/tmp" "$PROD_DIR/documents"
trap 'trap - EXIT INT TERM; say "stopping"; kill 0 2>/dev/null; wait 2>/dev/null; exit 0' EXIT INT TERM

wait_for() { # url name log
  for _ in $(seq 1 120); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.5; done
  die "$2 did not come up; see $3"
}

# The stand-ins for the providers, only where the env file points at this machine.
origin_port() { [[ "$1" =~ ^https?://(127\.0\.0\.1|localhost):([0-9]+) ]] && echo "${BASH_REMATCH[2]}"; }
if p=$(origin_port "${PAYMENT_API_URL:-}"); then
  # Its events (Stripe's webhooks) go through nginx to the APIs, signed with the configured secret.
  node fakes/src/payment-sandbox-cli.js --port "$p" \
    --webhook-url "http://localhost:$WEB_PORT/api/v1/payments/webhook" \
    --webhook-secret "$PAYMENT_WEBHOOK_SECRET" >"$LOGS/payment-sandbox.log" 2>&1 &
fi
if [ "${SMTP_HOST:-}" = 127.0.0.1 ]; then
  node fakes/src/smtp-sink-cli.js --smtp-port "$SMTP_PORT" --http-port "$MAIL_PORT" >"$LOGS/smtp-sink.log" 2>&1 &
fi
if [ "${TELEPHONY_PROVIDER:-}" = fake ] && p=$(origin_port "${TWILIO_FAKE_URL:-}"); then
  node fakes/src/twilio-fake-cli.js --port "$p" --auth-token "$TWILIO_AUTH_TOKEN" --quiet \
    --voice-url "$TELEPHONY_PUBLIC_BASE_URL/api/v1/telephony/voice" \
    --status-callback "$TELEPHONY_PUBLIC_BASE_URL/api/v1/telephony/status" >"$LOGS/twilio-fake.log" 2>&1 &
fi
if p=$(origin_port "${CHATWORK_OAUTH_URL:-}"); then
  node fakes/src/chatwork-fake-cli.js --port "$p" --client-id "$CHATWORK_CLIENT_ID" \
    --client-secret "$CHATWORK_CLIENT_SECRET" --quiet >"$LOGS/chatwork-fake.log" 2>&1 &
fi

say "release step: migrating the database (no demo data)"
node apps/api/dist/src/database/migrate.js

say "starting two API processes, two workers and nginx (logs in $LOGS/)"
API_PORT=$API_PORT_1 METRICS_PORT=$METRICS_PORT_BASE node apps/api/dist/src/main.js >"$LOGS/api-1.log" 2>&1 &
API_PORT=$API_PORT_2 METRICS_PORT=$((METRICS_PORT_BASE + 1)) node apps/api/dist/src/main.js >"$LOGS/api-2.log" 2>&1 &
METRICS_PORT=$((METRICS_PORT_BASE + 2)) node apps/api/dist/src/worker.js >"$LOGS/worker-1.log" 2>&1 &
METRICS_PORT=$((METRICS_PORT_BASE + 3)) node apps/api/dist/src/worker.js >"$LOGS/worker-2.log" 2>&1 &

# nginx: the committed templates (deploy/nginx/) filled in for these ports and folders.
# Content-Security-Policy: the web app's payment origins follow PAYMENT_API_URL (Stripe, or the
# sandbox's card fields); the console talks to Twilio (or its fake) for the softphone.
CONSOLE_CONNECT_SRC=""
[ "${TELEPHONY_PROVIDER:-}" = fake ] && CONSOLE_CONNECT_SRC="${TWILIO_FAKE_URL} ${TWILIO_FAKE_URL/http/ws}"
PREFIX=$PROD_DIR NGINX_USER="$(id -un) $(id -gn)" PAYMENT_API_URL="${PAYMENT_API_URL:-}" \
  CONSOLE_CONNECT_SRC=$CONSOLE_CONNECT_SRC WEB_PORT=$WEB_PORT CONSOLE_PORT=$CONSOLE_PORT \
  API_PORTS="$API_PORT_1 $API_PORT_2" ROOT_DIR=$PWD node scripts/render-nginx-conf.mjs
/usr/sbin/nginx -t -q -p "$PROD_DIR" -c "$PROD_DIR/nginx.conf" 2>"$LOGS/nginx-check.log" || {
  cat "$LOGS/nginx-check.log" >&2
  die "the nginx configuration is invalid"
}
/usr/sbin/nginx -p "$PROD_DIR" -c "$PROD_DIR/nginx.conf" -g 'daemon off;' >"$LOGS/nginx.log" 2>&1 &

wait_for "http://127.0.0.1:$API_PORT_1/api/v1/health/ready" "API 1" "$LOGS/api-1.log"
wait_for "http://127.0.0.1:$API_PORT_2/api/v1/health/ready" "API 2" "$LOGS/api-2.log"
wait_for "http://127.0.0.1:$((METRICS_PORT_BASE + 2))/health/live" "worker 1" "$LOGS/worker-1.log"
wait_for "http://127.0.0.1:$((METRICS_PORT_BASE + 3))/health/live" "worker 2" "$LOGS/worker-2.log"
wait_for "http://localhost:$WEB_PORT/api/v1/health/ready" "nginx (web app)" "$LOGS/nginx.log"
wait_for "http://localhost:$CONSOLE_PORT/" "nginx (console)" "$LOGS/nginx.log"

cat <<TXT

  BusinessCall is running as in production (NODE_ENV=production, built once).

  Customer web app    http://localhost:$WEB_PORT          (nginx: static files + /api)
  Operator console    http://localhost:$CONSOLE_PORT          (nginx: static files + /api)
  API processes       http://127.0.0.1:$API_PORT_1, http://127.0.0.1:$API_PORT_2 (behind nginx; health at /api/v1/health/ready)
  Workers             two (logs in $LOGS/worker-*.log)
  Metrics             http://127.0.0.1:$METRICS_PORT_BASE/metrics … :$((METRICS_PORT_BASE + 3)) (API 1, API 2, worker 1, worker 2; loopback only)
  Settings            $PWD/$ENV_FILE (secrets generated on the first run; never committed)
  Logs                $LOGS/

  No demo data: create the first staff login with
    BC_ENV_FILE=$ENV_FILE pnpm --silent --filter @bc/api create-staff --email you@example.jp --name 'あなたの名前'
  The providers are this machine's stand-ins (see $ENV_FILE); mail lands at http://127.0.0.1:$MAIL_PORT

  Ctrl-C stops everything.
TXT
wait
