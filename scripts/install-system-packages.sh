#!/usr/bin/env bash
# Installs the Debian packages the project needs. Safe to run again: it does
# nothing when they are all present. Needs root (as on CI) or sudo.
#   build  - what WeasyPrint needs to make the PDF (usually already there)
#   test   - the above, plus Chromium for the browser tests and poppler's tools
set -euo pipefail

# libharfbuzz-subset0: WeasyPrint cuts fonts down with it (fast; see coproduction/pdf.py).
build=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0)
test=("${build[@]}" chromium fonts-dejavu-core poppler-utils)
case "${1:-test}" in
  build) packages=("${build[@]}") ;;
  test)  packages=("${test[@]}") ;;
  *) echo "usage: $0 [build|test]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
