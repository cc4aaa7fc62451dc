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
    retentionInDays: 30
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

// How to reach each person for reminders, one logical partition per person (docs/storage.md).
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
      ftpsState: 'Disabled'
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

// No FTP publishing with basic credentials.
resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2023-12-01' = {
  parent: webApp
  name: 'ftp'
  properties: {
    allow: false
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
