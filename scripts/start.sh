#!/usr/bin/env bash
# The README's start command: installs what is needed, makes sure PostgreSQL and Redis are up,
# migrates, loads demo data, then serves the API, the worker and both apps until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

API_PORT=${API_PORT:-3000}
WEB_PORT=${WEB_PORT:-5173}
CONSOLE_PORT=${CONSOLE_PORT:-5174}
MAIL_PORT=${MAIL_PORT:-1080} # the SMTP sink's inbox page; it takes mail on 1025, where the worker sends by default
CHATWORK_PORT=${CHATWORK_PORT:-12280} # the Chatwork fake (API v2 + OAuth consent page; demo users and rooms in fakes/README.md)
PAYMENT_PORT=${PAYMENT_PORT:-12111} # the payment sandbox (Stripe's API, test cards in fakes/README.md)
TWILIO_FAKE_PORT=${TWILIO_FAKE_PORT:-12380} # the Twilio fake: the carrier, the operators' queue, softphones, a phone page
LOGS=.tmp/logs

ensure_node
ensure_pnpm
say "installing dependencies"
pnpm install --frozen-lockfile --reporter=silent
ensure_services
ensure_env_file

say "building the API"
pnpm --filter @bc/domain --filter @bc/api build >/dev/null

export API_PORT CORS_ORIGINS="http://localhost:$WEB_PORT,http://localhost:$CONSOLE_PORT"
# Development, said explicitly: only there (and in tests) is the refresh cookie sent without Secure,
# over plain http on localhost. An API started without NODE_ENV keeps it Secure (issue 15).
grep -q '^NODE_ENV=' .env 2>/dev/null || export NODE_ENV="${NODE_ENV:-development}"
# The card provider: the local payment sandbox, unless .env or the environment names another (R1.5).
grep -q '^PAYMENT_API_URL=' .env 2>/dev/null || export PAYMENT_API_URL="${PAYMENT_API_URL:-http://127.0.0.1:$PAYMENT_PORT}"
grep -q '^PAYMENT_SECRET_KEY=' .env 2>/dev/null || export PAYMENT_SECRET_KEY="${PAYMENT_SECRET_KEY:-sk_test_sandbox}"
grep -q '^PAYMENT_PUBLISHABLE_KEY=' .env 2>/dev/null || export PAYMENT_PUBLISHABLE_KEY="${PAYMENT_PUBLISHABLE_KEY:-pk_test_sandbox}"
# The sandbox signs its events (Stripe's webhooks) with the API's development webhook secret.
grep -q '^PAYMENT_WEBHOOK_SECRET=' .env 2>/dev/null || export PAYMENT_WEBHOOK_SECRET="${PAYMENT_WEBHOOK_SECRET:-whsec_sandbox}"
# Telephony webhooks are signed against this public URL (dev default: the local API; the dev auth token applies).
export TELEPHONY_PUBLIC_BASE_URL="${TELEPHONY_PUBLIC_BASE_URL:-http://localhost:$API_PORT}"
# Calls go through the local Twilio fake (same REST routes, TwiML and signatures as Twilio), with the
# development credentials both use when none are configured (the fake's defaults are the API's).
grep -q '^TELEPHONY_PROVIDER=' .env 2>/dev/null || export TELEPHONY_PROVIDER="${TELEPHONY_PROVIDER:-fake}"
export TWILIO_FAKE_URL="${TWILIO_FAKE_URL:-http://127.0.0.1:$TWILIO_FAKE_PORT}"

mkdir -p "$LOGS"
# Ctrl-C (or any exit) stops everything this script started.
trap 'trap - EXIT INT TERM; say "stopping"; kill 0 2>/dev/null; wait 2>/dev/null; exit 0' EXIT INT TERM

wait_for() { # url name log
  for _ in $(seq 1 60); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.5; done
  die "$2 did not come up; see $3"
}

# First the payment sandbox: the demo seed registers the active demo customer's card there.
# Its events go to the API, signed with the API's webhook secret (from the environment or .env).
SANDBOX_WEBHOOK_SECRET="${PAYMENT_WEBHOOK_SECRET:-$(sed -n 's/^PAYMENT_WEBHOOK_SECRET=//p' .env 2>/dev/null | tail -n 1)}"
node fakes/src/payment-sandbox-cli.js --port "$PAYMENT_PORT" \
  --webhook-url "http://127.0.0.1:$API_PORT/api/v1/payments/webhook" \
  --webhook-secret "${SANDBOX_WEBHOOK_SECRET:-whsec_sandbox}" \
  >"$LOGS/payment-sandbox.log" 2>&1 &
