// The user-assigned managed identity the function app runs as: it reads the deployment package, reaches
// storage (blobs, queues, tables) and sends telemetry to Application Insights. No keys anywhere.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags applied to the identity.')
param tags resourceTags

import { resourceTags } from '../types.bicep'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity (assigned to the function app).')
output id string = identity.id

@description('Client id of the identity (AzureWebJobsStorage__clientId, Application Insights authentication).')
output clientId string = identity.properties.clientId

@description('Principal (object) id of the identity, the target of every role assignment.')
output principalId string = identity.properties.principalId
