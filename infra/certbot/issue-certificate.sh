#!/bin/sh
# Issues the first Let's Encrypt certificate for $DOMAIN with the http-01 challenge through nginx's
# webroot, replacing the temporary self-signed certificate made by infra/nginx/bootstrap-self-signed.sh.
# The certbot container runs it by itself when LETSENCRYPT_EMAIL is set; by hand:
#   docker compose exec certbot sh /opt/cbp/certbot/issue-certificate.sh
#   docker compose exec -e LETSENCRYPT_DRY_RUN=1 certbot sh /opt/cbp/certbot/issue-certificate.sh  # rehearsal against the staging CA, saves nothing
# CERTBOT_STAGING=true issues from the staging CA (untrusted certificates, generous rate limits). certbot records
# the CA in renewal/$DOMAIN.conf, so `certbot renew` stays on staging too: the switch is persistent.
# Prerequisites: DNS for $DOMAIN points at this host, port 80 is reachable from the internet, nginx is up.
# On failure the self-signed certificate is put back, so nginx keeps working.
set -eu

: "${DOMAIN:?DOMAIN is required}"
: "${LETSENCRYPT_EMAIL:?set LETSENCRYPT_EMAIL (expiry and account notices go there)}"
le_dir="${LETSENCRYPT_DIR:-/etc/letsencrypt}"
live="$le_dir/live/$DOMAIN"
webroot="${ACME_WEBROOT:-/var/www/certbot}"

if [ -d "$live" ] && [ ! -f "$live/.self-signed" ]; then
  echo "issue-certificate: $DOMAIN already has a Let's Encrypt certificate; the renew loop keeps it fresh"
  exit 0
fi

# nginx must serve the webroot before Let's Encrypt calls back: probe the same path it will fetch.
probe="cbp-probe-$$"
mkdir -p "$webroot/.well-known/acme-challenge"
echo ok > "$webroot/.well-known/acme-challenge/$probe"
tries=0
until wget -q -O /dev/null "http://${NGINX_HOST:-nginx}/.well-known/acme-challenge/$probe"; do
  tries=$((tries + 1))
  if [ "$tries" -ge 120 ]; then
    rm -f "$webroot/.well-known/acme-challenge/$probe"
    echo "issue-certificate: nginx does not serve the ACME webroot yet; is the nginx service up?" >&2
    exit 1
  fi
  sleep 5
done
rm -f "$webroot/.well-known/acme-challenge/$probe"

set -- certonly --webroot -w "$webroot" -d "$DOMAIN" --email "$LETSENCRYPT_EMAIL" \
  --agree-tos --no-eff-email --non-interactive --cert-name "$DOMAIN"
if [ "${CERTBOT_STAGING:-false}" = "true" ]; then
  set -- "$@" --staging
fi

if [ "${LETSENCRYPT_DRY_RUN:-0}" = "1" ]; then
  # Staging CA, nothing saved: the placeholder stays where it is.
  certbot "$@" --dry-run
  echo "issue-certificate: dry run succeeded; run again without LETSENCRYPT_DRY_RUN to issue"
  exit 0
fi

# certbot refuses to create a lineage over an unknown live/ directory: move the placeholder aside.
backup=""
if [ -d "$live" ]; then
  backup="$(mktemp -d)"
  cp -a "$live/." "$backup/"
  rm -rf "$live"
fi

if certbot "$@"; then
  if [ -n "$backup" ]; then
    rm -rf "$backup"
  fi
  echo "issue-certificate: issued; nginx reloads within CERT_RELOAD_INTERVAL_SECONDS" \
    "(or now: docker compose exec nginx nginx -s reload)"
else
  status=$?
  if [ -n "$backup" ]; then
    mkdir -p "$live"
    cp -a "$backup/." "$live/"
    rm -rf "$backup"
  fi
  echo "issue-certificate: certbot failed (exit $status); the self-signed certificate stays in place" >&2
  exit "$status"
fi
