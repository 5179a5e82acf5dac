#!/bin/sh
# Renders users.acl.template into the ACL file redis-server loads: {{NAME_SHA256}} becomes the SHA-256 of
# $REDIS_<NAME>_PASSWORD (Redis accepts `#<sha256>` in place of a password), so the clear passwords stay in the
# environment. Refuses to render with a password missing.
#   render-acl.sh <template> <output>
set -eu
template=$1
output=$2
umask 077
tmp="$output.tmp"
cp "$template" "$tmp"
for name in IDENTITY GATEWAY ADMIN ANALYTICS EXPORTER; do
  eval "password=\${REDIS_${name}_PASSWORD:-}"
  if [ -z "$password" ]; then
    echo "render-acl.sh: REDIS_${name}_PASSWORD is not set" >&2
    rm -f "$tmp"
    exit 1
  fi
  hash=$(printf '%s' "$password" | sha256sum | cut -d' ' -f1)
  sed -i "s/{{${name}_SHA256}}/${hash}/g" "$tmp"
done
grep -v '^#' "$tmp" | grep -v '^$' > "$output"
rm -f "$tmp"
