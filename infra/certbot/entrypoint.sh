#!/bin/sh
# Entry point of the certbot container (docker-compose.yml mounts infra/certbot at /opt/cbp/certbot).
#  1. makes sure a certificate exists for $DOMAIN (temporary self-signed one on the very first start),
#     which is what the container health check reports and what nginx waits for;
#  2. while the certificate is still the self-signed placeholder and LETSENCRYPT_EMAIL is set, tries to
#     issue the real one (http-01 through nginx's webroot), hourly until it succeeds;
#  3. then runs `certbot renew` every RENEW_INTERVAL_SECONDS (default 12 h). nginx notices the new
#     files and reloads itself (infra/nginx/docker-entrypoint.d/45-reload-on-cert-change.sh).
set -eu

: "${DOMAIN:?DOMAIN is required}"
interval="${RENEW_INTERVAL_SECONDS:-43200}"
live="/etc/letsencrypt/live/$DOMAIN"

mkdir -p /var/www/certbot/.well-known/acme-challenge
sh /opt/cbp/bootstrap-self-signed.sh

trap 'exit 0' TERM INT

while :; do
  wait_for=$interval
  if [ -f "$live/.self-signed" ]; then
    if [ -n "${LETSENCRYPT_EMAIL:-}" ]; then
      if ! sh /opt/cbp/certbot/issue-certificate.sh; then
        echo "certbot: first issuance failed (DNS for $DOMAIN pointing here? port 80 reachable?); retrying in 1 h" >&2
        wait_for=3600
      fi
    else
      echo "certbot: serving a self-signed certificate; set LETSENCRYPT_EMAIL and restart certbot, or run" \
        "docker compose exec -e LETSENCRYPT_EMAIL=you@example.com certbot sh /opt/cbp/certbot/issue-certificate.sh"
    fi
  else
    certbot renew --non-interactive || echo "certbot: renew failed, retrying in ${interval}s" >&2
  fi
  sleep "$wait_for" &
  wait $!
done
