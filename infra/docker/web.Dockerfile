# syntax=docker/dockerfile:1.7
#
# The SPA: built with Vite (npm run build -w web -> web/dist), served as static files by an
# unprivileged nginx on port 8080 with a history-API fallback to index.html.
#
#   docker build -f infra/docker/web.Dockerfile -t chat-bot-pro/web .
# TODO-digest: pin both base images by digest (infra/TODO-digest.txt lists every unpinned image).
ARG NODE_IMAGE=node:20.19-bookworm-slim

# ---------------------------------------------------------------------------------------------
# deps: every workspace manifest first (npm ci needs the whole workspace graph of the lock file)
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
COPY package.json package-lock.json ./
COPY packages/errors/package.json packages/errors/
COPY packages/config/package.json packages/config/
COPY packages/contracts/package.json packages/contracts/
COPY packages/logging/package.json packages/logging/
COPY packages/metrics/package.json packages/metrics/
COPY packages/redis/package.json packages/redis/
COPY packages/db/package.json packages/db/
COPY packages/events/package.json packages/events/
COPY packages/service-kit/package.json packages/service-kit/
COPY packages/testing/package.json packages/testing/
COPY subgraphs/identity/package.json subgraphs/identity/
COPY subgraphs/admin/package.json subgraphs/admin/
COPY subgraphs/analytics/package.json subgraphs/analytics/
COPY gateway/package.json gateway/
COPY web/package.json web/
RUN --mount=type=cache,target=/root/.npm npm ci

# ---------------------------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------------------------
FROM deps AS build
COPY tsconfig.base.json ./
COPY packages ./packages
COPY web ./web
RUN npm run build -w web && test -f web/dist/index.html

# ---------------------------------------------------------------------------------------------
# runtime: static files only, non-root nginx (uid 101) listening on 8080
# ---------------------------------------------------------------------------------------------
FROM nginxinc/nginx-unprivileged:1.27.5-alpine AS runtime
COPY infra/nginx/spa/default.conf /etc/nginx/conf.d/default.conf
COPY infra/nginx/spa/spa-security-headers.conf /etc/nginx/spa-security-headers.conf
COPY --from=build /app/web/dist /usr/share/nginx/html
USER 101
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=10s --retries=3 \
  CMD ["wget", "-q", "--spider", "http://127.0.0.1:8080/healthz"]
