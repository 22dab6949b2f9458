#!/usr/bin/env bash
# The README's test command (`pnpm test`): every check CI runs — build and type checks, lint and
# format, API unit, medium and e2e tests (real PostgreSQL and Redis), both apps' component tests, and the
# browser tests in headless Chromium. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

RESULTS=.tmp/test-results
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
failed_stages=()
# every stage's time goes to $RESULTS/timings.tsv; the summary prints them and the whole run's
export TEST_STARTED_AT=$(date +%s)
stage() { # name command...
  local name=$1 started=$SECONDS; shift
  say "$name"
  if ! "$@"; then failed_stages+=("$name"); printf '\033[31m✖ %s failed\033[0m\n' "$name"; fi
  printf '%s\t%s\n' "$name" $((SECONDS - started)) >> "$RESULTS/timings.tsv"
}

ensure_node
ensure_pnpm
stage "install" pnpm install --frozen-lockfile --reporter=silent
ensure_services
ensure_chromium

stage "build (and type-check the apps)" pnpm -r build
stage "type-check the API tests, the client and the shared UI" pnpm --filter @bc/api --filter @bc/api-client --filter @bc/ui typecheck
stage "lint" pnpm exec eslint . --max-warnings 0
stage "format" pnpm exec prettier --check . --log-level warn
# --forceExit: a handle leaked by a failing test must not hang CI; the failure is still reported.
# --maxWorkers=2: most of an API test file's time is its start (loading Nest and TypeORM) and
# waiting on PostgreSQL and Redis, so two files at a time overlap well even on two cores (each
# file has its own database and Redis prefix). jest.config.ts replaces a worker past 1 GB of heap.
stage "API unit, medium and e2e tests (jest)" pnpm exec jest --maxWorkers=2 --json --outputFile="$RESULTS/jest.json" --forceExit
stage "fakes tests (node:test)" node --test --test-reporter=spec --test-reporter-destination=stdout --test-reporter=./scripts/node-test-json-reporter.mjs --test-reporter-destination="$RESULTS/fakes.json" fakes/test/
stage "web app tests (vitest)" pnpm --filter @bc/web exec vitest run --reporter=default --reporter=json --outputFile.json="../../$RESULTS/vitest-web.json"
stage "console tests (vitest)" pnpm --filter @bc/console exec vitest run --reporter=default --reporter=json --outputFile.json="../../$RESULTS/vitest-console.json"
stage "browser tests (playwright, headless Chromium)" env PLAYWRIGHT_JSON_OUTPUT_NAME="../$RESULTS/playwright.json" pnpm --filter @bc/e2e test
# `pnpm start:prod` (two APIs, two workers, nginx, the built apps) on a private database and free
# ports, both apps opened through the proxy in Chromium, security headers checked.
stage "production start (playwright through nginx)" env PLAYWRIGHT_JSON_OUTPUT_NAME="../$RESULTS/playwright-prod.json" pnpm --filter @bc/e2e test:prod

node scripts/test-summary.mjs "$RESULTS" "${failed_stages[@]}"
