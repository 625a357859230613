// Everything the MLOps Functions app needs in Azure, provisioned by `azd up` (or `azd provision`):
// a resource group with a Flex Consumption function app (.NET 10 isolated worker; or, with servingHost
// 'containerapps', the same app as a container on Azure Container Apps) running as a user-assigned managed identity, one keyless storage account (datasets, models, quarantine, tables,
// Durable Functions, deployment package), Event Grid delivering dataset uploads to the blob trigger,
// and Log Analytics + Application Insights for OpenTelemetry. See README.md, "Deploy to Azure".

targetScope = 'subscription'

import { appSettings as appSettingsType, resourceTags } from 'types.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Azure region of every resource; it must offer the Flex Consumption plan. The allowed list is the regions that do (`az functionapp list-flexconsumption-locations`), so azd offers only those and a wrong region fails at the prompt; add a region here when Flex Consumption reaches it.')
@allowed([
  'australiaeast'
  'australiasoutheast'
  'brazilsouth'
  'canadacentral'
  'centralindia'
  'centralus'
  'eastasia'
  'eastus'
  'eastus2'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'japaneast'
  'koreacentral'
  'northcentralus'
  'northeurope'
  'norwayeast'
  'southafricanorth'
  'southcentralus'
  'southeastasia'
  'southindia'
  'spaincentral'
  'swedencentral'
  'uaenorth'
  'uksouth'
  'ukwest'
  'westcentralus'
  'westeurope'
  'westus'
  'westus2'
  'westus3'
])
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Name of the resource group; empty: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Object id of the principal running azd (azd passes AZURE_PRINCIPAL_ID): it gets Storage Blob Data Contributor on the storage account, so datasets can be uploaded with an Entra ID sign-in right after `azd up`. Empty: no role for anyone but the app.')
param principalId string = ''

