// The roles the function app's managed identity needs, and nothing else, plus one data role for the person (or
// pipeline) running azd. Names are guid(scope, principal, role), so re-provisioning is idempotent.

@description('Name of the storage account the app uses.')
param storageAccountName string

@description('Name of the Application Insights component the app sends telemetry to.')
param applicationInsightsName string

@description('Name of the function app\'s user-assigned managed identity, the only principal given roles here.')
param identityName string

@description('Object id of the principal running azd (AZURE_PRINCIPAL_ID); empty: no role for it.')
param deployerPrincipalId string

@description('Kind of that principal: User (a person) or ServicePrincipal (a pipeline).')
@allowed([
  'User'
  'ServicePrincipal'
])
param deployerPrincipalType string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

// Built-in role definition ids, the same in every tenant.

// Storage Blob Data Owner: datasets, models, quarantine, the host's blobs (leases, keys) and the
// deployment package.
resource blobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  }
}

// Storage Queue Data Contributor: Durable Functions control and work-item queues (task hub MlopsHub).
resource queueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '974c5e8b-45b9-4653-ba55-5f855dd0fb88')
  }
}

// Storage Table Data Contributor: Durable Functions history and instance tables, the model registry and
// the app's other tables.
resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3')
  }
}

// Monitoring Metrics Publisher: keyless (Entra ID) telemetry ingestion into Application Insights.
resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, identity.id, '3913510d-42f4-4e42-8a64-420c390055eb')
  scope: applicationInsights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4e42-8a64-420c390055eb')
  }
}

// Storage Blob Data Contributor for whoever runs azd: shared keys are off, so uploading a dataset with
// `az storage blob upload --auth-mode login` (the README's walk-through) needs a data role. Blobs only: the
// deployer cannot touch the registry tables or the Durable queues. Only when azd passes a principal.
resource deployerBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  name: guid(storage.id, deployerPrincipalId, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: storage
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  }
}
