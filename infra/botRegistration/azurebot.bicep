// The Azure Bot registration: tells the Bot Framework where the bot's messaging endpoint is and which identity
// it uses, and connects it to Microsoft Teams. Single tenant, signed in with the user-assigned managed identity.

@description('Name of the Azure Bot resource.')
param botServiceName string

@maxLength(42)
@description('Display name of the Azure Bot.')
param botDisplayName string

@allowed([
  'F0'
  'S1'
])
param botServiceSku string = 'F0'

@description('Client id of the user-assigned managed identity; this is the bot id (BOT_ID) in the Teams manifest.')
param identityClientId string

@description('Resource id of the user-assigned managed identity.')
param identityResourceId string

@description('Tenant of the identity; the bot is single tenant.')
param identityTenantId string

@description('Host name of the Web App, without https://.')
param botAppDomain string

@description('Log Analytics workspace that receives the bot registration\'s diagnostic logs.')
param logAnalyticsWorkspaceId string

var botEndpoint = 'https://${botAppDomain}/api/messages'

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: botEndpoint
    msaAppId: identityClientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
    // Channels reach the bot with Entra ID tokens only; the registration's keys and secrets cannot be used.
    disableLocalAuth: true
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

// The Bot Service's own logs (channel errors, e.g. Teams failing to reach /api/messages) next to the app's.
resource botDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: botService
  properties: {
    workspaceId: logAnalyticsWorkspaceId
    logs: [
      {
        categoryGroup: 'allLogs'
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

output botEndpoint string = botEndpoint
output botServiceId string = botService.id
