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

out_dir="${BICEP_OUT:-$(mktemp -d)}"
mkdir -p "$out_dir"
export DOTNET_CLI_TELEMETRY_OPTOUT=1
# The CLI checks nothing online for build and lint of a template without registry modules.
echo "bicep $("$bicep_bin" --version | head -n1)"
echo "bicep build infra/main.bicep -> $out_dir/main.json"
"$bicep_bin" build "$repo_root/infra/main.bicep" --outfile "$out_dir/main.json"
echo "bicep lint infra/main.bicep"
"$bicep_bin" lint "$repo_root/infra/main.bicep"
echo "bicep build-params infra/main.bicepparam" >/dev/null 2>&1 || true
echo "Bicep: build and lint passed"
