#!/bin/sh
# Creates a temporary self-signed certificate for $DOMAIN when none exists yet, so that nginx can load
# its TLS server block on the very first start, before Let's Encrypt has issued the real certificate.
# Idempotent: an existing certificate (self-signed or real) is never touched.
#
# It runs automatically in the certbot container on every start (infra/certbot/entrypoint.sh), which
# nginx waits for (depends_on: certbot: service_healthy). To run it by hand:
#   docker compose run --rm --no-deps --entrypoint sh certbot /opt/cbp/bootstrap-self-signed.sh
#
# Environment:
#   DOMAIN            required, e.g. chat.example.com
#   LETSENCRYPT_DIR   default /etc/letsencrypt
#   SELF_SIGNED_DAYS  default 30
#
# The certificate is marked with a `.self-signed` file next to it; infra/certbot/issue-certificate.sh
# only replaces a certificate carrying that marker.
set -eu

: "${DOMAIN:?DOMAIN is required}"
case "$DOMAIN" in
  '' | -* | *[!A-Za-z0-9.-]*)
    echo "bootstrap-self-signed: DOMAIN '$DOMAIN' is not a host name" >&2
    exit 2
    ;;
esac

le_dir="${LETSENCRYPT_DIR:-/etc/letsencrypt}"
live="$le_dir/live/$DOMAIN"
days="${SELF_SIGNED_DAYS:-30}"

if [ -s "$live/fullchain.pem" ] && [ -s "$live/privkey.pem" ]; then
  echo "bootstrap-self-signed: a certificate for $DOMAIN is already present, nothing to do"
  exit 0
fi

umask 077
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

openssl req -x509 -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -sha256 -days "$days" \
  -subj "/CN=$DOMAIN" -addext "subjectAltName=DNS:$DOMAIN" \
  -keyout "$tmp/privkey.pem" -out "$tmp/fullchain.pem" >/dev/null 2>&1

mkdir -p "$live"
# Key first, certificate last: a reader that sees fullchain.pem also finds the matching key.
cp "$tmp/privkey.pem" "$live/privkey.pem"
chmod 600 "$live/privkey.pem"
cp "$tmp/fullchain.pem" "$live/fullchain.pem"
chmod 644 "$live/fullchain.pem"
date -u +%Y-%m-%dT%H:%M:%SZ > "$live/.self-signed"

echo "bootstrap-self-signed: created a temporary self-signed certificate for $DOMAIN (valid ${days} days)"
echo "bootstrap-self-signed: replace it with: docker compose exec certbot sh /opt/cbp/certbot/issue-certificate.sh"
