// Systemkollen in Azure, deployed into one resource group:
//   - a user-assigned managed identity: the bot's identity towards Teams and the only identity with data access to
//     Cosmos DB, so no secret or account key exists anywhere;
//   - an App Service plan and a Linux Web App (Node) that runs the bot;
//   - an Azure Bot registration with the Teams channel (module botRegistration/azurebot.bicep);
//   - Cosmos DB for NoSQL, serverless, with the database and containers the app uses;
//   - Application Insights on a Log Analytics workspace.
// See infra/README.md for deployment and scaling.

@minLength(3)
@maxLength(20)
@description('Base of the resource names: lower-case letters and digits, e.g. "systemkollen" plus a short random suffix (the Web App and Cosmos DB names must be globally unique).')
param resourceBaseName string

@description('Region of every resource except the bot registration, which is global.')
param location string = resourceGroup().location

@maxLength(42)
@description('Display name of the Azure Bot.')
param botDisplayName string = 'Systemkollen'

@description('App Service plan SKU. Always On and the health check need Basic (B1) or higher; use P0v3 or higher for autoscale.')
param appServiceSku string = 'B1'

@minValue(1)
@maxValue(30)
@description('Web App instances. Every instance serves the bot; all state is in Cosmos DB.')
param appServiceInstanceCount int = 1

@allowed([
  'NODE|20-lts'
  'NODE|22-lts'
])
@description('Linux runtime stack of the Web App.')
param nodeRuntime string = 'NODE|20-lts'

@allowed([
  'F0'
  'S1'
])
@description('Azure Bot SKU. The Teams channel is a standard channel, free on F0.')
param botServiceSku string = 'F0'

@description('Cosmos DB database the app uses (app setting COSMOS_DATABASE).')
param cosmosDatabaseName string = 'systemkollen'

@description('Extra sources (CIDR ranges such as 203.0.113.10/32) allowed to reach the Web App besides the Azure Bot Service, e.g. the outbound addresses of an external timer that calls POST /api/reminders/run. Empty: only the Bot Service reaches the bot.')
param additionalAllowedInboundRanges array = []

@description('Days Log Analytics keeps the diagnostic logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 90

param identityName string = '${resourceBaseName}-identity'
param appServicePlanName string = '${resourceBaseName}-plan'
param webAppName string = toLower(resourceBaseName)
param botServiceName string = resourceBaseName
param cosmosAccountName string = toLower('${resourceBaseName}-cosmos')
param logAnalyticsWorkspaceName string = '${resourceBaseName}-logs'
param applicationInsightsName string = '${resourceBaseName}-insights'

var tenantId = tenant().tenantId

// Built-in "Cosmos DB Built-in Data Contributor": read and write items; no control-plane rights, so the database
// and containers are created here, not by the app.
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: logAnalyticsWorkspaceName
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: cosmosAccountName
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    // Entra ID only: the account keys cannot be used for data, nor for changing databases and containers.
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    // Point-in-time restore of the register and the follow-ups for 7 days (free tier of continuous backup), instead
    // of periodic backups that need a support ticket to restore.
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: 'Continuous7Days'
      }
    }
  }
}

resource cosmosDatabase 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: cosmosAccount
  name: cosmosDatabaseName
  properties: {
    // Serverless: no throughput options.
    resource: {
      id: cosmosDatabaseName
    }
  }
}

// The containers and partition keys must match src/infrastructure/storage/cosmos/cosmosStorage.ts
// (test/infra/bicepSettings.test.ts compares them). Later issues add the reminders and conversations
// containers here.
resource systemsContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: cosmosDatabase
  name: 'systems'
  properties: {
    resource: {
      id: 'systems'
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
    }
  }
}

resource importsContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: cosmosDatabase
  name: 'imports'
  properties: {
    resource: {
      id: 'imports'
      partitionKey: {
        paths: [
          '/type'
        ]
        kind: 'Hash'
        version: 2
      }
      // The list of recent imports is ordered by two properties, which needs a composite index.
      indexingPolicy: {
        automatic: true
        indexingMode: 'consistent'
        includedPaths: [
          {
            path: '/*'
          }
        ]
        compositeIndexes: [
          [
            {
              path: '/at'
              order: 'descending'
            }
            {
              path: '/id'
              order: 'descending'
            }
          ]
        ]
      }
    }
  }
}

// Annual follow-ups and their delegates, one logical partition per year (docs/storage.md).
resource reviewsContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: cosmosDatabase
  name: 'reviews'
  properties: {
    resource: {
      id: 'reviews'
      partitionKey: {
        paths: [
          '/year'
        ]
        kind: 'Hash'
        version: 2
      }
    }
  }
}

// How to reach each person for reminders, one logical partition per person (docs/storage.md). Follow-up
// contexts live here too and carry a ttl: time to live is on with no default (-1), so only they expire.
resource conversationReferencesContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: cosmosDatabase
  name: 'conversationReferences'
  properties: {
    resource: {
      id: 'conversationReferences'
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
      defaultTtl: -1
    }
  }
}

// One claim per reminder message; the id is the partition, so a second claim of an id is always a conflict.
resource reminderClaimsContainer 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: cosmosDatabase
  name: 'reminderClaims'
  properties: {
    resource: {
      id: 'reminderClaims'
      partitionKey: {
        paths: [
          '/id'
        ]
        kind: 'Hash'
        version: 2
      }
    }
  }
}

