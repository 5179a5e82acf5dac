#!/bin/sh
# Mounted as /docker-entrypoint.d/45-reload-on-cert-change.sh in the nginx container: the image's
# entrypoint runs it before starting nginx. It starts a background watcher that reloads nginx when the
# certificate for $DOMAIN changes (first issuance replacing the self-signed one, or a renewal by the
# certbot container), after checking the new configuration with `nginx -t`.
#
# Environment:
#   DOMAIN                        required
#   CERT_RELOAD_INTERVAL_SECONDS  how often to look, default 300
#   LETSENCRYPT_DIR               default /etc/letsencrypt
set -eu

: "${DOMAIN:?DOMAIN is required}"
cert="${LETSENCRYPT_DIR:-/etc/letsencrypt}/live/$DOMAIN/fullchain.pem"
interval="${CERT_RELOAD_INTERVAL_SECONDS:-300}"

fingerprint() {
  if [ -s "$cert" ]; then
    cksum < "$cert"
  fi
}

watch_certificate() {
  last="$(fingerprint)"
  while :; do
    sleep "$interval"
    now="$(fingerprint)"
    if [ -n "$now" ] && [ "$now" != "$last" ]; then
      if nginx -t -q && nginx -s reload; then
        echo "reload-on-cert-change: certificate for $DOMAIN changed, nginx reloaded"
        last="$now"
      else
        echo "reload-on-cert-change: certificate changed but the configuration test failed; retrying" >&2
      fi
    fi
  done
}

watch_certificate < /dev/null &
echo "reload-on-cert-change: watching $cert every ${interval}s"
