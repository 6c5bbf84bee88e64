# Shared by run.sh, test.sh and bench.sh: installs what the project needs and stops what it started.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PID_DIR="$ROOT/.local/pids"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

require_tools() {
  command -v dotnet >/dev/null || { echo "dotnet (the .NET 10 SDK) is required" >&2; exit 1; }
  command -v node >/dev/null || { echo "node (20 or later) and npm are required" >&2; exit 1; }
}

# Azurite is pinned in package.json/package-lock.json; npm ci installs exactly that.
install_azurite() {
  if [[ ! -x "$ROOT/node_modules/.bin/azurite" || "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]]; then
    log "installing Azurite (npm ci)"
    (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

# Debian's chromium, for the browser test of statements (CI runs as root; elsewhere sudo asks).
install_chromium() {
  command -v chromium >/dev/null && return 0
  log "installing chromium (apt-get)"
  local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
}

# Stops a PID: SIGTERM, then SIGKILL after a few seconds (Azurite sometimes ignores SIGTERM).
stop_pid() {
  local pid="$1" grace="${2:-5}"
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 $((grace * 10))); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

# Stops everything whose PID file is under .local/pids (left by the scripts or by test fixtures).
sweep_pids() {
  [[ -d "$PID_DIR" ]] || return 0
  for f in "$PID_DIR"/*.pid; do
    [[ -e "$f" ]] || continue
    stop_pid "$(cat "$f")" 3
    rm -f "$f"
  done
}

# Starts Azurite on free loopback ports (it binds port 0 and reports the ports it got).
# Sets AZURITE_PID and AZURE_STORAGE_CONNECTION. Arguments: "memory" or a folder for on-disk data.
start_azurite() {
  local mode="$1" logfile="$ROOT/.local/azurite.log"
  mkdir -p "$PID_DIR"
  local args=(--skipApiVersionCheck --disableProductStyleUrl --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 --blobPort 0 --queuePort 0 --tablePort 0)
  if [[ "$mode" == memory ]]; then args+=(--inMemoryPersistence); else mkdir -p "$mode"; args+=(--location "$mode"); fi
  node "$ROOT/node_modules/azurite/dist/src/azurite.js" "${args[@]}" >"$logfile" 2>&1 &
  AZURITE_PID=$!
  echo "$AZURITE_PID" >"$PID_DIR/azurite-$AZURITE_PID.pid"
  local blob="" queue="" table=""
  for _ in $(seq 1 300); do
    blob=$(sed -n 's/.*Blob service is successfully listening at http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$logfile")
    queue=$(sed -n 's/.*Queue service is successfully listening at http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$logfile")
    table=$(sed -n 's/.*Table service is successfully listening at http:\/\/[^:]*:\([0-9]*\).*/\1/p' "$logfile")
    [[ -n "$blob" && -n "$queue" && -n "$table" ]] && break
    kill -0 "$AZURITE_PID" 2>/dev/null || { cat "$logfile" >&2; echo "Azurite failed to start" >&2; exit 1; }
    sleep 0.1
  done
  [[ -n "$table" ]] || { echo "Azurite did not report its ports" >&2; exit 1; }
  # Azurite's well-known development account key: public, not a secret.
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  AZURE_STORAGE_CONNECTION="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  export AZURE_STORAGE_CONNECTION AZURITE_PID
}
