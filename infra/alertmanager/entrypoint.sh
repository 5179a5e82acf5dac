#!/bin/sh
# Renders the Alertmanager configuration from the environment, then runs Alertmanager on it.
#
# infra/alertmanager/alertmanager.yml (mounted read-only) holds the routing and the receivers' names with no
# address and no secret; this script adds the e-mail and webhook settings under each receiver and writes the
# result to a private folder on a tmpfs. Secrets therefore never reach the repository or the image.
#
# Environment (all optional; a receiver with nothing configured drops what it gets):
#   ALERTMANAGER_EMAIL_TO          comma-separated recipients of warnings and pages; empty: no e-mail
#   ALERTMANAGER_EMAIL_FROM        sender, e.g. "Chat Bot Pro alerts <alerts@chat.example.com>"
#   ALERTMANAGER_SMTP_URL          smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465 (TLS),
#                                  credentials URL-encoded, as the platform's SMTP_URL
#   ALERTMANAGER_SMTP_REQUIRE_TLS  smtp:// only: refuse a relay without STARTTLS (default true)
#   ALERTMANAGER_WEBHOOK_URL       receives warnings and pages (Alertmanager's webhook JSON); empty: none
#   ALERTMANAGER_WATCHDOG_URL      the dead man's switch: receives the always-firing Watchdog every 5 minutes
#   ALERTMANAGER_TEMPLATE          default /etc/alertmanager/alertmanager.yml
#   ALERTMANAGER_RENDERED_DIR      default /tmp/alertmanager
#   ALERTMANAGER_RENDER_ONLY       1: write the configuration, print its path, and stop (used by the tests)
# Arguments are passed to alertmanager after --config.file.
set -eu

template="${ALERTMANAGER_TEMPLATE:-/etc/alertmanager/alertmanager.yml}"
out_dir="${ALERTMANAGER_RENDERED_DIR:-/tmp/alertmanager}"
email_to="${ALERTMANAGER_EMAIL_TO:-}"
email_from="${ALERTMANAGER_EMAIL_FROM:-}"
smtp_url="${ALERTMANAGER_SMTP_URL:-}"
webhook_url="${ALERTMANAGER_WEBHOOK_URL:-}"
watchdog_url="${ALERTMANAGER_WATCHDOG_URL:-}"

fail() {
  echo "alertmanager-entrypoint: $*" >&2
  exit 2
}

# %XX escapes of a URL component, decoded (credentials in SMTP_URL are URL-encoded).
url_decode() {
  rest="$1"
  decoded=""
  while [ -n "$rest" ]; do
    case "$rest" in
      %[0-9A-Fa-f][0-9A-Fa-f]*)
        hex="${rest#%}"
        hex="${hex%"${hex#??}"}"
        # shellcheck disable=SC2059 # the format is the octal escape being built
        decoded="$decoded$(printf "\\$(printf '%03o' "0x$hex")")"
        rest="${rest#%??}"
        ;;
      *)
        decoded="$decoded${rest%"${rest#?}"}"
        rest="${rest#?}"
        ;;
    esac
  done
  printf '%s' "$decoded"
}

# A YAML double-quoted scalar.
yaml_quote() {
  printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g')"
}

# Control characters (a stray newline in .env) would break out of the YAML scalar.
for value in "$email_to" "$email_from" "$smtp_url" "$webhook_url" "$watchdog_url"; do
  case "$value" in
    *[[:cntrl:]]*) fail "an ALERTMANAGER_* value contains a control character" ;;
  esac
done

for url in "$webhook_url" "$watchdog_url"; do
  case "$url" in
    '' | http://?* | https://?*) ;;
    *) fail "webhook URLs must start with http:// or https://" ;;
  esac
done

[ -f "$template" ] || fail "no configuration template at $template"
umask 077
mkdir -p "$out_dir"
snippets="$out_dir/snippets"
rm -rf "$snippets"
mkdir -p "$snippets"

