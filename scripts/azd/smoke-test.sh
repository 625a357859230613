#!/bin/sh
# Smoke test of a deployment, run by the deploy workflow after `azd deploy` (or by hand after `azd up`), keyless:
#   1. GET /api/health answers 200 (waiting out the cold start of a scaled-to-zero app);
#   2. a tiny dataset (samples/iris.csv, rows shuffled so its content, and so its run, is new) uploaded into the
#      datasets container with the caller's Entra ID sign-in (the deployer's blob role) goes all the way through:
#      Event Grid, the blob trigger, the Durable pipeline, and a registered version whose manifest names it.
# It reads no function key: predict and the admin routes need keys, which delivery scripts never read. With
# VNET_ENABLED=true storage refuses the runner, so only step 1 runs.
#
# Needs: azd (a deployed environment), az (signed in), curl.
# SMOKE_MODEL (default smoke-test): the model the dataset trains. SMOKE_TIMEOUT_SECONDS (default 1800).
set -eu

model="${SMOKE_MODEL:-smoke-test}"
timeout="${SMOKE_TIMEOUT_SECONDS:-1800}"
samples="$(dirname "$0")/../../samples/iris.csv"

eval "$(azd env get-values)"
: "${SERVICE_FUNCTIONS_URI:?run after azd provision}" "${AZURE_STORAGE_ACCOUNT_NAME:?}"

echo "1/2 health: $SERVICE_FUNCTIONS_URI/api/health"
attempt=0
until [ "$(curl -s -o /dev/null -w '%{http_code}' "$SERVICE_FUNCTIONS_URI/api/health")" = "200" ]; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 30 ]; then
    echo "FAILED: /api/health did not answer 200 within 5 minutes." >&2
    exit 1
  fi
  sleep 10
done

if [ "${VNET_ENABLED:-false}" = "true" ]; then
  echo "Storage is behind the virtual network: the upload step is skipped. Smoke test passed (health only)."
  exit 0
fi

blob="$model/smoke-$(date -u +%Y%m%d%H%M%S).csv"
dataset="$(mktemp)"
trap 'rm -f "$dataset"' EXIT
head -n 1 "$samples" > "$dataset"
tail -n +2 "$samples" | shuf >> "$dataset"

echo "2/2 upload datasets/$blob and wait for the version it trains"
# A role assignment made by this provisioning can take a few minutes to apply: retry the upload meanwhile.
attempt=0
until az storage blob upload --auth-mode login --account-name "$AZURE_STORAGE_ACCOUNT_NAME" \
  -c datasets -n "$blob" -f "$dataset" --only-show-errors > /dev/null; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 10 ]; then
    echo "FAILED: could not upload datasets/$blob (does this principal hold Storage Blob Data Contributor?)." >&2
    exit 1
  fi
  sleep 30
done
waited=0
while :; do
  for manifest in $(az storage blob list --auth-mode login --account-name "$AZURE_STORAGE_ACCOUNT_NAME" -c models \
    --prefix "$model/" --query "[?ends_with(name, '/manifest.json')].name" -o tsv --only-show-errors); do
    if az storage blob download --auth-mode login --account-name "$AZURE_STORAGE_ACCOUNT_NAME" -c models \
      -n "$manifest" -f /dev/stdout --only-show-errors 2>/dev/null | grep -qF "$blob"; then
      echo "Smoke test passed: $blob trained and registered ${manifest%/manifest.json}."
      exit 0
    fi
  done
  if [ -n "$(az storage blob list --auth-mode login --account-name "$AZURE_STORAGE_ACCOUNT_NAME" -c quarantine \
    --prefix "$blob" --query '[].name' -o tsv --only-show-errors)" ]; then
    echo "FAILED: datasets/$blob was quarantined (see the quarantine container)." >&2
    exit 1
  fi
  if [ "$waited" -ge "$timeout" ]; then
    echo "FAILED: no version trained on datasets/$blob after ${timeout}s." >&2
    exit 1
  fi
  sleep 20
  waited=$((waited + 20))
done
