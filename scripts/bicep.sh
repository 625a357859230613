#!/usr/bin/env bash
# Compiles and lints the infrastructure (infra/main.bicep) with the Bicep CLI.
#
# The Bicep CLI comes from NuGet (Azure.Bicep.CommandLine.linux-x64, binary under tools/), restored
# with `dotnet restore` of a throwaway project into the NuGet global packages folder; nothing else is
# downloaded. infra/bicepconfig.json raises the linter's rules to errors, so a warning fails the build.
#
#   scripts/bicep.sh            restore the CLI if needed, then `bicep build` + `bicep lint`
#   scripts/bicep.sh --path     restore the CLI if needed and print the path of the binary
#
# BICEP_OUT (optional): folder for the compiled main.json (default: a temporary folder).
set -euo pipefail

BICEP_VERSION="0.49.2"
BICEP_PACKAGE="Azure.Bicep.CommandLine.linux-x64"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages_dir="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep_bin="$packages_dir/$(echo "$BICEP_PACKAGE" | tr '[:upper:]' '[:lower:]')/$BICEP_VERSION/tools/bicep"

restore_bicep() {
  local work
  work="$(mktemp -d)"
  # Outside the repository, so its Directory.*.props (central versions, analyzers) do not apply.
  cat > "$work/BicepTool.csproj" <<PROJ
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$BICEP_PACKAGE" Version="[$BICEP_VERSION]" />
  </ItemGroup>
</Project>
PROJ
  echo "Restoring $BICEP_PACKAGE $BICEP_VERSION from NuGet" >&2
  dotnet restore "$work/BicepTool.csproj" --verbosity quiet >&2
  rm -rf "$work"
}

# Tests run in parallel may ask at the same time: one restore at a time.
exec 9>"${TMPDIR:-/tmp}/mlops-bicep-restore.lock"
flock 9
if [[ ! -x "$bicep_bin" ]]; then
  restore_bicep
  chmod +x "$bicep_bin"
fi
flock -u 9

if [[ "${1:-}" == "--path" ]]; then
  echo "$bicep_bin"
  exit 0
fi

if [[ -n "${BICEP_OUT:-}" ]]; then
  out_dir="$BICEP_OUT"
  mkdir -p "$out_dir"
else
  out_dir="$(mktemp -d)"
  trap 'rm -rf "$out_dir"' EXIT
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1

# Runs one bicep command; any diagnostic it prints (a compiler warning included) fails the check.
run_clean() {
  local output status=0
  output="$("$bicep_bin" "$@" 2>&1)" || status=$?
  if [[ $status -ne 0 || -n "$output" ]]; then
    echo "$output" >&2
    echo "FAILED: bicep $* (exit $status)" >&2
    exit 1
  fi
}

echo "$("$bicep_bin" --version)"
echo "bicep build infra/main.bicep -> $out_dir/main.json"
run_clean build "$repo_root/infra/main.bicep" --outfile "$out_dir/main.json"
echo "bicep lint infra/main.bicep"
run_clean lint "$repo_root/infra/main.bicep"
echo "Bicep: build and lint passed with no diagnostics."
