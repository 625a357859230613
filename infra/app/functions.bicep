// The Flex Consumption plan and the function app (dotnet-isolated, .NET 10), with the app settings the
// app reads in Azure. The app runs as the user-assigned managed identity: the deployment package, the
// Functions host storage (AzureWebJobsStorage), Durable Functions and telemetry are all keyless.
//
// App settings are exactly the names the app reads (local.settings.sample.json, host.json's %...%
// references), translated for Azure: AzureWebJobsStorage becomes its identity-based form, and
// FUNCTIONS_WORKER_RUNTIME is not set (Flex Consumption takes the runtime from functionAppConfig and
// rejects that setting). tests/Mlops.Infra.Tests keeps this list, the sample settings and the code in step.

import { resourceTags } from '../types.bicep'

@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app (the app also gets azd-service-name).')
param tags resourceTags

@description('azd service name of the app (azure.yaml services key), put in the azd-service-name tag.')
param serviceName string

@description('Name of the storage account of the app, the Functions host and the deployment package.')
param storageAccountName string

@description('Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Name of the user-assigned managed identity the app runs as.')
param identityName string

@description('Name of the Application Insights component the app exports telemetry to.')
param applicationInsightsName string

@description('.NET version the app targets (functionAppConfig.runtime.version).')
param dotnetVersion string

@description('Memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances of the HTTP functions kept warm (0: the app scales to zero and costs nothing idle).')
@minValue(0)
param alwaysReadyHttpInstances int

@description('Instances of the Durable Functions group (orchestrators, activities) kept warm; 0: none, no compute cost while idle.')
@minValue(0)
param alwaysReadyDurableInstances int

@description('Subnet the app integrates with (the virtual network option): its outbound traffic, storage included, goes through the network. Empty: no integration.')
param virtualNetworkSubnetId string

@description('Durable Functions task hub name (host.json reads %Durable__HubName%).')
param durableHubName string

@description('Longest wait between polls of an idle task hub queue (hh:mm:ss); overrides host.json\'s durableTask.storageProvider.maxQueuePollingInterval.')
param durableMaxQueuePollingInterval string

@description('Ingestion__MaxUploadBytes: largest dataset upload accepted, in bytes.')
param ingestionMaxUploadBytes int

@description('Ingestion__MaxDatasetBytes: largest dataset validated and trained on, in bytes.')
param ingestionMaxDatasetBytes int

@description('Validation__MinRows: fewest data rows a dataset needs to be trained on.')
param validationMinRows int

@description('Validation__MaxMissingFraction: largest fraction of missing values a column may have (decimal).')
param validationMaxMissingFraction string

@description('Training__Seed: seed of every ML.NET context, for reproducible runs.')
param trainingSeed int

@description('Training__HoldoutFraction: fraction of rows held out to evaluate candidates (decimal).')
param trainingHoldoutFraction string

@description('Training__Strategy: search strategy: random search, successive halving or model-based (tpe).')
param trainingStrategy string

@description('Training__MaxTrials: trial budget of a run\'s hyperparameter search.')
param trainingMaxTrials int

@description('Training__MaxSearchSeconds: wall-time budget of a search; no trial starts after it.')
param trainingMaxSearchSeconds int

@description('Training__MaxConcurrentTrials: trials (activities) running at once; they spread over instances.')
param trainingMaxConcurrentTrials int

@description('Training__MemoryBudgetMegabytes: memory training may use for data on one instance.')
param trainingMemoryBudgetMegabytes int

@description('Training__Folds: k of the k-fold cross-validation that scores trials.')
param trainingFolds int

@description('Training__CrossValidationMaxRows: above this many training rows one stratified holdout replaces cross-validation.')
param trainingCrossValidationMaxRows int

@description('Training__SearchMaxRows: the most rows a search trial fits on; beyond it trials fit on a stratified sample and only the winner is refit on all.')
param trainingSearchMaxRows int

@description('Training__Ensemble: after the search, average the winner with another trainer\'s best trial when that beats it on the same folds.')
param trainingEnsemble string

@description('Training__HalvingFactor: successive halving keeps 1/factor of the configurations per rung.')
param trainingHalvingFactor int

@description('Training__HalvingMinRows: fewest training rows a halving rung fits on.')
param trainingHalvingMinRows int

