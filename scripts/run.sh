#!/usr/bin/env bash
# Runs Selah on http://localhost:5080 (foreground; Ctrl-C stops it).
#   - installs the Debian packages the app needs (SELAH_APP_PACKAGES in scripts/lib/common.sh),
#   - builds the server (Release),
#   - keeps its data in <repo>/data (SQLite database, media, mail pickup folder, keys),
#   - seeds demo content and a bootstrap admin whose password is generated once into data/admin-password.txt.
# Overrides: SELAH_PORT (default 5080), SELAH_ADMIN_EMAIL (default admin@selah.local), SELAH_SKIP_BUILD=1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

cd "$SELAH_REPO_ROOT"
PORT="${SELAH_PORT:-5080}"
URL="http://localhost:${PORT}"
DATA_DIR="$SELAH_REPO_ROOT/data"
ADMIN_EMAIL="${SELAH_ADMIN_EMAIL:-admin@selah.local}"
PASSWORD_FILE="$DATA_DIR/admin-password.txt"
SERVER_DIR="$SELAH_REPO_ROOT/src/Selah.Server/bin/Release/net10.0"
SERVER_DLL="$SERVER_DIR/Selah.Server.dll"

if [ "${#SELAH_APP_PACKAGES[@]}" -gt 0 ]; then
  ensure_packages "${SELAH_APP_PACKAGES[@]}"
fi
require_dotnet

if [ "${SELAH_SKIP_BUILD:-0}" != "1" ]; then
  log "Building Selah (Release)..."
  dotnet build src/Selah.Server/Selah.Server.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
fi
[ -f "$SERVER_DLL" ] || die "build output not found: $SERVER_DLL"

mkdir -p "$DATA_DIR"
if [ ! -s "$PASSWORD_FILE" ]; then
  # 24 random alphanumerics (~142 bits); generated once, kept across runs.
  ( umask 077
    LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 24 >"$PASSWORD_FILE" || true )
  [ -s "$PASSWORD_FILE" ] || die "could not generate $PASSWORD_FILE"
  log "Generated the admin password in $PASSWORD_FILE"
fi
chmod 600 "$PASSWORD_FILE"
ADMIN_PASSWORD="$(head -n 1 "$PASSWORD_FILE" | tr -d '\r\n')"

export Selah__DataDirectory="$DATA_DIR"
export Selah__Demo__Enabled=true
export Selah__Admin__Email="$ADMIN_EMAIL"
export Selah__Admin__Password="$ADMIN_PASSWORD"
export ASPNETCORE_URLS="$URL"
export Logging__Console__FormatterName=simple   # readable lines in a terminal; a deployment keeps the JSON default

cat <<MSG

  Selah is starting on  ${URL}
  Admin sign-in:        ${ADMIN_EMAIL}  /  ${ADMIN_PASSWORD}
                        (password stored in ${PASSWORD_FILE})
  Data directory:       ${DATA_DIR}   (emails land in ${DATA_DIR}/mail)
  API reference:        ${URL}/api/docs

  Press Ctrl-C to stop.

MSG

# Bible translations (Selah:Bible:Translations, default kjv,web,sparv) from the SWORD modules; idempotent, and a missing
# module is only a warning. The server would also import missing ones at start-up, in the background.
( cd "$SERVER_DIR" && dotnet "$SERVER_DLL" bible import ) || log "Bible import failed; the server starts anyway"

# exec: the server becomes the foreground process, so Ctrl-C (SIGINT) reaches it directly and it shuts down gracefully.
cd "$SERVER_DIR"
exec dotnet "$SERVER_DLL" --urls "$URL"
