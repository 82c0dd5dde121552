#!/usr/bin/env bash
# System packages for the browser tests and PDF output, from Debian's own archive:
#   chromium        the headless browser playwright-core drives (/usr/bin/chromium)
#   fonts-noto-cjk  so Chinese text renders instead of boxes
#   poppler-utils   pdftotext, with which the tests read the text back out of generated PDFs
# Idempotent: installs only what is missing and never fetches a browser any other way.
# Run as root (or with sudo) on Debian or a Debian derivative.
set -euo pipefail

packages=(chromium fonts-noto-cjk poppler-utils)

is_installed() {
  dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null | grep -qx installed
}

missing=()
for pkg in "${packages[@]}"; do
  if is_installed "$pkg"; then
    echo "install-system-deps: $pkg already installed ($(dpkg-query -W -f='${Version}' "$pkg"))"
  else
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-system-deps: nothing to do"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: apt-get not found; install ${missing[*]} with your system's package manager" >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-system-deps: ${missing[*]} missing; run as root: sudo bash scripts/install-system-deps.sh" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-system-deps: installing ${missing[*]}"
apt-get update
apt-get install -y --no-install-recommends "${missing[@]}"

for pkg in "${missing[@]}"; do
  is_installed "$pkg" || { echo "install-system-deps: $pkg did not install" >&2; exit 1; }
  echo "install-system-deps: installed $pkg ($(dpkg-query -W -f='${Version}' "$pkg"))"
done
if command -v chromium >/dev/null 2>&1; then
  echo "install-system-deps: $(chromium --version 2>/dev/null || echo 'chromium at') $(command -v chromium)"
fi