// Data access for the managed identity only, and only to this database.
resource cosmosDataAccess 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, identity.id, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: identity.properties.principalId
    scope: '${cosmosAccount.id}/dbs/${cosmosDatabaseName}'
  }
  dependsOn: [
    cosmosDatabase
  ]
}

resource appServicePlan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: appServicePlanName
  location: location
  kind: 'linux'
  sku: {
    name: appServiceSku
    capacity: appServiceInstanceCount
  }
  properties: {
    // Linux plan.
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: appServicePlan.id
    httpsOnly: true
    // No sticky sessions: any instance can serve any request.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: nodeRuntime
      // The deployment ships dist/ already built (m365agents.yml runs `npm run build`), so start without the
      // `prestart` build that `npm start` would run.
      appCommandLine: 'node dist/index.js'
      alwaysOn: true
      // /readyz answers 503 while storage is unreachable, so App Service takes that instance out of rotation.
      healthCheckPath: '/readyz'
      http20Enabled: true
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Inbound: the Bot Framework's calls only (the AzureBotService service tag), plus any ranges the operator
      // adds for an external reminder timer; everything else gets 403 from the App Service front end. App
      // Service sends its health-check pings to /readyz to each instance internally, not through the front ends
      // that apply these rules, so nothing is allowed for them (sources and the check to make after the first
      // deployment: infra/README.md, "Health check and inbound access"). The deployment site (scm) keeps its own,
      // unrestricted rules: it takes Entra ID sign-ins only, since basic-auth publishing is off below.
      ipSecurityRestrictionsDefaultAction: 'Deny'
      ipSecurityRestrictions: concat(
        [
          {
            name: 'AzureBotService'
            description: 'Bot Framework Service calls to /api/messages'
            ipAddress: 'AzureBotService'
            tag: 'ServiceTag'
            action: 'Allow'
            priority: 100
          }
        ],
        map(range(0, length(additionalAllowedInboundRanges)), i => {
          name: 'Allowed${i + 1}'
          description: 'Operator-allowed source (additionalAllowedInboundRanges)'
          ipAddress: additionalAllowedInboundRanges[i]
          action: 'Allow'
          priority: 200 + i
        })
      )
      scmIpSecurityRestrictionsUseMain: false
      // Names are a contract with src/config.ts (test/infra/bicepSettings.test.ts checks them). PORT is set by
      // App Service itself.
      appSettings: [
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          name: 'BOT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'BOT_TYPE'
          value: 'UserAssignedMSI'
        }
        {
          name: 'BOT_TENANT_ID'
          value: tenantId
        }
        {
          name: 'ALLOWED_TENANT_IDS'
          value: tenantId
        }
        {
          // For DefaultAzureCredential: which of the Web App's identities to use.
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'COSMOS_ENDPOINT'
          value: cosmosAccount.properties.documentEndpoint
        }
        {
          name: 'COSMOS_DATABASE'
          value: cosmosDatabaseName
        }
        {
          // Each instance keeps to its share of Teams' send limits for reminders (docs/reminders.md).
          name: 'REMINDERS_INSTANCES'
          value: string(appServiceInstanceCount)
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: applicationInsights.properties.ConnectionString
        }
        {
          // Platform: run the deployed zip as a read-only package (what the Agents Toolkit's zipDeploy expects).
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
      ]
    }
  }
}

// No publishing with basic credentials, neither FTP nor the deployment site (scm): deployments sign in with Entra ID.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'scm'
  properties: {
    allow: false
  }
}

// Platform logs and metrics of the Web App and Cosmos DB go to the Log Analytics workspace (the bot
// registration's module sends its own), so an operator sees HTTP errors, data-plane requests and restarts in one
// place next to the app's telemetry. Cosmos DB's data-plane requests carry ids and RU figures, not item content.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logAnalytics.id
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

resource cosmosDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: cosmosAccount
  properties: {
    workspaceId: logAnalytics.id
    // Resource-specific tables (CDBDataPlaneRequests, ...) rather than the shared AzureDiagnostics table.
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        categoryGroup: 'allLogs'
        enabled: true
      }
    ]
    metrics: [
      {
        category: 'Requests'
        enabled: true
      }
    ]
  }
}

module botRegistration './botRegistration/azurebot.bicep' = {
  name: 'systemkollen-bot-registration'
  params: {
    botServiceName: botServiceName
    botDisplayName: botDisplayName
    botServiceSku: botServiceSku
    identityClientId: identity.properties.clientId
    identityResourceId: identity.id
    identityTenantId: tenantId
    botAppDomain: webApp.properties.defaultHostName
    logAnalyticsWorkspaceId: logAnalytics.id
  }
}

// The Agents Toolkit writes these outputs into env/.env.<environment> (upper-case names, as the app package uses).
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = tenantId
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = botRegistration.outputs.botEndpoint
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output MANAGED_IDENTITY_RESOURCE_ID string = identity.id
output COSMOS_ENDPOINT string = cosmosAccount.properties.documentEndpoint
output COSMOS_DATABASE string = cosmosDatabaseName