# ----- e-mail, from ALERTMANAGER_SMTP_URL --------------------------------------------------------------
if [ -n "$email_to" ]; then
  [ -n "$smtp_url" ] || fail "ALERTMANAGER_EMAIL_TO is set but ALERTMANAGER_SMTP_URL (or SMTP_URL) is empty"
  [ -n "$email_from" ] || fail "ALERTMANAGER_EMAIL_TO is set but ALERTMANAGER_EMAIL_FROM (or MAIL_FROM) is empty"
  scheme="${smtp_url%%://*}"
  authority="${smtp_url#*://}"
  case "$scheme" in
    smtp) default_port=587 require_tls="${ALERTMANAGER_SMTP_REQUIRE_TLS:-true}" ;;
    # Alertmanager speaks TLS from the first byte on port 465 only; STARTTLS is then neither offered nor needed.
    smtps) default_port=465 require_tls=false ;;
    *) fail "ALERTMANAGER_SMTP_URL must be smtp:// or smtps://" ;;
  esac
  case "$require_tls" in true | false) ;; *) fail "ALERTMANAGER_SMTP_REQUIRE_TLS must be true or false" ;; esac
  userinfo=""
  case "$authority" in
    *@*)
      userinfo="${authority%@*}"
      authority="${authority##*@}"
      ;;
  esac
  # Drop a path or query (nodemailer options), keep host[:port].
  authority="${authority%%/*}"
  authority="${authority%%\?*}"
  host="${authority%%:*}"
  port="${authority#"$host"}"
  port="${port#:}"
  [ -n "$port" ] || port="$default_port"
  case "$host" in '' | *[!A-Za-z0-9.-]*) fail "ALERTMANAGER_SMTP_URL has no usable host name" ;; esac
  case "$port" in '' | *[!0-9]*) fail "ALERTMANAGER_SMTP_URL has a port that is not a number" ;; esac
  if [ "$scheme" = smtps ] && [ "$port" != 465 ]; then
    fail "smtps:// needs port 465 for Alertmanager (it uses implicit TLS on 465 only); use smtp:// with STARTTLS otherwise"
  fi
  {
    echo "    email_configs:"
    echo "      - to: $(yaml_quote "$email_to")"
    echo "        from: $(yaml_quote "$email_from")"
    echo "        smarthost: $(yaml_quote "$host:$port")"
    echo "        require_tls: $require_tls"
    echo "        send_resolved: SEND_RESOLVED"
    if [ -n "$userinfo" ]; then
      user="$(url_decode "${userinfo%%:*}")"
      echo "        auth_username: $(yaml_quote "$user")"
      case "$userinfo" in
        *:*)
          # The password goes to a file of its own, next to the configuration (tmpfs, owner only).
          url_decode "${userinfo#*:}" >"$out_dir/smtp-password"
          echo "        auth_password_file: $(yaml_quote "$out_dir/smtp-password")"
          ;;
      esac
    fi
  } >"$snippets/email"
fi

if [ -n "$webhook_url" ]; then
  {
    echo "    webhook_configs:"
    echo "      - url: $(yaml_quote "$webhook_url")"
    echo "        send_resolved: SEND_RESOLVED"
  } >"$snippets/webhook"
fi

if [ -n "$watchdog_url" ]; then
  {
    echo "    webhook_configs:"
    echo "      - url: $(yaml_quote "$watchdog_url")"
    echo "        send_resolved: false"
  } >"$snippets/watchdog"
fi

# Warnings are not followed by a "resolved" message (a ticket is closed by a person); pages are.
: >"$snippets/notify"
: >"$snippets/page"
for kind in email webhook; do
  [ -f "$snippets/$kind" ] || continue
  sed 's/SEND_RESOLVED/false/' "$snippets/$kind" >>"$snippets/notify"
  sed 's/SEND_RESOLVED/true/' "$snippets/$kind" >>"$snippets/page"
done
[ -f "$snippets/watchdog" ] || : >"$snippets/watchdog"

# Each receiver's settings go right after its `- name:` line.
config="$out_dir/alertmanager.yml"
for receiver in notify page deadmans-switch; do
  grep -q "^  - name: $receiver\$" "$template" || fail "$template has no receiver $receiver"
done
sed -e "/^  - name: notify\$/r $snippets/notify" \
  -e "/^  - name: page\$/r $snippets/page" \
  -e "/^  - name: deadmans-switch\$/r $snippets/watchdog" \
  "$template" >"$config.tmp"
mv "$config.tmp" "$config"
rm -rf "$snippets"

if [ -z "$email_to" ] && [ -z "$webhook_url" ]; then
  echo "alertmanager-entrypoint: WARNING: neither ALERTMANAGER_EMAIL_TO nor ALERTMANAGER_WEBHOOK_URL is set; alerts reach no one" >&2
fi
[ -n "$watchdog_url" ] || echo "alertmanager-entrypoint: WARNING: ALERTMANAGER_WATCHDOG_URL is not set; nobody notices if alerting dies" >&2

if [ "${ALERTMANAGER_RENDER_ONLY:-}" = 1 ]; then
  echo "$config"
  exit 0
fi
exec /bin/alertmanager --config.file="$config" "$@"
