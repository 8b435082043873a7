#!/usr/bin/env bash
# Packaging smoke test for CI: PyInstaller one-folder build + .deb, then run the BUILT
# programs (version, provision, doctor, GUI offscreen) from the extracted .deb.
#
#   .ci/packaging-smoke.sh                 # uses .venv/bin/python, output in build/packaging-smoke
#   PYTHON=python3 OUT=/tmp/pkg .ci/packaging-smoke.sh
#
# gzip keeps dpkg-deb fast on CI; release builds use xz (packaging/build.py's default).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
OUT=${OUT:-build/packaging-smoke}
COMPRESSION=${CICINI_DEB_COMPRESSION:-gzip}
started=$(date +%s)

if ! "$PYTHON" -c "import PyInstaller" 2>/dev/null; then
    "$PYTHON" -m pip install --quiet "pyinstaller>=6.5"
fi

rm -rf "$OUT"
"$PYTHON" packaging/build.py --dist "$OUT/dist" --work "$OUT/work" --deb-compression "$COMPRESSION"
built=$(date +%s)

deb=$(ls "$OUT"/dist/cicini-desktop_*.deb)
CICINI_PACKAGING_SMOKE=1 CICINI_PACKAGING_DEB="$deb" \
    "$PYTHON" -m pytest -q -m slow -p no:cacheprovider tests/e2e/test_packaging_smoke.py
finished=$(date +%s)

echo "packaging smoke: build $((built - started)) s, smoke test $((finished - built)) s, total $((finished - started)) s"
echo "one-folder size: $(du -sh "$OUT/dist/cicini" | cut -f1)   .deb size: $(du -sh "$deb" | cut -f1)"
