# azd postdeploy hook (Windows): the second stage of provisioning. See postdeploy.sh for the why.
$ErrorActionPreference = 'Stop'

# On Container Apps there is no such stage (postdeploy.sh says why): datasets arrive through the API.
$servingHost = (azd env get-value SERVING_HOST 2>$null)
if ($LASTEXITCODE -eq 0 -and $servingHost -eq 'containerapps') {
    Write-Host 'Serving on Container Apps: no Event Grid subscription; upload datasets through POST /api/datasets/{model}.'
    exit 0
}

$enabled = (azd env get-value BLOB_EVENT_SUBSCRIPTION_ENABLED 2>$null)
if ($LASTEXITCODE -eq 0 -and $enabled -eq 'true') {
    Write-Host 'Event Grid subscription for dataset uploads already enabled.'
    exit 0
}

Write-Host 'Enabling the Event Grid subscription for dataset uploads (second provisioning stage)...'
azd env set BLOB_EVENT_SUBSCRIPTION_ENABLED true
azd provision --no-prompt
if ($LASTEXITCODE -ne 0) {
    # Leave the flag off, so the next `azd up` or `azd deploy` tries this stage again.
    azd env set BLOB_EVENT_SUBSCRIPTION_ENABLED false
    Write-Error "Provisioning the Event Grid subscription failed; run 'azd deploy' (or this script) again."
    exit 1
}
Write-Host "Dataset uploads to the 'datasets' container now start a training run."
