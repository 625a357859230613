// The Container Apps serving option (servingHost 'containerapps' in main.bicep): the same Functions app, built as a
// container (src/Mlops.Functions/Dockerfile), on Azure Container Apps with a minimum of always-warm replicas, for
// latency budgets that cannot take a cold start.
//
// The app is a native Functions container app (Microsoft.App/containerApps, kind 'functionapp'): the model the
// Container Apps documentation recommends for new deployments (the older Microsoft.Web/sites model with a
// managedEnvironmentId is a proxy over a hidden container app), and the resource azd's `host: containerapp` deploys
// images to. It runs as the same user-assigned identity with the same settings as the Flex Consumption app, keyless:
// identity-based AzureWebJobsStorage, Entra ID telemetry, images pulled from the registry with the identity
// (AcrPull, no admin user), the environment's logs sent to the workspace by a diagnostic setting (no shared key).

import { appSettings as appSettingsType, resourceTags } from '../types.bicep'

@description('Name of the container app (the function app).')
param name string

@description('Name of the Container Apps managed environment.')
param environmentName string

@description('Name of the container registry the app\'s image is pushed to and pulled from (5-50 letters and digits).')
param registryName string

@description('Azure region of every resource here.')
param location string

@description('Tags applied to every resource here (the app also gets azd-service-name).')
param tags resourceTags

@description('azd service name of the app (azure.yaml services key), put in the azd-service-name tag.')
param serviceName string

@description('Name of the storage account of the app and the Functions host.')
param storageAccountName string

@description('Name of the user-assigned managed identity the app runs as.')
param identityName string

@description('Name of the Application Insights component the app exports telemetry to.')
param applicationInsightsName string

@description('Name of the Log Analytics workspace the environment\'s logs go to.')
param logAnalyticsName string

@description('Send the environment\'s console and system logs to the workspace.')
param diagnosticSettingsEnabled bool

@description('Replicas kept running at all times: no request waits for a cold start, and Durable Functions (Azure Storage provider, which Container Apps does not scale on) always has an instance to run on.')
@minValue(1)
@maxValue(1000)
param minReplicas int

@description('Most replicas the app scales out to (a cost ceiling); at least minReplicas.')
@minValue(1)
@maxValue(1000)
param maxReplicas int

@description('Memory of each replica, in MB, as on Flex Consumption; the CPU follows at the Consumption profile\'s ratio (1 vCPU per 2 GiB).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('The app\'s image (azd sets SERVICE_FUNCTIONS_CONTAINER_IMAGE_NAME after its first deploy). Empty: the Functions base image, a host with no functions, until azd deploys ours.')
param imageName string

@description('Port the host listens on in the image (ASPNETCORE_URLS in the Dockerfile).')
param targetPort int

@description('The app\'s own settings (Ingestion__*, Training__*, Serving__*, ...), the same values the Flex Consumption app gets.')
param appSettings appSettingsType

@description('Durable Functions task hub name (host.json reads %Durable__HubName%).')
param durableHubName string

@description('Longest wait between polls of an idle task hub queue (hh:mm:ss); overrides host.json.')
param durableMaxQueuePollingInterval string

@description('Key Vault secret URI of the webhook signing key (read with the app\'s identity); empty: deliveries are unsigned.')
param webhookSigningKeySecretUri string

@description('Dashboard__RequireSignIn: Container Apps authentication with Entra ID in front of the app, and the dashboard sends a browser without a session to sign in.')
@allowed(['true', 'false'])
param dashboardSignInEnabled string

@description('Application (client) id of the Entra ID app registration people sign in to; not a secret.')
param dashboardSignInClientId string

@description('The image before azd has deployed ours: the official host the Dockerfile builds on.')
var placeholderImage = 'mcr.microsoft.com/azure-functions/dotnet-isolated:4-dotnet-isolated10.0'

@description('CPU and memory of a replica for each instance size (the Consumption profile allows these pairs).')
var sizes = {
  '512': { cpu: '0.25', memory: '0.5Gi' }
  '2048': { cpu: '1.0', memory: '2Gi' }
  '4096': { cpu: '2.0', memory: '4Gi' }
}

@description('Name of the Container Apps secret holding the webhook signing key, when there is one.')
var signingKeySecret = 'webhook-signing-key'

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: logAnalyticsName
}

