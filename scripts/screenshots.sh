#!/usr/bin/env bash
# `make screenshots`: renders the exported HTML report and notebook of the Korean case with
# headless Chromium into screenshots/ (git-ignored): a laptop-sized view (1280×900) of the top
# page, tall full-page views cut into 1280×1000 tiles (report-NN.png, notebook-NN.png), and a PDF
# through the print CSS. Installs Chromium (Debian `chromium`), nbconvert and Pillow (PyPI) when missing.
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
"$PYTHON" -c "import nbconvert, PIL" 2>/dev/null || "$PYTHON" -m pip install --quiet --disable-pip-version-check nbconvert pillow

# The notebook as Jupyter shows it (nbconvert's classic HTML template, outputs as stored).
"$PYTHON" -m jupyter nbconvert --to html --log-level WARN --output-dir "$DST" --output "$NAME-notebook" "$SRC/$NAME.ipynb"

shot() {  # shot <url> <png> <width> <height>
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$3,$4" --screenshot="$PWD/$2" "$1" >/dev/null 2>&1
  echo "$2"
}
REPORT="file://$PWD/$SRC/$NAME.html"
NOTEBOOK="file://$PWD/$DST/$NAME-notebook.html"
rm -f "$DST"/report-*.png "$DST"/notebook-*.png
shot "$REPORT" "$DST/report-top.png" 1280 900
shot "$REPORT" "$DST/report-full.png" 1280 20000
shot "$NOTEBOOK" "$DST/notebook-top.png" 1280 900
shot "$NOTEBOOK" "$DST/notebook-full.png" 1280 20000
# Tiles of the full pages (blank tail dropped), small enough to look at one by one.
"$PYTHON" - "$DST" <<'TILES'
import sys
from PIL import Image
dst = sys.argv[1]
for name in ("report", "notebook"):
    im = Image.open(f"{dst}/{name}-full.png").convert("RGB")
    grey = im.convert("L")
    bottom = max((y for y in range(0, im.height, 20) if grey.crop((0, y, im.width, y + 1)).getextrema()[0] < 250), default=0)
    for k in range(bottom // 1000 + 1):
        im.crop((0, k * 1000, im.width, min(im.height, (k + 1) * 1000))).save(f"{dst}/{name}-{k:02d}.png")
        print(f"{dst}/{name}-{k:02d}.png")
TILES
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --print-to-pdf="$PWD/$DST/report.pdf" "$REPORT" >/dev/null 2>&1
echo "$DST/report.pdf"
