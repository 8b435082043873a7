#!/usr/bin/env bash
# lintian on the built .deb. Every remaining finding must be listed, with its reason, in the
# IT guide's table (packaging/README.md, "lintian findings"); a new one fails CI.
#
#   .ci/lintian-check.sh build/packaging-smoke/dist/cicini-desktop_0.1.0_amd64.deb
set -euo pipefail
cd "$(dirname "$0")/.."
deb=${1:?usage: .ci/lintian-check.sh PACKAGE.deb}
command -v lintian >/dev/null || apt-get install -y -qq lintian >/dev/null
started=$(date +%s)
# Errors and warnings (the default level), every instance; the exit status is ours.
findings=$(lintian --no-tag-display-limit "$deb" 2>&1 || true)
echo "$findings" | sed 's/^/  lintian: /'
tags=$(echo "$findings" | awk '/^[EWIPX]: /{print $3}' | sort -u)
missing=0
for tag in $tags; do
    if ! grep -q "| \`$tag\` |" packaging/README.md; then
        echo "lintian-check: '$tag' is not listed (with its reason) in packaging/README.md" >&2
        missing=1
    fi
done
echo "lintian-check: $(echo "$tags" | grep -c . || true) distinct tag(s), $(( $(date +%s) - started )) s"
exit $missing
