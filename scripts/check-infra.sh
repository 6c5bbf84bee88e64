#!/usr/bin/env bash
# Builds every Bicep file under infra/ to ARM JSON in .local/infra/ and lints it; fails on any warning or error.
# The Bicep CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64 (pinned in Directory.Packages.props,
# restored through infra/tools/BicepCli.csproj): NuGet is the only place CI may download it from.
# tests/Koperasi.Functions.Tests/Infra reads .local/infra/main.json.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$ROOT"

PACKAGES="$ROOT/.local/bicep-packages"
OUT="$ROOT/.local/infra"
VERSION=$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
[[ -n "$VERSION" ]] || { echo "Azure.Bicep.CommandLine.linux-x64 has no version in Directory.Packages.props" >&2; exit 1; }
BICEP="$PACKAGES/azure.bicep.commandline.linux-x64/$VERSION/tools/bicep"

if [[ ! -x "$BICEP" ]]; then
  log "restoring the Bicep CLI $VERSION (NuGet)"
  dotnet restore infra/tools/BicepCli.csproj --packages "$PACKAGES" -nologo -v quiet
  [[ -f "$BICEP" ]] || { echo "the package has no tools/bicep at $BICEP" >&2; exit 1; }
  chmod +x "$BICEP"
fi

log "infra: bicep build and lint ($("$BICEP" --version))"
rm -rf "$OUT" && mkdir -p "$OUT"
mapfile -t files < <(find infra -name '*.bicep' -not -path 'infra/tools/*' | sort)
[[ ${#files[@]} -gt 0 ]] || { echo "no .bicep files under infra/" >&2; exit 1; }

# Bicep prints diagnostics on stderr and exits 0 on warnings: any diagnostic line fails the check.
problems=0
for file in "${files[@]}"; do
  rel="${file#infra/}"
  mkdir -p "$OUT/$(dirname "$rel")"
  for step in build lint; do
    if [[ $step == build ]]; then
      output=$("$BICEP" build "$file" --outfile "$OUT/${rel%.bicep}.json" 2>&1) && status=0 || status=$?
    else
      output=$("$BICEP" lint "$file" 2>&1) && status=0 || status=$?
    fi
    if [[ $status -ne 0 || -n "$output" ]]; then
      echo "bicep $step $file (exit $status):" >&2
      [[ -n "$output" ]] && echo "$output" >&2
      problems=$((problems + 1))
    fi
  done
done
[[ $problems -eq 0 ]] || { echo "infra check failed: $problems problem(s)" >&2; exit 1; }
echo "infra: ${#files[@]} Bicep file(s) built to .local/infra and linted clean" >&2
