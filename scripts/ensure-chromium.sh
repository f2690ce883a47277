#!/usr/bin/env bash
# Installs Debian's Chromium for the UI tests when it is missing (CI machines start without it).
# playwright-core drives it through executablePath=/usr/bin/chromium; a test tool's own
# browser download cannot work on these machines.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then SUDO=sudo; else SUDO=; fi
echo "[ensure-chromium] installing Debian chromium (needed by the UI tests)"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
