#!/usr/bin/env bash
# Renders the PNG sizes (and the ICO) from icons/mailroom.svg. Needs ImageMagick with librsvg
# (Debian: apt-get install imagemagick librsvg2-bin). The results are committed, so building the
# app does not need these tools.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p png
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$size" -h "$size" mailroom.svg -o "png/mailroom-$size.png"
done
convert png/mailroom-16.png png/mailroom-24.png png/mailroom-32.png png/mailroom-48.png png/mailroom-64.png png/mailroom-256.png mailroom.ico
cp png/mailroom-256.png ../app/src/main/resources/dev/mailroom/app/icon-256.png
echo "icons rendered"