@description('Kind of that principal: User when a person runs azd, ServicePrincipal in a pipeline (azd passes AZURE_PRINCIPAL_TYPE).')
@allowed([
  'User'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Create the Event Grid subscription that delivers dataset uploads to the app. Off on the very first provisioning (no code deployed yet); the azd postdeploy hook turns it on and provisions again.')
param blobEventSubscriptionEnabled bool = false

@description('Memory of each function app instance, in MB (ML.NET training is the heaviest work).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the function app scales out to (a cost ceiling).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Always-ready instances for the HTTP functions; 0 scales to zero (no compute cost while idle).')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

@description('Always-ready instances for the Durable Functions group (orchestrators, activities, entities). The documented guidance on Flex Consumption is 1: an orchestration never waits for a cold start between activities. 0 (the default) keeps the promise of no compute cost while idle; 1 bills one instance of instanceMemoryMB around the clock at the always-ready baseline rate.')
@minValue(0)
@maxValue(20)
param alwaysReadyDurableInstances int = 0

@description('Longest wait between polls of an idle Durable Functions task hub queue (hh:mm:ss), set through AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval. Durable\'s default is 30 s; the Flex Consumption guidance is 10 s or less. Shorter: less latency between steps, more queue transactions while an instance runs.')
@minLength(8)
@maxLength(8)
param durableMaxQueuePollingInterval string = '00:00:10'

@description('Put storage behind a virtual network: private endpoints for its blob, queue and table services, the app\'s outbound traffic through the network, and storage refusing traffic from the internet (trusted Azure services such as Event Grid excepted). Off by default: the private endpoints and DNS zones bill by the hour.')
param vnetEnabled bool = false

@description('Send resource logs and metrics of storage (blob, queue, table), the function app and the Event Grid system topic to the Log Analytics workspace. Ingestion is billed per GB, within the workspace\'s daily cap.')
param diagnosticSettingsEnabled bool = true

@description('Also send StorageRead logs of the blob, queue and table services (writes and deletes are always sent when diagnostic settings are on). Off: Durable Functions polls its queues all the time an instance runs, which would be most of the volume.')
param storageReadLogsEnabled bool = false

@description('Create the alert rules: the workspace\'s daily cap reached, Event Grid delivery failures, dead-lettered uploads.')
param alertsEnabled bool = true

@description('E-mail address the alerts are sent to (an action group). Empty: alerts fire and show in Azure Monitor only.')
param alertEmailAddress string = ''

@description('Where the Functions app runs. flexconsumption: Flex Consumption, nothing to pay while idle, cold starts after idle periods. containerapps: the app as a container (src/Mlops.Functions/Dockerfile) on Azure Container Apps with servingMinReplicas always-warm replicas, billed around the clock, for latency budgets that cannot take a cold start. See docs/deploy.md.')
@allowed([
  'flexconsumption'
  'containerapps'
])
param servingHost string = 'flexconsumption'

@description('containerapps only: replicas kept running at all times (at least 1: Durable Functions on its Azure Storage task hub needs a running replica there, the platform does not scale on it).')
@minValue(1)
@maxValue(1000)
param servingMinReplicas int = 1

@description('containerapps only: most replicas the app scales out to (a cost ceiling); at least servingMinReplicas.')
@minValue(1)
@maxValue(1000)
param servingMaxReplicas int = 10

@description('containerapps only: the app\'s image, which azd records after each deploy (SERVICE_FUNCTIONS_CONTAINER_IMAGE_NAME) so that provisioning again keeps it. Empty: a placeholder until azd deploys the image.')
param servingContainerImageName string = ''

@description('Ingestion__MaxUploadBytes: largest dataset upload accepted, in bytes.')
@minValue(1)
param ingestionMaxUploadBytes int = 104857600

@description('Ingestion__MaxDatasetBytes: largest dataset validated and trained on, whichever way it came (a file dropped into the datasets container may be much larger than an upload), in bytes.')
@minValue(1)
param ingestionMaxDatasetBytes int = 4294967296

@description('Validation__MinRows: fewest data rows a dataset needs to be trained on.')
@minValue(1)
param validationMinRows int = 20

@description('Validation__MaxMissingFraction: largest fraction of missing values a column may have (a decimal in [0, 1]).')
param validationMaxMissingFraction string = '0.5'

@description('Training__Seed: seed of every ML.NET context, for reproducible runs.')
param trainingSeed int = 42

@description('Training__HoldoutFraction: fraction of rows held out to evaluate candidates (a decimal in (0, 1)).')
param trainingHoldoutFraction string = '0.2'

@description('Training__Strategy: search strategy: random search, successive halving or model-based (tpe).')
@allowed(['random', 'halving', 'tpe'])
param trainingStrategy string = 'random'

@description('Training__MaxTrials: trial budget of a run\'s hyperparameter search.')
@minValue(1)
@maxValue(500)
param trainingMaxTrials int = 12

@description('Training__MaxSearchSeconds: wall-time budget of a search; no trial starts after it.')
@minValue(10)
param trainingMaxSearchSeconds int = 1200

@description('Training__MaxConcurrentTrials: trials (activities) running at once; they spread over instances.')
@minValue(1)
@maxValue(64)
param trainingMaxConcurrentTrials int = 2

@description('Training__MemoryBudgetMegabytes: memory training may use for data on one instance; rows beyond it are trained on as a stratified sample.')
@minValue(64)
@maxValue(1048576)
param trainingMemoryBudgetMegabytes int = 1024

@description('Training__Folds: k of the k-fold cross-validation that scores trials.')
@minValue(2)
@maxValue(20)
param trainingFolds int = 5

@description('Training__CrossValidationMaxRows: above this many training rows one stratified holdout replaces cross-validation.')
@minValue(100)
param trainingCrossValidationMaxRows int = 20000

@description('Training__SearchMaxRows: the most rows a search trial fits on; beyond it trials fit on a stratified sample and only the winner is refit on all.')
@minValue(1000)
param trainingSearchMaxRows int = 100000

@description('Training__Ensemble: after the search, average the winner with another trainer\'s best trial when that beats it on the same folds.')
@allowed(['true', 'false'])
param trainingEnsemble string = 'true'

@description('Training__HalvingFactor: successive halving keeps 1/factor of the configurations per rung.')
@minValue(2)
@maxValue(10)
param trainingHalvingFactor int = 3

@description('Training__HalvingMinRows: fewest training rows a halving rung fits on.')
@minValue(10)
param trainingHalvingMinRows int = 100

@description('Training__OneHotMaxCardinality: categorical columns with more distinct values are hashed, not one-hot encoded.')
@minValue(2)
param trainingOneHotMaxCardinality int = 100

@description('Training__WarmStart: a new run of a model with a champion tries the champion\'s configuration and its search\'s best first.')
param trainingWarmStart bool = true

@description('Serving__AliasRefreshSeconds: how often a serving instance re-reads aliases and traffic splits.')
@minValue(1)
param servingAliasRefreshSeconds int = 5

@description('Serving__MaxBatchSize: most rows one batch prediction request may carry.')
@minValue(1)
param servingMaxBatchSize int = 1000

@description('Serving__MaxRequestBytes: largest prediction request body, in bytes.')
@minValue(1)
param servingMaxRequestBytes int = 1048576

@description('Serving__ShadowBacklog: predict requests one instance holds for the shadow queue; beyond it shadow rows are dropped, never waited for.')
@minValue(1)
@maxValue(1000000)
param servingShadowBacklog int = 10000

@description('Scoring__MaxFileBytes: largest file a batch scoring job takes, in bytes; a larger one is refused with its size and the limit.')
@minValue(1)
param scoringMaxFileBytes int = 4294967296

@description('Scoring__ChunkRows: rows per chunk of a batch scoring job (each chunk is one activity).')
@minValue(100)
@maxValue(1000000)
param scoringChunkRows int = 50000

@description('Scoring__MaxConcurrentChunks: chunks one batch scoring job scores at once.')
@minValue(1)
@maxValue(64)
param scoringMaxConcurrentChunks int = 4

@description('Serving__LogBufferRows: predictions one instance holds on their way to the log.')
@minValue(100)
@maxValue(10000000)
param servingLogBufferRows int = 100000

@description('Serving__LogWhenFull: wait (back-pressure) or drop (answered, not logged, counted) when the log buffer is full.')
@allowed([
  'wait'
  'drop'
])
param servingLogWhenFull string = 'wait'

@description('Serving__LogFlushMilliseconds: how often the log buffer is written; a crash loses at most one interval and a batch.')
@minValue(10)
@maxValue(60000)
param servingLogFlushMilliseconds int = 1000

@description('Serving__PendingLabelSeconds: how long a label waits for a prediction not yet in the log.')
@minValue(1)
@maxValue(86400)
param servingPendingLabelSeconds int = 600

@description('Recovery__StallSeconds: a run with no orchestration update and no activity heartbeat for this long is restarted by the watchdog.')
@minValue(60)
@maxValue(86400)
param recoveryStallSeconds int = 900

@description('Recovery__HeartbeatSeconds: how often a running activity records that its run is alive.')
@minValue(5)
@maxValue(600)
param recoveryHeartbeatSeconds int = 30

@description('Recovery__MaxAutomaticRestarts: restarts the watchdog makes on its own before it stops a stalled run as failed.')
@minValue(0)
@maxValue(10)
param recoveryMaxAutomaticRestarts int = 2

@description('Webhooks__SigningKey as a Key Vault reference: the URI of a secret (https://{vault}.vault.azure.net/secrets/{name}) the app\'s identity may read (Key Vault Secrets User). Empty: webhook deliveries are unsigned.')
param webhookSigningKeySecretUri string = ''

@description('Webhooks__Schedule: NCRONTAB (six fields) of the sweep that catches up every model\'s webhooks.')
param webhooksSchedule string = '0 */1 * * * *'

@description('Webhooks__TimeoutMilliseconds: bound of one HTTP attempt of a webhook delivery.')
@minValue(1)
@maxValue(120000)
param webhooksTimeoutMilliseconds int = 10000

@description('Webhooks__MaxRetries: retries of a transient failure (5xx, 408, 429, timeout, refused connection) within one delivery.')
@minValue(1)
@maxValue(10)
param webhooksMaxRetries int = 2

@description('Webhooks__RetryDelayMilliseconds: first retry delay within a delivery; it doubles each retry, with jitter.')
@minValue(1)
@maxValue(60000)
param webhooksRetryDelayMilliseconds int = 1000

@description('Webhooks__BackoffMilliseconds: wait after a failed delivery before the webhook is tried again; doubles per failure in a row.')
@minValue(1)
param webhooksBackoffMilliseconds int = 30000

@description('Webhooks__MaxBackoffMilliseconds: longest wait between tries of a failing webhook.')
@minValue(1)
param webhooksMaxBackoffMilliseconds int = 3600000

@description('Webhooks__LeaseSeconds: how long an instance holds a webhook\'s delivery cursor; must exceed the longest delivery of one event.')
@minValue(5)
@maxValue(3600)
param webhooksLeaseSeconds int = 120

@description('Days a deleted blob (dataset, model artifact) can be restored: blob soft delete. Deleted data is billed as stored while kept.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 14

@description('Days a deleted container can be restored: container soft delete.')
@minValue(1)
@maxValue(365)
param containerSoftDeleteDays int = 14

@description('Days the blob change feed (an audit trail of every blob change) is kept.')
@minValue(1)
@maxValue(146000)
param changeFeedRetentionDays int = 90

@description('Days previous versions of overwritten blobs are kept (blob versioning is on); billed as stored data meanwhile.')
@minValue(1)
@maxValue(3650)
param previousVersionRetentionDays int = 30

@description('Days a quarantined dataset and its report are kept before the lifecycle policy deletes them.')
@minValue(1)
@maxValue(3650)
param quarantineRetentionDays int = 30

@description('Days the prediction log\'s segments (every served prediction, with its features) are kept before the lifecycle policy deletes them; monitoring and retraining read the recent ones.')
@minValue(1)
@maxValue(3650)
param predictionRetentionDays int = 90

@description('Days the typed copies of datasets that training reads (the columnar container) are kept after they are written; a run that needs an expired copy parses its dataset once and writes it again.')
@minValue(1)
@maxValue(3650)
param columnarRetentionDays int = 30

@description('Retention__KeepVersions: the newest versions of each model retention always keeps (aliased versions are kept too).')
@minValue(1)
@maxValue(100000)
param retentionKeepVersions int = 10

@description('Retention__Schedule: when the retention timer deletes old versions (NCRONTAB, six fields, seconds first).')
param retentionSchedule string = '0 30 3 * * *'

@description('Monitoring__Schedule: when the monitoring timer closes each model\'s window (NCRONTAB, six fields, seconds first).')
param monitoringSchedule string = '0 5 * * * *'

@description('DASHBOARD_SIGN_IN_ENABLED: Entra ID sign-in (App Service Authentication) in front of the dashboard at /api/ui/, so no key is ever typed into a browser (docs/deploy.md, "Dashboard sign-in"). Needs DASHBOARD_SIGN_IN_CLIENT_ID. Dashboard__RequireSignIn in the app.')
@allowed(['true', 'false'])
param dashboardSignInEnabled string = 'false'

@description('DASHBOARD_SIGN_IN_CLIENT_ID: the application (client) id of the Entra ID app registration people sign in to; not a secret.')
param dashboardSignInClientId string = ''

@description('Resource name prefixes (Cloud Adoption Framework abbreviations).')
var abbrs = loadJsonContent('abbreviations.json')

@description('Stable per subscription, environment and region: makes globally unique names.')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

@description('azd finds the environment\'s resources by this tag.')
var tags resourceTags = { 'azd-env-name': environmentName }

@description('azd service name of the function app, the key under services in azure.yaml.')
var serviceName = 'functions'

@description('azd service name of the app when it runs on Container Apps (azure.yaml deploys one or the other).')
var containerServiceName = 'functions-container'

@description('The app runs on Flex Consumption (the default), else on Container Apps.')
var onFlexConsumption = servingHost == 'flexconsumption'

@description('Names of every resource, derived from the environment so that provisioning is repeatable.')
var names = {
  resourceGroup: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourceGroup}${environmentName}'
  identity: '${abbrs.managedIdentity}${abbrs.functionApp}${resourceToken}'
  storage: '${abbrs.storageAccount}${resourceToken}'
  logAnalytics: '${abbrs.logAnalyticsWorkspace}${resourceToken}'
  applicationInsights: '${abbrs.appInsights}${resourceToken}'
  plan: '${abbrs.flexConsumptionPlan}${resourceToken}'
  functionApp: '${abbrs.functionApp}${resourceToken}'
  systemTopic: '${abbrs.eventGridSystemTopic}${resourceToken}'
  virtualNetwork: '${abbrs.virtualNetwork}${resourceToken}'
  containerAppsEnvironment: '${abbrs.containerAppsEnvironment}${resourceToken}'
  containerRegistry: '${abbrs.containerRegistry}${resourceToken}'
}

@description('Blob containers of the product (names are part of its public contract, see ARCHITECTURE.md).')
var containers = {
  datasets: 'datasets'
  models: 'models'
  quarantine: 'quarantine'
  predictions: 'predictions'
  columnar: 'columnar'
  scoring: 'scoring'
  scored: 'scored'
  deploymentPackage: 'app-package-${resourceToken}'
  deadLetter: 'deadletter'
}

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'core/identity.bicep' = {
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module storage 'core/storage.bicep' = {
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    containerNames: [
      containers.datasets
      containers.models
      containers.quarantine
      containers.predictions
      containers.columnar
      containers.scoring
      containers.scored
      containers.deploymentPackage
      containers.deadLetter
    ]
    blobSoftDeleteDays: blobSoftDeleteDays
    containerSoftDeleteDays: containerSoftDeleteDays
    changeFeedRetentionDays: changeFeedRetentionDays
    previousVersionRetentionDays: previousVersionRetentionDays
    quarantineRetentionDays: quarantineRetentionDays
    quarantineContainerName: containers.quarantine
    predictionRetentionDays: predictionRetentionDays
    predictionsContainerName: containers.predictions
    columnarRetentionDays: columnarRetentionDays
    columnarContainerName: containers.columnar
    publicNetworkRestricted: vnetEnabled
  }
}

module network 'core/network.bicep' = if (vnetEnabled) {
  scope: rg
  params: {
    name: names.virtualNetwork
    location: location
    tags: tags
    storageAccountName: names.storage
    addressPrefix: '10.0.0.0/16'
    appSubnetPrefix: '10.0.1.0/24'
    privateEndpointSubnetPrefix: '10.0.2.0/24'
  }
  dependsOn: [
    storage
  ]
}

module monitoring 'core/monitoring.bicep' = {
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  scope: rg
  params: {
    identityName: names.identity
    storageAccountName: names.storage
    applicationInsightsName: names.applicationInsights
    deployerPrincipalId: principalId
    deployerPrincipalType: principalType
  }
  dependsOn: [
    identity
    storage
    monitoring
  ]
}

module functions 'app/functions.bicep' = if (onFlexConsumption) {
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    serviceName: serviceName
    storageAccountName: names.storage
    deploymentContainerName: containers.deploymentPackage
    identityName: names.identity
    applicationInsightsName: names.applicationInsights
    dotnetVersion: '10.0'
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    alwaysReadyDurableInstances: alwaysReadyDurableInstances
    virtualNetworkSubnetId: vnetEnabled ? network!.outputs.appSubnetId : ''
    durableHubName: 'MlopsHub'
    durableMaxQueuePollingInterval: durableMaxQueuePollingInterval
    ingestionMaxUploadBytes: ingestionMaxUploadBytes
    ingestionMaxDatasetBytes: ingestionMaxDatasetBytes
    validationMinRows: validationMinRows
    validationMaxMissingFraction: validationMaxMissingFraction
    trainingSeed: trainingSeed
    trainingHoldoutFraction: trainingHoldoutFraction
    trainingStrategy: trainingStrategy
    trainingMaxTrials: trainingMaxTrials
    trainingMaxSearchSeconds: trainingMaxSearchSeconds
    trainingMaxConcurrentTrials: trainingMaxConcurrentTrials
    trainingMemoryBudgetMegabytes: trainingMemoryBudgetMegabytes
    trainingFolds: trainingFolds
    trainingCrossValidationMaxRows: trainingCrossValidationMaxRows
    trainingSearchMaxRows: trainingSearchMaxRows
    trainingEnsemble: trainingEnsemble
    trainingHalvingFactor: trainingHalvingFactor
    trainingHalvingMinRows: trainingHalvingMinRows
    trainingOneHotMaxCardinality: trainingOneHotMaxCardinality
    trainingWarmStart: trainingWarmStart
    servingAliasRefreshSeconds: servingAliasRefreshSeconds
    servingMaxBatchSize: servingMaxBatchSize
    servingMaxRequestBytes: servingMaxRequestBytes
    servingShadowBacklog: servingShadowBacklog
    scoringMaxFileBytes: scoringMaxFileBytes
    scoringChunkRows: scoringChunkRows
    scoringMaxConcurrentChunks: scoringMaxConcurrentChunks
    servingLogBufferRows: servingLogBufferRows
    servingLogWhenFull: servingLogWhenFull
    servingLogFlushMilliseconds: servingLogFlushMilliseconds
    servingPendingLabelSeconds: servingPendingLabelSeconds
    recoveryStallSeconds: recoveryStallSeconds
    recoveryHeartbeatSeconds: recoveryHeartbeatSeconds
    recoveryMaxAutomaticRestarts: recoveryMaxAutomaticRestarts
    webhookSigningKeySecretUri: webhookSigningKeySecretUri
    webhooksSchedule: webhooksSchedule
    webhooksTimeoutMilliseconds: webhooksTimeoutMilliseconds
    webhooksMaxRetries: webhooksMaxRetries
    webhooksRetryDelayMilliseconds: webhooksRetryDelayMilliseconds
    webhooksBackoffMilliseconds: webhooksBackoffMilliseconds
    webhooksMaxBackoffMilliseconds: webhooksMaxBackoffMilliseconds
    webhooksLeaseSeconds: webhooksLeaseSeconds
    retentionKeepVersions: retentionKeepVersions
    retentionSchedule: retentionSchedule
    monitoringSchedule: monitoringSchedule
    dashboardSignInEnabled: dashboardSignInEnabled
    dashboardSignInClientId: dashboardSignInClientId
  }
  // The app starts with its roles in place: it reads its package and storage as the identity.
  dependsOn: [
    rbac
  ]
}

@description('The app\'s own settings as the Container Apps option sets them; the Flex Consumption app sets the same in app/functions.bicep (ContainerAppsTests keeps the two in step).')
var appSettings appSettingsType = {
  Ingestion__MaxUploadBytes: string(ingestionMaxUploadBytes)
  Ingestion__MaxDatasetBytes: string(ingestionMaxDatasetBytes)
  Validation__MinRows: string(validationMinRows)
  Validation__MaxMissingFraction: validationMaxMissingFraction
  Training__Seed: string(trainingSeed)
  Training__HoldoutFraction: trainingHoldoutFraction
  Training__Strategy: trainingStrategy
  Training__MaxTrials: string(trainingMaxTrials)
  Training__MaxSearchSeconds: string(trainingMaxSearchSeconds)
  Training__MaxConcurrentTrials: string(trainingMaxConcurrentTrials)
  Training__MemoryBudgetMegabytes: string(trainingMemoryBudgetMegabytes)
  Training__Folds: string(trainingFolds)
  Training__CrossValidationMaxRows: string(trainingCrossValidationMaxRows)
  Training__SearchMaxRows: string(trainingSearchMaxRows)
  Training__Ensemble: trainingEnsemble
  Training__HalvingFactor: string(trainingHalvingFactor)
  Training__HalvingMinRows: string(trainingHalvingMinRows)
  Training__OneHotMaxCardinality: string(trainingOneHotMaxCardinality)
  Training__WarmStart: trainingWarmStart ? 'true' : 'false'
  Serving__AliasRefreshSeconds: string(servingAliasRefreshSeconds)
  Serving__MaxBatchSize: string(servingMaxBatchSize)
  Serving__MaxRequestBytes: string(servingMaxRequestBytes)
  Serving__ShadowBacklog: string(servingShadowBacklog)
  Serving__LogBufferRows: string(servingLogBufferRows)
  Serving__LogWhenFull: servingLogWhenFull
  Serving__LogFlushMilliseconds: string(servingLogFlushMilliseconds)
  Serving__PendingLabelSeconds: string(servingPendingLabelSeconds)
  Recovery__StallSeconds: string(recoveryStallSeconds)
  Recovery__HeartbeatSeconds: string(recoveryHeartbeatSeconds)
  Recovery__MaxAutomaticRestarts: string(recoveryMaxAutomaticRestarts)
  Webhooks__Schedule: webhooksSchedule
  Webhooks__TimeoutMilliseconds: string(webhooksTimeoutMilliseconds)
  Webhooks__MaxRetries: string(webhooksMaxRetries)
  Webhooks__RetryDelayMilliseconds: string(webhooksRetryDelayMilliseconds)
  Webhooks__BackoffMilliseconds: string(webhooksBackoffMilliseconds)
  Webhooks__MaxBackoffMilliseconds: string(webhooksMaxBackoffMilliseconds)
  Webhooks__LeaseSeconds: string(webhooksLeaseSeconds)
  Retention__KeepVersions: string(retentionKeepVersions)
  Retention__Schedule: retentionSchedule
  Monitoring__Schedule: monitoringSchedule
  Dashboard__RequireSignIn: dashboardSignInEnabled
  Scoring__MaxFileBytes: string(scoringMaxFileBytes)
  Scoring__ChunkRows: string(scoringChunkRows)
  Scoring__MaxConcurrentChunks: string(scoringMaxConcurrentChunks)
}

module containerApps 'app/containerapps.bicep' = if (!onFlexConsumption) {
  scope: rg
  params: {
    name: names.functionApp
    environmentName: names.containerAppsEnvironment
    registryName: names.containerRegistry
    location: location
    tags: tags
    serviceName: containerServiceName
    storageAccountName: names.storage
    identityName: names.identity
    applicationInsightsName: names.applicationInsights
    logAnalyticsName: names.logAnalytics
    diagnosticSettingsEnabled: diagnosticSettingsEnabled
    minReplicas: servingMinReplicas
    maxReplicas: servingMaxReplicas
    instanceMemoryMB: instanceMemoryMB
    imageName: servingContainerImageName
    targetPort: 8080
    appSettings: appSettings
    durableHubName: 'MlopsHub'
    durableMaxQueuePollingInterval: durableMaxQueuePollingInterval
    webhookSigningKeySecretUri: webhookSigningKeySecretUri
    dashboardSignInEnabled: dashboardSignInEnabled
    dashboardSignInClientId: dashboardSignInClientId
  }
  // The app starts with its storage and telemetry roles in place, as on Flex Consumption.
  dependsOn: [
    rbac
  ]
}

module eventGrid 'app/eventgrid.bicep' = {
  scope: rg
  params: {
    systemTopicName: names.systemTopic
    location: location
    tags: tags
    storageAccountName: names.storage
    containerName: containers.datasets
    scoringContainerName: containers.scoring
    functionAppName: names.functionApp
    blobTriggerFunctionName: 'DatasetUploaded'
    scoringTriggerFunctionName: 'ScoringUploaded'
    subscriptionEnabled: blobEventSubscriptionEnabled
    deadLetterContainerName: containers.deadLetter
  }
  dependsOn: [
    storage
    functions
  ]
}

module observability 'app/observability.bicep' = {
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    storageAccountName: names.storage
    functionAppName: names.functionApp
    functionAppDiagnosticsEnabled: onFlexConsumption
    systemTopicName: names.systemTopic
    diagnosticSettingsEnabled: diagnosticSettingsEnabled
    storageReadLogsEnabled: storageReadLogsEnabled
    alertsEnabled: alertsEnabled
    alertEmailAddress: alertEmailAddress
  }
  dependsOn: [
    monitoring
    eventGrid
  ]
}