wait_for "http://127.0.0.1:$PAYMENT_PORT/v1/_sandbox/requests" "the payment sandbox" "$LOGS/payment-sandbox.log"

say "migrating the database and loading the demo data"
pnpm --silent --filter @bc/api migrate
pnpm --silent --filter @bc/api seed

say "starting the API, the worker, both apps, the SMTP sink, the Chatwork and Twilio fakes (logs in $LOGS/)"
node fakes/src/smtp-sink-cli.js --http-port "$MAIL_PORT" >"$LOGS/smtp-sink.log" 2>&1 &
node fakes/src/chatwork-fake-cli.js --port "$CHATWORK_PORT" >"$LOGS/chatwork-fake.log" 2>&1 &
node fakes/src/twilio-fake-cli.js --port "$TWILIO_FAKE_PORT" \
  --voice-url "$TELEPHONY_PUBLIC_BASE_URL/api/v1/telephony/voice" \
  --status-callback "$TELEPHONY_PUBLIC_BASE_URL/api/v1/telephony/status" \
  >"$LOGS/twilio-fake.log" 2>&1 &
node apps/api/dist/src/main.js >"$LOGS/api.log" 2>&1 &
node apps/api/dist/src/worker.js >"$LOGS/worker.log" 2>&1 &
API_URL="http://localhost:$API_PORT" pnpm --filter @bc/web exec vite --port "$WEB_PORT" --strictPort >"$LOGS/web.log" 2>&1 &
API_URL="http://localhost:$API_PORT" pnpm --filter @bc/console exec vite --port "$CONSOLE_PORT" --strictPort >"$LOGS/console.log" 2>&1 &

wait_for "http://localhost:$API_PORT/api/v1/health/ready" "the API" "$LOGS/api.log"
wait_for "http://localhost:$WEB_PORT/" "the web app" "$LOGS/web.log"
wait_for "http://localhost:$CONSOLE_PORT/" "the console" "$LOGS/console.log"
wait_for "http://localhost:$MAIL_PORT/api/messages" "the SMTP sink" "$LOGS/smtp-sink.log"
wait_for "http://127.0.0.1:$CHATWORK_PORT/_fake/state" "the Chatwork fake" "$LOGS/chatwork-fake.log"
wait_for "http://127.0.0.1:$TWILIO_FAKE_PORT/_fake/config" "the Twilio fake" "$LOGS/twilio-fake.log"
grep -q '"worker started"' "$LOGS/worker.log" || sleep 2
grep -q '"worker started"' "$LOGS/worker.log" || die "the worker did not start; see $LOGS/worker.log"

cat <<TXT

  BusinessCall is running.

  Customer web app    http://localhost:$WEB_PORT
  Operator console    http://localhost:$CONSOLE_PORT
  API (docs)          http://localhost:$API_PORT/api/docs (every route is under /api/v1, e.g. /api/v1/health/live)
  Health              http://localhost:$API_PORT/api/v1/health/ready
  Worker              running (BullMQ on Redis; log in $LOGS/worker.log)
  Mail (SMTP sink)    http://localhost:$MAIL_PORT
  Chatwork fake       http://127.0.0.1:$CHATWORK_PORT (Chatwork's consent page and API; demo users in fakes/README.md)
  Twilio fake         http://127.0.0.1:$TWILIO_FAKE_PORT (live calls, queues and registered softphones)
  Phone (caller)      http://127.0.0.1:$TWILIO_FAKE_PORT/phone — call 03-4500-0001 (the demo line answers at any hour)
  Payment sandbox     http://127.0.0.1:$PAYMENT_PORT (Stripe test cards, e.g. 4242 4242 4242 4242; see fakes/README.md)

  Demo logins
    customer owner    owner@example.com     / demo-owner-2026      (web app; still onboarding)
    active customer   active@example.com    / demo-active-2026     (web app; number 03-4500-0001 issued)
    operator          operator@example.com  / demo-operator-2026   (console: 着信, set 受付可 and take the call)
    back-office admin admin@example.com     / demo-admin-2026      (console)

  Ctrl-C stops everything.
TXT
wait
