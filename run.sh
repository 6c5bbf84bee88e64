#!/usr/bin/env bash
# Starts everything on this machine: Azurite (data kept under .local/azurite-data), the LocalHost serving the
# real functions on http://localhost:7071, and a demo cooperative (created once). Ctrl-C stops it all.
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"
cd "$ROOT"

HOST_PID=""
cleanup() {
  trap - EXIT INT TERM
  log "stopping"
  [[ -n "$HOST_PID" ]] && stop_pid "$HOST_PID" 10
  [[ -n "${AZURITE_PID:-}" ]] && stop_pid "$AZURITE_PID" 5
  sweep_pids
}
trap cleanup EXIT INT TERM

require_tools
install_azurite
[[ -f local.settings.json ]] || { cp local.settings.sample.json local.settings.json; log "created local.settings.json from the sample"; }
# A local.settings.json copied before statements existed lacks the timer's schedule, and the LocalHost needs it.
grep -q '"StatementSchedule"' local.settings.json || export StatementSchedule='0 0 0 * * *'
if (exec 3<>/dev/tcp/127.0.0.1/7071) 2>/dev/null; then
  echo "Port 7071 is already in use; stop whatever is serving there and try again." >&2
  exit 1
fi

log "building the LocalHost"
dotnet build src/Koperasi.LocalHost/Koperasi.LocalHost.csproj -c Debug -nologo -v quiet -clp:ErrorsOnly

log "starting Azurite (on disk: .local/azurite-data)"
start_azurite "$ROOT/.local/azurite-data"

log "starting the LocalHost on http://localhost:7071"
AzureWebJobsStorage="$AZURE_STORAGE_CONNECTION" dotnet src/Koperasi.LocalHost/bin/Debug/net10.0/Koperasi.LocalHost.dll &
HOST_PID=$!
echo "$HOST_PID" >"$PID_DIR/localhost-$HOST_PID.pid"
for _ in $(seq 1 120); do
  curl -fs http://localhost:7071/api/health >/dev/null 2>&1 && break
  kill -0 "$HOST_PID" 2>/dev/null || { echo "the LocalHost exited" >&2; exit 1; }
  sleep 0.5
done

log "demo data"
demo=$(node scripts/seed-demo.mjs)
coop=$(node -e 'const d=JSON.parse(process.argv[1]);console.log(d.cooperativeId)' "$demo")
key=$(node -e 'const d=JSON.parse(process.argv[1]);console.log(d.apiKey)' "$demo")
cat <<INFO

  API base URL      http://localhost:7071/api
  Demo cooperative  $coop
  Admin API key     $key
  (also in .local/demo.json)

  Statements        $ROOT/.local/outbox/$coop/2026-10/  (.eml files, October 2026;
                    they appear a few seconds after the run starts; open one in any mail program)

  Try:  curl -s http://localhost:7071/api/members -H "Authorization: Bearer $key"
        curl -s http://localhost:7071/api/statements/2026-10 -H "Authorization: Bearer $key"

  Ctrl-C stops the LocalHost and Azurite.
INFO
wait "$HOST_PID"
