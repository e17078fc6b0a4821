# shellcheck shell=bash
# Shared helpers for scripts/run.sh and scripts/test.sh. Source it; do not execute it.

# Debian packages the application itself needs at run time (besides the .NET SDK).
# Features that shell out to system tools add them here (e.g. ffmpeg for the media pipeline);
# scripts/test.sh installs these too, plus its own test-only list.
SELAH_APP_PACKAGES=(ffmpeg abcmidi fluidsynth fluid-soundfont-gm libsword-utils sword-text-kjv sword-text-web sword-text-sparv)

SELAH_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
  _C_BLUE=$'\033[1;34m' _C_YELLOW=$'\033[1;33m' _C_RED=$'\033[1;31m' _C_OFF=$'\033[0m'
else
  _C_BLUE='' _C_YELLOW='' _C_RED='' _C_OFF=''
fi
log()  { printf '%s==>%s %s\n' "$_C_BLUE" "$_C_OFF" "$*"; }
warn() { printf '%swarning:%s %s\n' "$_C_YELLOW" "$_C_OFF" "$*" >&2; }
err()  { printf '%serror:%s %s\n' "$_C_RED" "$_C_OFF" "$*" >&2; }
die()  { err "$*"; exit 1; }

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (not root and sudo is missing)"
  fi
}

# is_installed PKG -> 0 when the Debian package is installed.
is_installed() {
  dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null | grep -qx installed
}

# ensure_packages PKG... : installs the Debian packages that are missing ('apt-get update' first, only if needed).
ensure_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    [ -n "$pkg" ] || continue
    is_installed "$pkg" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing packages (${missing[*]}) and no apt-get to install them"
  log "Installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# require_dotnet: the .NET SDK cannot be installed from the reachable registries; it must be on the machine.
require_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    if [ -x "$HOME/.dotnet/dotnet" ]; then
      export PATH="$HOME/.dotnet:$PATH"
    else
      die "the .NET SDK (dotnet) is not on PATH; install the .NET 10 SDK first"
    fi
  fi
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
}
