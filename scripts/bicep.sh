#!/usr/bin/env bash
# Compiles and lints the infrastructure (infra/main.bicep) with the Bicep CLI.
#
# The Bicep CLI comes from NuGet (Azure.Bicep.CommandLine.linux-x64, binary under tools/), restored
# with `dotnet restore` of a throwaway project into the NuGet global packages folder; nothing else is
# downloaded. infra/bicepconfig.json raises the linter's rules to errors, so a warning fails the build.
#
# CI is stricter than `azd up`: infra/bicepconfig.json (which azd's own Bicep reads) keeps
# use-recent-api-versions a warning, because that rule depends on today's date; this script builds and lints
# a copy of infra/ whose bicepconfig.json raises it back to error. Any diagnostic fails it anyway.
#
#   scripts/bicep.sh              restore the CLI if needed, then `bicep build` + `bicep lint` (CI configuration)
#   scripts/bicep.sh --path       restore the CLI if needed and print the path of the binary
#   scripts/bicep.sh --ci-config  print the bicepconfig.json CI lints with
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

# infra/bicepconfig.json with use-recent-api-versions at error: the configuration CI lints with.
azd_rule='"use-recent-api-versions": { "level": "warning" }'
ci_rule='"use-recent-api-versions": { "level": "error" }'
ci_config() {
  local config="$repo_root/infra/bicepconfig.json"
  if ! grep -qF "$azd_rule" "$config"; then
    echo "FAILED: $config does not set $azd_rule" >&2
    exit 1
  fi
  sed "s/$azd_rule/$ci_rule/" "$config"
}

if [[ "${1:-}" == "--ci-config" ]]; then
  ci_config
  exit 0
fi

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

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT
if [[ -n "${BICEP_OUT:-}" ]]; then
  out_dir="$BICEP_OUT"
  mkdir -p "$out_dir"
else
  out_dir="$work_dir/out"
  mkdir -p "$out_dir"
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1

# The copy of infra/ CI checks: the same files, the CI bicepconfig.json.
ci_infra="$work_dir/infra"
mkdir -p "$ci_infra"
cp -R "$repo_root/infra/." "$ci_infra/"
ci_config > "$ci_infra/bicepconfig.json"

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
echo "bicep build infra/main.bicep -> $out_dir/main.json (CI configuration: use-recent-api-versions is an error)"
run_clean build "$ci_infra/main.bicep" --outfile "$out_dir/main.json"
echo "bicep lint infra/main.bicep (CI configuration)"
run_clean lint "$ci_infra/main.bicep"
echo "Bicep: build and lint passed with no diagnostics."
