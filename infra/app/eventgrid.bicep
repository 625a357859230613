// Event Grid delivers BlobCreated events of the datasets container (a run) and of the scoring container (a
// batch scoring job) to the blob triggers of the function app (BlobTrigger with Source =
// BlobTriggerSource.EventGrid), through the blobs extension's webhook: one subscription per container, since the
// webhook addresses one function.
//
// The system topic on the storage account is created on every provisioning. The subscription is created
// only once the app's code runs (subscriptionEnabled): Event Grid validates a webhook when the
// subscription is created, and both the webhook and its key (the host's blobs_extension system key)
// exist only after the blobs extension has started in a deployed app. The azd postdeploy hook
// (scripts/azd/postdeploy.sh) turns the subscription on and provisions again. The key is read here with
// listKeys() at deployment time: it is never in the repository, a parameter, an output or a script.

import { resourceTags } from '../types.bicep'

@description('Name of the Event Grid system topic of the storage account.')
param systemTopicName string

@description('Azure region of the system topic (the storage account\'s).')
param location string

@description('Tags applied to the system topic.')
param tags resourceTags

@description('Name of the storage account whose blob events are published.')
param storageAccountName string

@description('Container whose new blobs start a run.')
param containerName string

@description('Container whose new blobs start a batch scoring job.')
param scoringContainerName string

@description('Name of the function app that receives the events.')
param functionAppName string

@description('Name of the blob-triggered function ([Function] name) that receives the datasets container\'s events.')
param blobTriggerFunctionName string

@description('Name of the blob-triggered function ([Function] name) that receives the scoring container\'s events.')
param scoringTriggerFunctionName string

@description('Create the subscription; only once the app\'s code is deployed (its webhook answers the validation).')
param subscriptionEnabled bool

@description('Container events that cannot be delivered are dead-lettered to (as blobs), by the topic\'s own identity.')
param deadLetterContainerName string

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource deadLetterContainer 'containers' existing = {
      name: deadLetterContainerName
    }
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: systemTopicName
  location: location
  tags: tags
  // Its own identity writes undeliverable events to the dead-letter container: no key, no SAS.
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

// Storage Blob Data Contributor for the topic's identity, on the dead-letter container only. Created on every
// provisioning, so it exists before the subscription that dead-letters through it.
resource deadLetterWriter 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage::blobService::deadLetterContainer.id, systemTopic.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  scope: storage::blobService::deadLetterContainer
  properties: {
    principalId: systemTopic.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  }
}

@description('The blobs extension\'s webhook; a function is addressed as Host.Functions.<name>.')
var webhook = 'https://${functionApp.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.'

// The host keys are an action on <app>/host/default, which has no resource type to declare: listKeys()
// on its id. Resource Manager evaluates list functions (and reference()) of a conditional resource even when
// its condition is false, and on the first provisioning the key does not exist yet: so the read itself is
// guarded. if() evaluates only the branch its condition selects; the key is read only when the subscriptions are.
@description('The blobs extension\'s system key, read only once the subscriptions are created.')
var webhookKey = subscriptionEnabled ? listKeys('${functionApp.id}/host/default', '2025-03-01').systemKeys.blobs_extension : ''

@description('What each subscription delivers: the container whose new blobs it carries, and the function that receives them.')
var routes = [
  {
    container: containerName
    function: blobTriggerFunctionName
  }
  {
    container: scoringContainerName
    function: scoringTriggerFunctionName
  }
]

resource subscriptions 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = [
  for route in routes: if (subscriptionEnabled) {
    parent: systemTopic
    name: '${route.container}-blob-created'
    properties: {
      eventDeliverySchema: 'EventGridSchema'
      destination: {
        endpointType: 'WebHook'
        properties: {
          endpointUrl: subscriptionEnabled ? '${webhook}${route.function}&code=${webhookKey}' : ''
          maxEventsPerBatch: 1
          preferredBatchSizeInKilobytes: 64
          minimumTlsVersionAllowed: '1.2'
        }
      }
      filter: {
        includedEventTypes: [
          'Microsoft.Storage.BlobCreated'
        ]
        subjectBeginsWith: '/blobServices/default/containers/${route.container}/blobs/'
        isSubjectCaseSensitive: false
      }
      retryPolicy: {
        maxDeliveryAttempts: 30
        eventTimeToLiveInMinutes: 1440
      }
      // After the retries, the event is kept as a blob instead of dropped: the upload can be found and replayed.
      deadLetterWithResourceIdentity: {
        identity: {
          type: 'SystemAssigned'
        }
        deadLetterDestination: {
          endpointType: 'StorageBlob'
          properties: {
            resourceId: storage.id
            blobContainerName: deadLetterContainerName
          }
        }
      }
    }
    dependsOn: [
      deadLetterWriter
    ]
  }
]

@description('Name of the Event Grid system topic.')
output systemTopicName string = systemTopic.name

@description('Names of the event subscriptions, empty until they are enabled.')
output subscriptionNames string[] = [for (route, i) in routes: subscriptionEnabled ? subscriptions[i].name : '']