// Outputs azd stores in the environment (.azure/<env>/.env): used by azd deploy, the hooks and the README.
@description('Region of the deployment.')
output AZURE_LOCATION string = location

@description('Tenant of the subscription.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group holding everything.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Name of the function app (azd service "functions"), or of the container app (service "functions-container").')
output AZURE_FUNCTION_APP_NAME string = onFlexConsumption ? functions!.outputs.name : containerApps!.outputs.name

@description('Base URL of the deployed API.')
output SERVICE_FUNCTIONS_URI string = onFlexConsumption
  ? 'https://${functions!.outputs.defaultHostName}'
  : 'https://${containerApps!.outputs.fqdn}'

@description('Where the app runs (servingHost): flexconsumption or containerapps.')
output SERVING_HOST string = servingHost

@description('azure.yaml deploys the Flex Consumption service (functions) only when this is true.')
output SERVICE_FUNCTIONS_ENABLED bool = onFlexConsumption

@description('azure.yaml deploys the container service (functions-container) only when this is true.')
output SERVICE_FUNCTIONS_CONTAINER_ENABLED bool = !onFlexConsumption

@description('Registry azd pushes the container service\'s image to (empty on Flex Consumption).')
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = onFlexConsumption ? '' : containerApps!.outputs.registryLoginServer

@description('Storage account holding datasets, models and the registry.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Blob endpoint of the storage account.')
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint

@description('Container users upload datasets to.')
output AZURE_DATASETS_CONTAINER string = containers.datasets

@description('Event Grid system topic of the storage account.')
output AZURE_EVENTGRID_SYSTEM_TOPIC string = eventGrid.outputs.systemTopicName

@description('Whether dataset uploads are delivered to the app yet (see blobEventSubscriptionEnabled).')
output BLOB_EVENT_SUBSCRIPTION_ENABLED bool = blobEventSubscriptionEnabled
