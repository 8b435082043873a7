#!/usr/bin/env bash
# Print one example of the IT guide (packaging/README.md) verbatim, by the name in the tag
# the guide puts above it: `<!-- run: MODE NAME[; placeholders: ...] -->` (for `ci-build`,
# the mode is the name). The block's indentation (inside a list) is removed, nothing else.
# CI runs what this prints (.ci/run, .ci/deb-desk-flow.sh); tests/e2e/test_it_guide.py
# checks that it prints exactly the block the guide shows, for every block CI runs.
#
#   .ci/guide-block.sh desk-flow
set -euo pipefail
name=${1:?usage: .ci/guide-block.sh NAME}
guide=${CICINI_GUIDE:-"$(dirname "$0")/../packaging/README.md"}
block=$(awk -v name="$name" '
    !inside && /^ *<!-- run: .* -->$/ {
        tag = $0
        indent = match(tag, /[^ ]/) - 1
        sub(/^ *<!-- run: /, "", tag); sub(/ -->$/, "", tag); sub(/;.*/, "", tag)
        n = split(tag, words, " ")
        wanted = (n >= 2 && words[2] == name) || (n == 1 && words[1] == name)
        next
    }
    wanted && !inside {
        fence = substr($0, indent + 1)
        if (fence ~ /^```/) { inside = 1; next }
        wanted = 0
    }
    inside {
        line = substr($0, 1, indent) ~ /^ *$/ ? substr($0, indent + 1) : $0
        if (line == "```") exit
        print line
    }' "$guide")
if [ -z "$block" ]; then
    echo "guide-block: packaging/README.md has no block tagged '$name'" >&2
    exit 1
fi
printf '%s\n' "$block"
