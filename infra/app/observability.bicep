// What a platform team watches, in the Log Analytics workspace the app's telemetry already goes to:
// diagnostic settings of the storage services (blob, queue, table), the function app and the Event Grid system
// topic; an alert when the workspace reaches its daily ingestion cap; alerts on Event Grid delivery failures and
// dead-lettered events. An action group mails the alerts when an address is given; without one they still fire
// and show in Azure Monitor. See infra/README.md, "Observability", for what each costs and how to turn it off.

import { resourceTags } from '../types.bicep'

@description('Azure region of the log search alert rule (the workspace\'s).')
param location string

@description('Tags applied to the alert rules and the action group.')
param tags resourceTags

@description('Name of the Log Analytics workspace every diagnostic setting sends to.')
param logAnalyticsName string

@description('Name of the storage account whose blob, queue and table services are logged.')
param storageAccountName string

@description('Name of the function app.')
param functionAppName string

@description('The app is a Microsoft.Web site (Flex Consumption) whose host log is sent; on Container Apps the environment\'s diagnostic setting (app/containerapps.bicep) sends the app\'s logs instead.')
param functionAppDiagnosticsEnabled bool

@description('Name of the Event Grid system topic of the storage account.')
param systemTopicName string

@description('Send resource logs and metrics to the workspace (diagnostic settings).')
param diagnosticSettingsEnabled bool

@description('Also send StorageRead logs (every read, the Durable queues\' polling included); writes and deletes are always sent.')
param storageReadLogsEnabled bool

@description('Create the alert rules (daily cap reached, Event Grid delivery failures and dead-lettered events; a run failed, drift detected, retraining budget spent).')
param alertsEnabled bool

@description('E-mail address the alerts are sent to; empty: no action group, alerts only show in Azure Monitor.')
param alertEmailAddress string

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2026-03-01' existing = {
  name: logAnalyticsName
}

