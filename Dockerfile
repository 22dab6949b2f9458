# syntax=docker/dockerfile:1
# One image for the API and the worker (different commands), and one for the two built apps behind
# nginx. Build both from the repository root:
#   docker build --target app -t businesscall-app .
#   docker build --target web -t businesscall-web .
# deploy/compose.production.yml wires them up (migrate once, two APIs, two workers, nginx).
ARG NODE_IMAGE=node:22-bookworm-slim

# --- build: install everything, build everything once -------------------------------------------
FROM ${NODE_IMAGE} AS build
# pnpm itself from the npm registry, the version package.json pins.
RUN npm install -g pnpm@12.21.0 && pnpm --version
WORKDIR /repo
COPY . .
RUN pnpm install --frozen-lockfile --reporter=silent
RUN pnpm -r build
# A self-contained copy of the API package: its dist, production dependencies only, the workspace
# library (@bc/domain) copied in rather than linked.
RUN pnpm --filter @bc/api deploy --prod /out/app

# --- app: the API and the worker ------------------------------------------------------------------
FROM ${NODE_IMAGE} AS app
ENV NODE_ENV=production \
    API_PORT=3000 \
    METRICS_PORT=9464 \
    METRICS_HOST=0.0.0.0 \
    DOCUMENT_STORAGE=s3 \
    TRUST_PROXY=true
WORKDIR /app
COPY --from=build --chown=node:node /out/app ./
# The image's own user (uid 1000), never root.
USER node
EXPOSE 3000 9464
# The API; the worker is the same image with `node dist/src/worker.js`, the release step
# `node dist/src/database/migrate.js`.
CMD ["node", "dist/src/main.js"]

# --- web: both apps as static files behind nginx, /api to the API service -------------------------
FROM nginx:1.28-bookworm AS web
COPY --from=build /repo/apps/web/dist /srv/web
COPY --from=build /repo/apps/console/dist /srv/console
COPY deploy/nginx/container/ /etc/nginx/templates/
# The official image renders /etc/nginx/templates/*.template with envsubst at start (API_UPSTREAM
# and each app's Content-Security-Policy sources) and drops its privileges to the nginx user for
# the workers. The web app's defaults are Stripe's documented list for Stripe.js (issue 17).
ENV API_UPSTREAM=api:3000 \
    WEB_SCRIPT_SRC="https://js.stripe.com https://*.js.stripe.com" \
    WEB_FRAME_SRC="https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com" \
    WEB_CONNECT_SRC=https://api.stripe.com \
    CONSOLE_CONNECT_SRC="https://*.twilio.com wss://*.twilio.com" \
    NGINX_ENVSUBST_FILTER=^(API_UPSTREAM|WEB_SCRIPT_SRC|WEB_FRAME_SRC|WEB_CONNECT_SRC|CONSOLE_CONNECT_SRC)$
EXPOSE 8080 8081