// Basic is enough for one app's images; the admin user stays off: the app pulls with its identity, azd pushes
// with the deployer's Entra ID sign-in.
resource registry 'Microsoft.ContainerRegistry/registries@2025-11-01' = {
  name: registryName
  location: location
  tags: tags
  sku: {
    name: 'Basic'
  }
  properties: {
    adminUserEnabled: false
    anonymousPullEnabled: false
  }
}

// AcrPull for the app's identity, on this registry only.
resource acrPull 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(registry.id, identity.id, '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  scope: registry
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')
  }
}

// Logs go to Azure Monitor and from there, by the diagnostic setting below, to the workspace: the 'log-analytics'
// destination would need the workspace's shared key in the template.
resource environment 'Microsoft.App/managedEnvironments@2025-07-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: {
      destination: 'azure-monitor'
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
    ]
  }
}

#disable-next-line use-recent-api-versions // the version every diagnostic setting here uses (infra/README.md, Observability)
resource environmentDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (diagnosticSettingsEnabled) {
  name: 'to-log-analytics'
  scope: environment
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'ContainerAppConsoleLogs'
        enabled: true
      }
      {
        category: 'ContainerAppSystemLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'AllMetrics'
        enabled: true
      }
    ]
  }
}

@description('Every setting of the app: the Flex Consumption app\'s, plus what a container needs that Flex Consumption sets itself.')
var settings = union(appSettings, {
  // AzureWebJobsStorage, identity-based as on Flex Consumption: the host, the blob trigger and Durable Functions
  // reach blobs, queues and tables as the managed identity.
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  Durable__HubName: durableHubName
  AzureFunctionsJobHost__extensions__durableTask__storageProvider__maxQueuePollingInterval: durableMaxQueuePollingInterval
  // Flex Consumption takes the runtime from its configuration and rejects this setting; a container reads it.
  FUNCTIONS_WORKER_RUNTIME: 'dotnet-isolated'
  // The host's keys (function keys for predict and feedback, the master key) outlive replicas in the storage account,
  // as on Flex Consumption; the container's default, its own file system, loses them on every restart.
  AzureWebJobsSecretStorageType: 'blob'
  // Empty (unsigned deliveries) unless a Key Vault secret is given: then a Container Apps secret read from Key Vault
  // with the identity (below), the container-side form of the Key Vault reference the Flex Consumption app gets.
  Webhooks__SigningKey: ''
})

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    managedEnvironmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: targetPort
        transport: 'auto'
        allowInsecure: false
      }
      // The webhook signing key, read from Key Vault by the platform with the app's identity; never in the template.
      secrets: empty(webhookSigningKeySecretUri)
        ? []
        : [
            {
              name: signingKeySecret
              keyVaultUrl: webhookSigningKeySecretUri
              identity: identity.id
            }
          ]
      registries: [
        {
          server: registry.properties.loginServer
          identity: identity.id
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'functions'
          image: empty(imageName) ? placeholderImage : imageName
          // map(), not a for-expression: the settings hold values Azure knows only during the deployment.
          env: map(
            items(settings),
            setting =>
              setting.key == 'Webhooks__SigningKey' && !empty(webhookSigningKeySecretUri)
                ? { name: setting.key, secretRef: signingKeySecret }
                : { name: setting.key, value: setting.value }
          )
          resources: {
            cpu: json(sizes[string(instanceMemoryMB)].cpu)
            memory: sizes[string(instanceMemoryMB)].memory
          }
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
      }
    }
  }
  // The first revision pulls from the registry as the identity: its role must be in place.
  dependsOn: [
    acrPull
  ]
}

// The platform's sign-in for the dashboard, as authsettingsV2 gives the Flex Consumption app: anonymous requests still
// pass (keyed callers, the blob trigger's webhook, the health probe), the platform adds x-ms-client-principal only for
// a valid session or bearer token, and nothing secret is kept (ID tokens only, no token store).
resource authConfig 'Microsoft.App/containerApps/authConfigs@2025-07-01' = if (dashboardSignInEnabled == 'true') {
  parent: app
  name: 'current'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
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
          openIdIssuer: '${az.environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
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

@description('Name of the container app.')
output name string = app.name

@description('Host name of the app\'s ingress, e.g. func-xyz.<environment>.<region>.azurecontainerapps.io.')
output fqdn string = app.properties.configuration.ingress.fqdn

@description('Login server of the registry azd pushes the image to, e.g. crxyz.azurecr.io.')
output registryLoginServer string = registry.properties.loginServer

@description('Name of the registry.')
output registryName string = registry.name
