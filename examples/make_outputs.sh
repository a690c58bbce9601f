#!/usr/bin/env bash
# Regenerate examples/outputs/.
#
# What is committed needs no trained translation model: language routing, glossary hits,
# the English release's brief and summary. Translated examples only mean something with real
# Argos packages, so they are written (under outputs/translated/, not committed) only when
# the fr→en and en→ko packages are installed: `polyglot-press models install fr en` / `en ko`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
PP="$PY -m polyglot_press"
OUT=examples/outputs
rm -rf "$OUT" && mkdir -p "$OUT"

$PP detect examples/releases/* --blocks > "$OUT/detect.txt"
$PP glossary match examples/releases/alpine-dieppe-electric.md > "$OUT/glossary-match.txt"
$PP summarize examples/releases/geely-export-hub.md --format json > "$OUT/geely-export-hub.summary.json"
$PP brief examples/releases/geely-export-hub.md --langs en > "$OUT/geely-export-hub.brief.md"
$PP brief examples/releases/geely-export-hub.md --langs en --format json \
  | "$PY" -c 'import json, sys; d = json.load(sys.stdin); d.pop("timings", None); print(json.dumps(d, ensure_ascii=False, indent=2))' \
  > "$OUT/geely-export-hub.brief.json"

if $PP models list --format json | "$PY" -c '
import json, sys
pairs = {(p["source"], p["target"]) for p in json.load(sys.stdin)}
sys.exit(0 if {("fr", "en"), ("en", "ko")} <= pairs else 1)'; then
  mkdir -p "$OUT/translated"
  $PP translate examples/releases/* --to en --out "$OUT/translated"
  $PP brief examples/releases/* --out "$OUT/translated"
  "$PY" examples/newsroom_tool.py examples/releases --out "$OUT/translated/digest"
else
  echo "fr→en / en→ko packages not installed: translated examples skipped (see README, Models)."
fi
echo "outputs in $OUT"
