#!/bin/sh
# End-to-end tests drive Debian's Chromium through playwright-core (no browser download).
# Installs it when missing and when we are allowed to (root with apt-get).
set -e
if command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium absent : installation du paquet Debian « chromium »…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium est introuvable. Installez le paquet Debian « chromium » (apt-get install -y chromium) ou définissez CHROMIUM_PATH." >&2
exit 1
