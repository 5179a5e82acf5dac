# syntax=docker/dockerfile:1.7
#
# One image recipe for the four node services. Pick the service with build args:
#
#   docker build -f infra/docker/node-service.Dockerfile --build-arg SERVICE=subgraphs/identity --build-arg PORT=4001 .
#   SERVICE ∈ subgraphs/identity (4001) | subgraphs/admin (4002) | subgraphs/analytics (8000) | gateway (8080)
#
# glibc (Debian bookworm) in every stage: argon2 is a native module whose prebuilt binaries target glibc.
# TODO-digest: pin as node:20.19-bookworm-slim@sha256:<digest> (infra/TODO-digest.txt lists every unpinned image).
ARG NODE_IMAGE=node:20.19-bookworm-slim

# ---------------------------------------------------------------------------------------------
# deps: every workspace manifest first, so `npm ci` stays cached until a manifest or the lock changes
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
# build: shared packages + the chosen service, compiled with tsc -p tsconfig.build.json to dist/
# ---------------------------------------------------------------------------------------------
FROM deps AS build
ARG SERVICE
RUN case "${SERVICE}" in \
      subgraphs/identity|subgraphs/admin|subgraphs/analytics|gateway) ;; \
      *) echo "build-arg SERVICE must be one of subgraphs/identity, subgraphs/admin, subgraphs/analytics, gateway (got '${SERVICE}')" >&2; exit 1 ;; \
    esac
COPY tsconfig.base.json ./
COPY packages ./packages
COPY schema ./schema
COPY ${SERVICE} ./${SERVICE}
RUN npm run build \
      -w packages/errors -w packages/config -w packages/contracts -w packages/logging -w packages/metrics \
      -w packages/redis -w packages/db -w packages/events -w packages/service-kit \
      -w ${SERVICE} \
 && test -f "${SERVICE}/dist/main.js" \
 && rm -rf packages/*/node_modules "${SERVICE}/node_modules"

# ---------------------------------------------------------------------------------------------
# prod-deps: the production dependencies of the chosen workspace alone (and of the workspaces it
# depends on): no React or GraphiQL in a subgraph image, no other service's packages, no dev tools.
# ---------------------------------------------------------------------------------------------
FROM deps AS prod-deps
ARG SERVICE
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --workspace=${SERVICE} --include-workspace-root=false \
 && mkdir -p "${SERVICE}/node_modules"

# ---------------------------------------------------------------------------------------------
# runtime: the workspace's production node_modules, compiled workspaces, non-root, tini as PID 1
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
ARG PORT
RUN test -n "${PORT}" || { echo "build-arg PORT is required (4001, 4002, 8000 or 8080)" >&2; exit 1; }
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    HEALTHCHECK_PORT=${PORT}
WORKDIR /app
# Owned by root and read-only for the service user.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/packages ./packages
COPY --from=build /app/schema ./schema
COPY --from=build /app/${SERVICE} ./${SERVICE}
# Versions npm could not hoist (e.g. the gateway's own `cookie`) live in the workspace's node_modules.
COPY --from=prod-deps /app/${SERVICE}/node_modules ./${SERVICE}/node_modules

WORKDIR /app/${SERVICE}
USER node
EXPOSE ${PORT}

# Liveness: compose overrides it per service (readiness for the subgraphs, liveness for the gateway).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HEALTHCHECK_PORT+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]

ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js"]
