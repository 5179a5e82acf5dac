#!/bin/sh
# The compose redis: renders the ACL file into the tmpfs (never on the read-only image or the data volume), then
# hands over to the image's entrypoint with the server arguments compose gives.
set -eu
/bin/sh /opt/cbp/redis/render-acl.sh /opt/cbp/redis/users.acl.template /tmp/users.acl
# The image's entrypoint drops to `redis`, which must read the file.
chown redis:redis /tmp/users.acl 2>/dev/null || true
exec docker-entrypoint.sh "$@" --aclfile /tmp/users.acl
