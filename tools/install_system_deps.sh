#!/usr/bin/env bash
# Debian packages Frontline's make targets need; installs only what is missing.
set -euo pipefail
packages=(qgis python3-qgis qgis-providers python3-requests gdal-bin python3-venv python3-dev
          libgeos-dev gcc xvfb xauth pyqt5-dev-tools qttools5-dev-tools)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" = 0 ] || sudo=sudo
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
