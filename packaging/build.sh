#!/usr/bin/env bash
# Builds a Mailroom bundle with the JDK's jpackage.
#   packaging/build.sh              Linux app-image in packaging/target/Mailroom
#   packaging/build.sh deb | rpm    a Debian/RPM package (needs fakeroot+dpkg-dev, or rpm-build)
#   packaging/build.sh msi | exe    on Windows, with the WiX toolset on PATH
#   packaging/build.sh dmg | pkg    on macOS
# The app jar and its runtime jars are collected by the `bundle` Maven profile; jlink makes a slim
# runtime of the JDK modules below, so users need no Java installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
type="${1:-app-image}"
version="0.1.0"

cd "$root"
./mvnw -B -q -Pbundle -DskipTests package
input="$root/app/target/bundle-input"
cp app/target/app-*.jar "$input/"
# copy-dependencies brings JavaFX's empty placeholder jars along with the platform ones: drop them.
find "$input" -name 'javafx-*.jar' | grep -Ev -- '-(linux|win|mac)(-aarch64)?\.jar$' | xargs -r rm -f

os="$(uname -s)"
case "$os" in
  Linux*) icon="$root/icons/png/mailroom-256.png" ;;
  Darwin*) icon="$root/icons/mailroom.icns" ;;   # make it with iconutil from icons/png (see README)
  *) icon="$root/icons/mailroom.ico" ;;
esac

args=(
  --name Mailroom
  --app-version "$version"
  --vendor "Mailroom"
  --description "Run many clients' transactional email from one console"
  --input "$input"
  --main-jar "$(basename "$(ls app/target/app-*.jar | head -n1)")"
  --main-class dev.mailroom.app.Launcher
  --icon "$icon"
  --dest "$here/target"
  # Memory (issue 19, bench/README "Memory at idle"): Serial GC (a desktop app with a few threads; no
  # concurrent collector's native overhead), the heap starting small and capped at 1 GB, heap given back
  # after a big job at the next full collection, freed native memory handed back every 30 s. H2 keeps its
  # own page cache at its default 16 MB.
  --java-options "-XX:+UseSerialGC -Xms32m -Xmx1g -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30"
  --java-options "-XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=30000"
  --add-modules java.base,java.desktop,java.sql,java.naming,java.logging,java.management,java.scripting,java.xml,jdk.jsobject,jdk.xml.dom,jdk.unsupported,jdk.unsupported.desktop,jdk.crypto.ec,java.security.sasl,jdk.charsets,jdk.localedata,jdk.net,java.net.http,jdk.naming.dns,jdk.zipfs
  --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2"
)
# Linux: a `mailroom` command-line launcher beside bin/Mailroom. Not on Windows or macOS, whose
# case-insensitive file systems would put its files on top of the app's (Mailroom.cfg, mailroom.cfg).
case "$os" in
  Linux*) args+=(--add-launcher "mailroom=$here/mailroom-cli.properties") ;;
esac
case "$type" in
  deb) args+=(--linux-package-deps libgtk-3-0 --linux-shortcut --linux-menu-group Office --resource-dir "$here/linux") ;;
  rpm) args+=(--linux-package-deps gtk3 --linux-shortcut --linux-menu-group Office --resource-dir "$here/linux") ;;
  msi|exe) args+=(--win-menu --win-shortcut --win-dir-chooser --win-per-user-install) ;;
esac

rm -rf "$here/target/Mailroom"
mkdir -p "$here/target"
jpackage --type "$type" "${args[@]}"
echo "Built $type in $here/target"