resource storage 'Microsoft.Storage/storageAccounts@2026-06-01' existing = {
  name: storageAccountName

  resource blobService 'blobServices' existing = {
    name: 'default'
  }

  resource queueService 'queueServices' existing = {
    name: 'default'
  }

  resource tableService 'tableServices' existing = {
    name: 'default'
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

@description('The storage logs and the transaction metrics, the same for each storage service.')
var storageDiagnostics = {
  workspaceId: logAnalytics.id
  logs: concat(
    [
      {
        category: 'StorageWrite'
        enabled: true
      }
      {
        category: 'StorageDelete'
        enabled: true
      }
    ],
    storageReadLogsEnabled
      ? [
          {
            category: 'StorageRead'
            enabled: true
          }
        ]
      : []
  )
  metrics: [
    {
      category: 'Transaction'
      enabled: true
    }
  ]
}

// Diagnostic settings use 2021-05-01-preview, the version that supports every current option and the one the
// Azure Verified Modules use; the only stable version the linter offers, 2016-09-01, predates most of them.

// Storage: who wrote or deleted a dataset, an artifact, a registry row (reads are off by default: the Durable
// queues are polled all the time an instance runs).
#disable-next-line use-recent-api-versions // see the note on diagnostic settings above
resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (diagnosticSettingsEnabled) {
  name: 'to-log-analytics'
  scope: storage::blobService
  properties: storageDiagnostics
}

#disable-next-line use-recent-api-versions // see the note on diagnostic settings above
resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (diagnosticSettingsEnabled) {
  name: 'to-log-analytics'
  scope: storage::queueService
  properties: storageDiagnostics
}

#disable-next-line use-recent-api-versions // see the note on diagnostic settings above
resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (diagnosticSettingsEnabled) {
  name: 'to-log-analytics'
  scope: storage::tableService
  properties: storageDiagnostics
}

// The Functions host's own log (FunctionAppLogs) and the platform metrics of the app.
#disable-next-line use-recent-api-versions // see the note on diagnostic settings above
resource functionAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (diagnosticSettingsEnabled && functionAppDiagnosticsEnabled) {
  name: 'to-log-analytics'
  scope: functionApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'FunctionAppLogs'
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

// Event Grid: every failed delivery of a dataset upload, with its reason, and the topic's metrics.
#disable-next-line use-recent-api-versions // see the note on diagnostic settings above
resource systemTopicDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (diagnosticSettingsEnabled) {
  name: 'to-log-analytics'
  scope: systemTopic
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'DeliveryFailures'
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

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (alertsEnabled && !empty(alertEmailAddress)) {
  name: 'ag-${functionAppName}'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'mlops'
    enabled: true
    emailReceivers: [
      {
        name: 'operator'
        emailAddress: alertEmailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

@description('Whether the alerts mail someone: the action group exists.')
var mailed = alertsEnabled && !empty(alertEmailAddress)

// The workspace stops ingesting for the rest of the day once its cap is reached (the app's telemetry included):
// the documented way to hear about it is a log search alert on the OverQuota operation in _LogOperation.
resource dailyCapReached 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = if (alertsEnabled) {
  name: 'alert-daily-cap-${logAnalyticsName}'
  location: location
  tags: tags
  properties: {
    displayName: 'Log Analytics daily cap reached'
    description: 'The workspace reached its daily ingestion cap: telemetry and diagnostic logs are dropped until the cap resets.'
    severity: 2
    enabled: true
    scopes: [
      logAnalytics.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: '_LogOperation | where Category =~ "Ingestion" | where Detail has "OverQuota"'
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: {
      actionGroups: mailed ? [actionGroup.id] : []
    }
  }
}

// A delivery to the app's webhook failed (it is retried for a day, then dead-lettered).
resource deliveryFailures 'Microsoft.Insights/metricAlerts@2026-01-01' = if (alertsEnabled) {
  name: 'alert-delivery-failures-${systemTopicName}'
  location: 'global'
  tags: tags
  properties: {
    description: 'Event Grid failed to deliver dataset uploads to the app\'s blob trigger.'
    severity: 2
    enabled: true
    scopes: [
      systemTopic.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'delivery-attempt-failures'
          metricNamespace: 'Microsoft.EventGrid/systemTopics'
          metricName: 'DeliveryAttemptFailCount'
          timeAggregation: 'Total'
          operator: 'GreaterThan'
          threshold: 0
        }
      ]
    }
    autoMitigate: true
    actions: mailed ? [{ actionGroupId: actionGroup.id }] : []
  }
}

// An upload that never started a run: its event is in the dead-letter container.
resource deadLettered 'Microsoft.Insights/metricAlerts@2026-01-01' = if (alertsEnabled) {
  name: 'alert-dead-lettered-${systemTopicName}'
  location: 'global'
  tags: tags
  properties: {
    description: 'Event Grid gave up delivering a dataset upload and dead-lettered it: that upload started no run.'
    severity: 1
    enabled: true
    scopes: [
      systemTopic.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT1H'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'dead-lettered-events'
          metricNamespace: 'Microsoft.EventGrid/systemTopics'
          metricName: 'DeadLetteredCount'
          timeAggregation: 'Total'
          operator: 'GreaterThan'
          threshold: 0
        }
      ]
    }
    autoMitigate: true
    actions: mailed ? [{ actionGroupId: actionGroup.id }] : []
  }
}

// The product's own alerts read the metrics the app exports to Application Insights, which land in the workspace's
// AppMetrics table (a row per export interval, the counter's tags in Properties). Each rule sums the counter over its
// window and fires once per model (the Model dimension), so one failing model does not hide another.

// A training run ended failed (mlops.runs, outcome "failed"; quarantined data is not a failure of the product).
resource runFailed 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = if (alertsEnabled) {
  name: 'alert-run-failed-${functionAppName}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'MLOps run failed'
    description: 'A training run of the model in the Model dimension failed; GET /api/runs?model={model} names the stage and the reason.'
    severity: 1
    enabled: true
    scopes: [
      logAnalytics.id
    ]
    evaluationFrequency: 'PT15M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [
        {
          query: 'AppMetrics | where Name == "mlops.runs" and tostring(Properties.outcome) == "failed" | extend Model = tostring(Properties.model)'
          metricMeasureColumn: 'Sum'
          timeAggregation: 'Total'
          dimensions: [
            {
              name: 'Model'
              operator: 'Include'
              values: ['*']
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: {
      actionGroups: mailed ? [actionGroup.id] : []
    }
  }
}

// A monitoring window declared drift (mlops.monitoring.detections, kind "drift"): declared once per episode, after k
// windows, so this does not repeat while the drift lasts.
resource driftDetected 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = if (alertsEnabled) {
  name: 'alert-drift-detected-${functionAppName}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'MLOps drift detected'
    description: 'Monitoring declared drift for the model in the Model dimension; GET /api/models/{model}/monitoring shows the features and what was done.'
    severity: 2
    enabled: true
    scopes: [
      logAnalytics.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'AppMetrics | where Name == "mlops.monitoring.detections" and tostring(Properties.kind) == "drift" | extend Model = tostring(Properties.model)'
          metricMeasureColumn: 'Sum'
          timeAggregation: 'Total'
          dimensions: [
            {
              name: 'Model'
              operator: 'Include'
              values: ['*']
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: {
      actionGroups: mailed ? [actionGroup.id] : []
    }
  }
}

// A detection could not retrain because the month's budget is spent (mlops.monitoring.actions, kind "alert", cause
// "budget"): the model keeps serving as it is until someone raises the budget or retrains by hand.
resource retrainBudgetSpent 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = if (alertsEnabled) {
  name: 'alert-retrain-budget-${functionAppName}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: 'MLOps retraining budget spent'
    description: 'Monitoring wanted to retrain the model in the Model dimension, but its monthly retraining budget is spent; raise monitoring.monthlyRetrainBudget in its spec or start a run by hand.'
    severity: 2
    enabled: true
    scopes: [
      logAnalytics.id
    ]
    evaluationFrequency: 'PT1H'
    windowSize: 'PT1H'
    criteria: {
      allOf: [
        {
          query: 'AppMetrics | where Name == "mlops.monitoring.actions" and tostring(Properties.kind) == "alert" and tostring(Properties.cause) == "budget" | extend Model = tostring(Properties.model)'
          metricMeasureColumn: 'Sum'
          timeAggregation: 'Total'
          dimensions: [
            {
              name: 'Model'
              operator: 'Include'
              values: ['*']
            }
          ]
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: false
    actions: {
      actionGroups: mailed ? [actionGroup.id] : []
    }
  }
}