@description('Training__OneHotMaxCardinality: categorical columns with more distinct values are hashed, not one-hot encoded.')
param trainingOneHotMaxCardinality int

@description('Training__WarmStart: a new run of a model with a champion tries the champion\'s configuration and its search\'s best first.')
param trainingWarmStart bool

@description('Serving__AliasRefreshSeconds: how often a serving instance re-reads aliases and traffic splits.')
param servingAliasRefreshSeconds int

@description('Serving__MaxBatchSize: most rows one batch prediction request may carry.')
param servingMaxBatchSize int

@description('Serving__MaxRequestBytes: largest prediction request body, in bytes.')
param servingMaxRequestBytes int

@description('Serving__ShadowBacklog: predict requests one instance holds for the shadow queue.')
param servingShadowBacklog int

@description('Scoring__MaxFileBytes: largest file a batch scoring job takes, in bytes.')
param scoringMaxFileBytes int

@description('Scoring__ChunkRows: rows per chunk of a batch scoring job.')
param scoringChunkRows int

@description('Scoring__MaxConcurrentChunks: chunks one batch scoring job scores at once.')
param scoringMaxConcurrentChunks int

@description('Serving__LogBufferRows: predictions one instance holds on their way to the log.')
param servingLogBufferRows int

@description('Serving__LogWhenFull: wait or drop when the log buffer is full.')
param servingLogWhenFull string

@description('Serving__LogFlushMilliseconds: how often the log buffer is written.')
param servingLogFlushMilliseconds int

@description('Serving__PendingLabelSeconds: how long a label waits for a prediction not yet in the log.')
param servingPendingLabelSeconds int

@description('Recovery__StallSeconds: a run with no orchestration update and no activity heartbeat for this long is restarted by the watchdog.')
param recoveryStallSeconds int

@description('Recovery__HeartbeatSeconds: how often a running activity records that its run is alive.')
param recoveryHeartbeatSeconds int

@description('Recovery__MaxAutomaticRestarts: restarts the watchdog makes on its own before it stops a stalled run as failed.')
param recoveryMaxAutomaticRestarts int

@description('Key Vault secret URI of the webhook signing key (Webhooks__SigningKey, read as a Key Vault reference with the app\'s identity); empty: deliveries are unsigned.')
param webhookSigningKeySecretUri string

@description('Webhooks__Schedule: NCRONTAB of the sweep that catches up every model\'s webhooks.')
param webhooksSchedule string

@description('Webhooks__TimeoutMilliseconds: bound of one HTTP attempt of a delivery.')
param webhooksTimeoutMilliseconds int

@description('Webhooks__MaxRetries: retries of a transient failure within one delivery.')
param webhooksMaxRetries int

@description('Webhooks__RetryDelayMilliseconds: first retry delay within a delivery (doubling, with jitter).')
param webhooksRetryDelayMilliseconds int

@description('Webhooks__BackoffMilliseconds: wait after a failed delivery before the webhook is tried again (doubling per failure).')
param webhooksBackoffMilliseconds int

@description('Webhooks__MaxBackoffMilliseconds: longest wait between tries of a failing webhook.')
param webhooksMaxBackoffMilliseconds int

@description('Webhooks__LeaseSeconds: how long an instance holds a webhook\'s delivery cursor.')
param webhooksLeaseSeconds int

@description('Retention__KeepVersions: the newest versions of each model retention always keeps (aliased versions are kept too).')
param retentionKeepVersions int

@description('Retention__Schedule: when the retention timer deletes old versions (NCRONTAB, six fields, seconds first).')
param retentionSchedule string

@description('Monitoring__Schedule: when the monitoring timer closes each model\'s window.')
param monitoringSchedule string

@description('Dashboard__RequireSignIn: App Service Authentication with Entra ID in front of the app, and the dashboard sends a browser without a session to sign in.')
@allowed(['true', 'false'])
param dashboardSignInEnabled string

