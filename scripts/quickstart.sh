#!/usr/bin/env bash
# Set everything up, make sure the fr→en and en→ko packages are installed, and brief an example.
#   scripts/quickstart.sh [RELEASE...]      (default: the French examples in examples/releases/)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv} scripts/setup.sh
PP="${VENV:-.venv}/bin/polyglot-press"

missing=0
for pair in "fr en" "en ko"; do
  # shellcheck disable=SC2086
  if ! "${VENV:-.venv}/bin/python" - $pair <<'PY'
import sys
from polyglot_press.packages import find_package
sys.exit(find_package(sys.argv[1], sys.argv[2]) is None)
PY
  then
    echo "Installing the ${pair/ /→} translation package from the Argos index…"
    # shellcheck disable=SC2086
    "$PP" models install $pair || missing=1
  fi
done
if [ "$missing" = 1 ]; then
  echo
  echo "Some translation packages could not be installed (offline?). Download them on a connected"
  echo "machine from the Argos Translate package index (translate-fr_en, translate-en_ko), copy the"
  echo ".argosmodel files here and run:  $PP models install FILE.argosmodel"
  echo "Meanwhile, here is the English brief of an English release, which needs no model:"
  "$PP" brief examples/releases/geely-export-hub.md --langs en
  exit 1
fi
if [ "$#" -eq 0 ]; then
  set -- examples/releases/*.md examples/releases/*.txt examples/releases/*.html
fi
"$PP" brief "$@"
