#!/usr/bin/env bash
# Regenerate examples/outputs/. With real Argos packages installed, pass no argument; without
# them, `--synthetic` builds random-weight packages first (structure, glossary terms, numbers and
# contacts are then meaningful, the translated wording is not).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
PP="$PY -m polyglot_press"
OUT=examples/outputs
rm -rf "$OUT" && mkdir -p "$OUT"
MODELS=()
if [ "${1:-}" = "--synthetic" ]; then
  models=$(mktemp -d)
  "$PY" - "$models" <<'PY'
import sys
from pathlib import Path
from polyglot_press.testing import build_synthetic_package
for source, target in (("fr", "en"), ("en", "ko")):
    build_synthetic_package(Path(sys.argv[1]), source, target, size="small")
PY
  MODELS=(--models "$models")
fi
$PP detect examples/releases/* --blocks > "$OUT/detect.txt"
$PP glossary match examples/releases/alpine-dieppe-electric.md > "$OUT/glossary-match.txt" 2>/dev/null
$PP summarize examples/releases/geely-export-hub.md --json > "$OUT/geely-export-hub.summary.json"
$PP translate examples/releases/*.md examples/releases/*.txt examples/releases/*.html \
  "${MODELS[@]}" --out "$OUT/translations" 2>/dev/null || true
$PP brief examples/releases/* "${MODELS[@]}" --out "$OUT/briefs" 2>/dev/null || true
$PP brief examples/releases/* "${MODELS[@]}" --format json --out "$OUT/briefs" 2>/dev/null || true
"$PY" examples/newsroom_tool.py examples/releases "${MODELS[@]}" --out "$OUT/digest" || true
echo "outputs in $OUT"
