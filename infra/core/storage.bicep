// The one storage account of the product: the app's data (datasets, models, quarantine, tables), the
// Functions host and Durable Functions (AzureWebJobsStorage: blobs, queues, tables of the task hub) and
// the Flex Consumption deployment package. Keyless: shared keys are off, callers use Entra ID.

import { resourceTags } from '../types.bicep'

@description('Name of the storage account (3-24 lower-case letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region of the account.')
param location string

@description('Tags applied to the account.')
param tags resourceTags

@description('Blob containers to create (data containers and the deployment package container).')
param containerNames string[]

@description('Days a deleted blob (a dataset, a model artifact) can be restored (blob soft delete).')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int

@description('Days a deleted container can be restored (container soft delete).')
@minValue(1)
@maxValue(365)
param containerSoftDeleteDays int

@description('Days the change feed (every blob change, for audit) is kept.')
@minValue(1)
@maxValue(146000)
param changeFeedRetentionDays int

@description('Days an overwritten blob\'s previous versions are kept before the lifecycle policy deletes them.')
@minValue(1)
@maxValue(3650)
param previousVersionRetentionDays int

@description('Days a quarantined dataset and its report are kept before the lifecycle policy deletes them.')
@minValue(1)
@maxValue(3650)
param quarantineRetentionDays int

@description('Name of the quarantine container, whose blobs expire after quarantineRetentionDays.')
param quarantineContainerName string

@description('Days the prediction log\'s segments are kept before the lifecycle policy deletes them.')
@minValue(1)
@maxValue(3650)
param predictionRetentionDays int

@description('Name of the container of the prediction log, whose segments expire after predictionRetentionDays.')
param predictionsContainerName string

@description('Days a typed copy of a dataset is kept after it is written before the lifecycle policy deletes it (training writes it again when needed).')
@minValue(1)
@maxValue(3650)
param columnarRetentionDays int

@description('Name of the container of the typed copies of datasets, whose blobs expire after columnarRetentionDays.')
param columnarContainerName string

@description('Refuse traffic from the internet (the virtual network option): callers come through private endpoints; trusted Azure services (Event Grid\'s dead-lettering, Azure Monitor) still reach the account.')
param publicNetworkRestricted bool

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: publicNetworkRestricted ? 'Deny' : 'Allow'
    }
  }

  // Data protection: an overwritten or deleted artifact can be restored, and every change is in the change feed.
  // Versions and soft-deleted blobs are billed as stored data while kept; the lifecycle rules below bound that.
  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      isVersioningEnabled: true
      changeFeed: {
        enabled: true
        retentionInDays: changeFeedRetentionDays
      }
      deleteRetentionPolicy: {
        enabled: true
        days: blobSoftDeleteDays
      }
      containerDeleteRetentionPolicy: {
        enabled: true
        days: containerSoftDeleteDays
      }
    }

    resource containers 'containers' = [
      for containerName in containerNames: {
        name: containerName
        properties: {
          publicAccess: 'None'
        }
      }
    ]
  }

  // Quarantined uploads, logged predictions and typed copies of datasets expire; previous versions of any blob expire (the current ones stay until the app deletes them).
  resource lifecycle 'managementPolicies' = {
    name: 'default'
    properties: {
      policy: {
        rules: [
          {
            name: 'quarantine-expiry'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: ['blockBlob']
                prefixMatch: ['${quarantineContainerName}/']
              }
              actions: {
                baseBlob: {
                  delete: {
                    daysAfterModificationGreaterThan: quarantineRetentionDays
                  }
                }
              }
            }
          }
          {
            name: 'prediction-log-expiry'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: ['blockBlob']
                prefixMatch: ['${predictionsContainerName}/']
              }
              actions: {
                baseBlob: {
                  delete: {
                    daysAfterModificationGreaterThan: predictionRetentionDays
                  }
                }
              }
            }
          }
          {
            name: 'columnar-copy-expiry'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: ['blockBlob']
                prefixMatch: ['${columnarContainerName}/']
              }
              actions: {
                baseBlob: {
                  delete: {
                    daysAfterModificationGreaterThan: columnarRetentionDays
                  }
                }
              }
            }
          }
          {
            name: 'previous-versions-expiry'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: ['blockBlob']
              }
              actions: {
                version: {
                  delete: {
                    daysAfterCreationGreaterThan: previousVersionRetentionDays
                  }
                }
              }
            }
          }
        ]
      }
    }
  }

  // Durable Functions (Azure Storage backend) keeps its control and work-item queues here.
  resource queueService 'queueServices' = {
    name: 'default'
  }

  // Durable's history and instance tables, and the app's registry tables.
  resource tableService 'tableServices' = {
    name: 'default'
  }
}

@description('Name of the storage account.')
output name string = storage.name

@description('Resource id of the storage account.')
output id string = storage.id

@description('Blob endpoint, e.g. https://<account>.blob.core.windows.net/.')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Queue endpoint.')
output queueEndpoint string = storage.properties.primaryEndpoints.queue

@description('Table endpoint.')
output tableEndpoint string = storage.properties.primaryEndpoints.table
