# syntax=docker/dockerfile:1.7
#
# The `backup` service: scripts/backup.ts and scripts/restore.ts compiled to plain JavaScript (they use node:
# modules only), on the PostgreSQL image of the server's major version, so pg_dump and pg_restore match it.
#
#   docker build -f infra/docker/backup.Dockerfile -t chat-bot-pro/backup .
#   docker compose run --rm --entrypoint node backup /opt/cbp/restore.js /backups/<file>.dump   # a restore
#
# TODO-digest: pin both base images by digest (infra/TODO-digest.txt lists every unpinned image).
ARG NODE_IMAGE=node:20.19-bookworm-slim
ARG POSTGRES_IMAGE=postgres:16.4-bookworm

# ---------------------------------------------------------------------------------------------
# deps: the repository's locked TypeScript compiler; the same manifests-first install as
# node-service.Dockerfile, so BuildKit shares the layers
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
# build: two self-contained scripts to /out
# ---------------------------------------------------------------------------------------------
FROM deps AS build
COPY scripts ./scripts
RUN node_modules/.bin/tsc --outDir /out --rootDir scripts --module nodenext --moduleResolution nodenext \
      --target es2022 --strict --skipLibCheck --types node scripts/backup.ts scripts/restore.ts \
 && echo '{ "type": "module" }' > /out/package.json

# ---------------------------------------------------------------------------------------------
# runtime: pg_dump/pg_restore 16 + the node binary, as the image's `postgres` user
# ---------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS node

FROM ${POSTGRES_IMAGE} AS runtime
# The official node binary is self-contained apart from glibc and libstdc++, which the Debian PostgreSQL image has.
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=build /out /opt/cbp
# A new named volume takes the owner of the image's mount point: backups are written as `postgres`.
RUN mkdir -p /backups && chown postgres:postgres /backups && chmod 700 /backups && node --version
USER postgres
VOLUME ["/backups"]
HEALTHCHECK --interval=60s --timeout=5s --start-period=10s --retries=3 \
  CMD ["sh", "-c", "pg_isready -q -d \"$DATABASE_URL\""]
ENTRYPOINT ["node", "/opt/cbp/backup.js"]
