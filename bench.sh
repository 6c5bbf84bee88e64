#!/usr/bin/env bash
# The benchmark and the fault drill: starts its own Azurite and LocalHost processes, prints a Markdown table
# (also written to .local/bench/results.md). `./bench.sh --drill-only` runs only the fault drill;
# `./bench.sh --no-drill` only the measurements; `./bench.sh --smoke` the short version test.sh runs.
set -euo pipefail
source "$(dirname "$0")/scripts/common.sh"
cd "$ROOT"
trap sweep_pids EXIT INT TERM
require_tools
install_azurite
log "build (Release)"
dotnet build Koperasi.Functions.sln -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet tests/Koperasi.Bench/bin/Release/net10.0/Koperasi.Bench.dll "$@"
