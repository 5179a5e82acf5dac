#!/bin/sh
# Writes the blackbox probe target (https://$DOMAIN/healthz) as a file_sd target list, then runs Prometheus.
# Prometheus does not read the environment in its configuration, and the public name is only known from .env.
#
# Environment:
#   DOMAIN               required, e.g. chat.example.com
#   PROBE_TARGETS_DIR    default /etc/prometheus/targets (a tmpfs in compose)
#   PROMETHEUS_BIN       default /bin/prometheus
# Arguments are passed to Prometheus.
set -eu

: "${DOMAIN:?DOMAIN is required}"
case "$DOMAIN" in
  '' | -* | *[!A-Za-z0-9.-]*)
    echo "prometheus-entrypoint: DOMAIN '$DOMAIN' is not a host name" >&2
    exit 2
    ;;
esac

dir="${PROBE_TARGETS_DIR:-/etc/prometheus/targets}"
mkdir -p "$dir"
# Written beside and renamed, so Prometheus never reads half a file.
printf '[{"targets":["https://%s/healthz"],"labels":{"domain":"%s"}}]\n' "$DOMAIN" "$DOMAIN" >"$dir/.edge.json.tmp"
mv "$dir/.edge.json.tmp" "$dir/edge.json"

exec "${PROMETHEUS_BIN:-/bin/prometheus}" "$@"
