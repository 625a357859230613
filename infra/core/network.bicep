// The virtual network option (vnetEnabled in main.bicep, off by default), for teams that may not expose storage
// publicly: a virtual network with a subnet the function app's outbound traffic goes through (Flex Consumption
// virtual network integration, delegated to Microsoft.App/environments) and a subnet of private endpoints for
// the storage account's blob, queue and table services, each with its private DNS zone linked to the network.
// With it, storage refuses traffic from the internet (main.bicep sets its network rules); the app reaches it
// through the private endpoints. Nothing here exists unless the option is on.

import { resourceTags } from '../types.bicep'

@description('Name of the virtual network.')
param name string

@description('Azure region of the network and the private endpoints.')
param location string

@description('Tags applied to every resource here.')
param tags resourceTags

@description('Name of the storage account the private endpoints connect to.')
param storageAccountName string

@description('Address space of the virtual network.')
param addressPrefix string

@description('Address range of the subnet the function app integrates with (at least a /27; a /24 leaves room to scale out).')
param appSubnetPrefix string

@description('Address range of the subnet of the private endpoints.')
param privateEndpointSubnetPrefix string

@description('Storage services the app uses, one private endpoint and DNS zone each: blobs (data, models, the host, the package), queues and tables (Durable Functions, the registry).')
var storageServices = [
  'blob'
  'queue'
  'table'
]

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName
}

resource vnet 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'private-endpoints'
        properties: {
          addressPrefix: privateEndpointSubnetPrefix
          privateEndpointNetworkPolicies: 'Disabled'
        }
      }
    ]
  }

  resource appSubnet 'subnets' existing = {
    name: 'app'
  }

  resource privateEndpointSubnet 'subnets' existing = {
    name: 'private-endpoints'
  }
}

// privatelink.<service>.core.windows.net (the cloud's storage suffix): inside the network, the account's usual
// host names resolve to the private endpoints, so the app's settings do not change.
resource dnsZones 'Microsoft.Network/privateDnsZones@2024-06-01' = [
  for service in storageServices: {
    name: 'privatelink.${service}.${environment().suffixes.storage}'
    location: 'global'
    tags: tags
  }
]

resource dnsZoneLinks 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = [
  for (service, i) in storageServices: {
    parent: dnsZones[i]
    name: name
    location: 'global'
    tags: tags
    properties: {
      registrationEnabled: false
      virtualNetwork: {
        id: vnet.id
      }
    }
  }
]

resource privateEndpoints 'Microsoft.Network/privateEndpoints@2025-05-01' = [
  for service in storageServices: {
    name: 'pe-${storageAccountName}-${service}'
    location: location
    tags: tags
    properties: {
      subnet: {
        id: vnet::privateEndpointSubnet.id
      }
      privateLinkServiceConnections: [
        {
          name: service
          properties: {
            privateLinkServiceId: storage.id
            groupIds: [
              service
            ]
          }
        }
      ]
    }
  }
]

resource privateDnsZoneGroups 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2025-05-01' = [
  for (service, i) in storageServices: {
    parent: privateEndpoints[i]
    name: 'default'
    properties: {
      privateDnsZoneConfigs: [
        {
          name: service
          properties: {
            privateDnsZoneId: dnsZones[i].id
          }
        }
      ]
    }
  }
]

@description('Resource id of the subnet the function app integrates with (its outbound traffic goes through it).')
output appSubnetId string = vnet::appSubnet.id
