#!/bin/sh
# Runs once, when the compose postgres initialises an empty data directory (docker-entrypoint-initdb.d), as the
# bootstrap superuser: creates the migration role and one runtime role per service (docs/operations.md,
# "Database and Redis roles"). An existing data directory is never touched: run service-roles.psql by hand there.
set -eu
for name in MIGRATOR IDENTITY ADMIN ANALYTICS GATEWAY; do
  eval "value=\${POSTGRES_${name}_PASSWORD:-}"
  if [ -z "$value" ]; then
    echo "10-service-roles.sh: POSTGRES_${name}_PASSWORD is not set" >&2
    exit 1
  fi
done
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v db="$POSTGRES_DB" \
  -v migrator_role=cbp_migrator -v migrator_password="$POSTGRES_MIGRATOR_PASSWORD" \
  -v identity_role=cbp_identity -v identity_password="$POSTGRES_IDENTITY_PASSWORD" \
  -v admin_role=cbp_admin -v admin_password="$POSTGRES_ADMIN_PASSWORD" \
  -v analytics_role=cbp_analytics -v analytics_password="$POSTGRES_ANALYTICS_PASSWORD" \
  -v gateway_role=cbp_gateway -v gateway_password="$POSTGRES_GATEWAY_PASSWORD" \
  -f /docker-entrypoint-initdb.d/service-roles.psql
