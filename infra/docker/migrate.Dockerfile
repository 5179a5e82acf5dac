# syntax=docker/dockerfile:1.7
#
# The one-shot `migrate` service: `npm run migrate` (scripts/migrate.ts) over every subgraph's committed
# migrations, run by tsx from the TypeScript sources exactly as operators run it by hand. A tools image, not a
# service: it keeps the dev dependencies tsx needs, runs once per deploy and exits.
#
#   docker build -f infra/docker/migrate.Dockerfile -t chat-bot-pro/migrate .
#
# TODO-digest: pin as node:20.19-bookworm-slim@sha256:<digest> (infra/TODO-digest.txt lists every unpinned image).
ARG NODE_IMAGE=node:20.19-bookworm-slim

# ---------------------------------------------------------------------------------------------
# deps: the same manifests-first install as node-service.Dockerfile (BuildKit shares the layers)
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
# build: the sources the migration runner imports (no web, no gateway)
# ---------------------------------------------------------------------------------------------
FROM deps AS build
COPY tsconfig.base.json ./
COPY packages ./packages
COPY subgraphs ./subgraphs
COPY scripts ./scripts
RUN rm -rf web/node_modules gateway/node_modules

# ---------------------------------------------------------------------------------------------
# runtime: non-root, tini as PID 1, exits when the migrations are applied
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app ./
USER node
# A one-shot has no server to probe: "healthy" means it is still running, the exit code is the verdict.
HEALTHCHECK NONE
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node_modules/.bin/tsx", "--conditions=source", "scripts/migrate.ts"]
