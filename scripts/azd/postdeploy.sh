#!/bin/sh
# azd postdeploy hook: the second stage of provisioning.
#
# The Event Grid subscription that delivers dataset uploads to the DatasetUploaded blob trigger can only
# be created once the app's code runs: Event Grid validates the webhook when the subscription is created,
# and the webhook (/runtime/webhooks/blobs) and its key (the host's blobs_extension system key) exist only
# after the blobs extension has started. So the first `azd provision` leaves it out
# (blobEventSubscriptionEnabled=false); after the first deploy this hook turns it on and provisions again.
# Bicep reads the key itself with listKeys() (infra/app/eventgrid.bicep): this script never sees it.
# Later `azd up` runs provision with the subscription on from the start, and this hook does nothing.
set -eu

# On Container Apps (SERVING_HOST=containerapps) there is no such stage: Resource Manager cannot read a container
# app's host keys (listKeys on host/default is a Microsoft.Web action), so the subscription stays off and datasets
# arrive through the API (docs/deploy.md).
host="$(azd env get-value SERVING_HOST 2>/dev/null || true)"
if [ "$host" = "containerapps" ]; then
  echo "Serving on Container Apps: no Event Grid subscription; upload datasets through POST /api/datasets/{model}."
  exit 0
fi

enabled="$(azd env get-value BLOB_EVENT_SUBSCRIPTION_ENABLED 2>/dev/null || true)"
if [ "$enabled" = "true" ]; then
  echo "Event Grid subscription for dataset uploads already enabled."
  exit 0
fi

echo "Enabling the Event Grid subscription for dataset uploads (second provisioning stage)..."
azd env set BLOB_EVENT_SUBSCRIPTION_ENABLED true
if ! azd provision --no-prompt; then
  # Leave the flag off, so the next `azd up` or `azd deploy` tries this stage again.
  azd env set BLOB_EVENT_SUBSCRIPTION_ENABLED false
  echo "Provisioning the Event Grid subscription failed; run 'azd deploy' (or this script) again." >&2
  exit 1
fi
echo "Dataset uploads to the 'datasets' container now start a training run."