@description('The Entra ID app registration people sign in to (application id).')
param dashboardSignInClientId string

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true // Linux
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references in app settings (the webhook signing key) are read as the app's own identity.
    keyVaultReferenceIdentity: identity.id
    // The virtual network option: outbound traffic leaves through the integration subnet, so storage is reached
    // on its private endpoints.
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identity.id
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
        // Per function group ('http', 'durable'); a group with no warm instance is left out.
        alwaysReady: concat(
          alwaysReadyHttpInstances > 0 ? [{ name: 'http', instanceCount: alwaysReadyHttpInstances }] : [],
          alwaysReadyDurableInstances > 0 ? [{ name: 'durable', instanceCount: alwaysReadyDurableInstances }] : []
        )
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }

  resource appSettings 'config' = {
    name: 'appsettings'
    properties: {
      // AzureWebJobsStorage (a connection string locally), identity-based in Azure: the host, the
      // blob trigger and Durable Functions reach blobs, queues and tables as the managed identity.
      AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
      AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
      AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identity.properties.clientId
      // Telemetry: the connection string names the component (it is not a credential); ingestion is
      // authenticated with the managed identity because the component has local authentication off.
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
      Durable__HubName: durableHubName
      // host.json values can be overridden by app settings named AzureFunctionsJobHost__<path>: Flex Consumption is
      // sensitive to Durable's queue polling delay (30 s by default), the guidance is 10 s or less.
      AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval: durableMaxQueuePollingInterval
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
      // Spelt as the app's sample spells it: ARM's string() of a bool is 'True'.
      Training__WarmStart: trainingWarmStart ? 'true' : 'false'
      Serving__AliasRefreshSeconds: string(servingAliasRefreshSeconds)
      Serving__MaxBatchSize: string(servingMaxBatchSize)
      Serving__MaxRequestBytes: string(servingMaxRequestBytes)
      Serving__ShadowBacklog: string(servingShadowBacklog)
      Serving__LogBufferRows: string(servingLogBufferRows)
      Scoring__MaxFileBytes: string(scoringMaxFileBytes)
      Scoring__ChunkRows: string(scoringChunkRows)
      Scoring__MaxConcurrentChunks: string(scoringMaxConcurrentChunks)
      Serving__LogWhenFull: servingLogWhenFull
      Serving__LogFlushMilliseconds: string(servingLogFlushMilliseconds)
      Serving__PendingLabelSeconds: string(servingPendingLabelSeconds)
      Recovery__StallSeconds: string(recoveryStallSeconds)
      Recovery__HeartbeatSeconds: string(recoveryHeartbeatSeconds)
      Recovery__MaxAutomaticRestarts: string(recoveryMaxAutomaticRestarts)
      // A Key Vault reference, resolved by the platform: the key itself is never in a setting or a template.
      Webhooks__SigningKey: empty(webhookSigningKeySecretUri) ? '' : '@Microsoft.KeyVault(SecretUri=${webhookSigningKeySecretUri})'
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
    }
  }

  // The platform's sign-in (EasyAuth) for the dashboard. Anonymous requests still pass (AllowAnonymous): keyed callers,
  // the Event Grid webhook and the health probe keep working as before; a request with a sign-in session or an Entra
  // bearer token reaches the app with the platform's x-ms-client-principal header (the platform drops one a client
  // sends), and the dashboard function sends a browser without a session to /.auth/login/aad. Nothing secret is kept: the
  // sign-in asks only for an ID token (docs/deploy.md).
  resource authSettings 'config' = if (dashboardSignInEnabled == 'true') {
    name: 'authsettingsV2'
    properties: {
      platform: {
        enabled: true
      }
      globalValidation: {
        requireAuthentication: false
        unauthenticatedClientAction: 'AllowAnonymous'
      }
      httpSettings: {
        requireHttps: true
      }
      login: {
        tokenStore: {
          enabled: false
        }
      }
      identityProviders: {
        azureActiveDirectory: {
          enabled: true
          registration: {
            clientId: dashboardSignInClientId
            openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
          }
          validation: {
            allowedAudiences: [
              dashboardSignInClientId
              'api://${dashboardSignInClientId}'
            ]
          }
        }
      }
    }
  }

  // azd deploys with an Entra ID token; publishing with basic (user name) credentials stays off.
  resource scmBasicAuth 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }

  resource ftpBasicAuth 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }
}

@description('Name of the function app.')
output name string = functionApp.name

@description('Host name of the function app, e.g. func-xyz.azurewebsites.net.')
output defaultHostName string = functionApp.properties.defaultHostName
