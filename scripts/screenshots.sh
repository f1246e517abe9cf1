#!/usr/bin/env bash
# `make screenshots`: renders the exported HTML report and notebook of the Korean case with
# headless Chromium into screenshots/ (git-ignored): a laptop-sized view (1280×900) of the top
# and of every section (via its #anchor), a tall full-page view, and a PDF through the print CSS.
# Installs Chromium (Debian `chromium`) and nbconvert (PyPI) when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
NAME=${1:-korea}
SRC=notebooks-export
DST=screenshots
PYTHON=${PYTHON:-python3}
mkdir -p "$DST"

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi
"$PYTHON" -c "import nbconvert" 2>/dev/null || "$PYTHON" -m pip install --quiet --disable-pip-version-check nbconvert

# The notebook as Jupyter shows it (nbconvert's classic HTML template, outputs as stored).
"$PYTHON" -m jupyter nbconvert --to html --log-level WARN --output-dir "$DST" --output "$NAME-notebook" "$SRC/$NAME.ipynb"

shot() {  # shot <url> <png> <width> <height>
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$3,$4" --screenshot="$PWD/$2" "$1" >/dev/null 2>&1
  echo "$2"
}
REPORT="file://$PWD/$SRC/$NAME.html"
NOTEBOOK="file://$PWD/$DST/$NAME-notebook.html"
shot "$REPORT" "$DST/report-top.png" 1280 900
for id in $(grep -o '<section id="[^"]*"' "$SRC/$NAME.html" | sed 's/.*id="\(.*\)"/\1/'); do
  shot "$REPORT#$id" "$DST/report-$id.png" 1280 900
done
shot "$REPORT" "$DST/report-full.png" 1280 16000
shot "$NOTEBOOK" "$DST/notebook-top.png" 1280 900
shot "$NOTEBOOK" "$DST/notebook-full.png" 1280 16000
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$PWD/$DST/report.pdf" "$REPORT" >/dev/null 2>&1
echo "$DST/report.pdf"
