#!/usr/bin/env bash
# Adds an EF Core migration named $1 to BOTH provider migration sets (SQLite and PostgreSQL) and puts the model
# snapshots back beside their migrations (dotnet-ef writes them under the namespace path otherwise).
# Serialised with a lock so that two people (or helper sessions) sharing one checkout never interleave snapshots.
#   bash scripts/dev/add-migration.sh BibleText
set -euo pipefail
name="${1:?usage: add-migration.sh MigrationName}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
exec 8>"/tmp/selah-add-migration.lock"
flock 8
cd "$root"
dotnet tool restore >/dev/null
cd src/Selah.Server
dotnet build -nologo -v quiet -clp:ErrorsOnly
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build --context "${provider}SelahDbContext" \
    --output-dir "Infrastructure/Data/Migrations/$provider" \
    --namespace "Selah.Server.Infrastructure.Data.Migrations.$provider"
  stray="Selah/Server/Infrastructure/Data/Migrations/$provider/${provider}SelahDbContextModelSnapshot.cs"
  if [ -f "$stray" ]; then
    mv "$stray" "Infrastructure/Data/Migrations/$provider/${provider}SelahDbContextModelSnapshot.cs"
  fi
done
rm -rf Selah
echo "Added migration $name for SQLite and PostgreSQL."
