// Azure resources of the LinkedIn Connections Assistant bot:
// a Linux App Service running Node 20, a user-assigned managed identity that is both the bot's
// identity (no client secret anywhere) and the storage identity, a Storage account whose tables
// are reached with that identity only (shared keys off), the Azure Bot with its Teams channel,
// and, optionally, Application Insights.
// The app settings below are the app's configuration; see .env.example for their meaning.

@minLength(4)
@maxLength(20)
@description('Prefix of every resource name.')
param resourceBaseName string

@description('Region of the App Service, storage and monitoring resources.')
param location string = resourceGroup().location

@description('App Service plan SKU. B1 or higher: the bot needs Always On and the health check.')
param webAppSku string = 'B1'

@minValue(1)
@maxValue(10)
@description('Number of App Service instances. Above 1, the instances share the same Storage tables.')
param instanceCount int = 1

@maxLength(42)
@description('Bot name shown in the Azure portal.')
param botDisplayName string

@allowed([
  'F0'
  'S1'
])
@description('Azure Bot SKU. Teams is a standard channel: F0 is enough.')
param botServiceSku string = 'F0'

@description('Comma-separated Microsoft Entra object ids of the bot admins.')
param adminAadObjectIds string = ''

@allowed([
  'all'
  'off'
])
@description('Scope of the integration before an admin sets one.')
param integrationDefault string = 'all'

@minValue(1)
@maxValue(50)
@description('Announcement messages sent per second (Teams allows about 50 per app per tenant).')
param announceRatePerSec int = 30

@description('How long an instance holds an announcement job without renewing its lease before another instance may take it over, in seconds.')
@minValue(1)
@maxValue(600)
param announceLeaseSeconds int = 30

@description('Comma-separated tenant ids whose users may talk to the bot. Empty: the tenant of this subscription only.')
param allowedTenantIds string = ''

@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
param logLevel string = 'info'

@description('Create Application Insights and send requests and failures to it.')
param enableApplicationInsights bool = true

// Built-in role "Storage Table Data Contributor".
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160d3a3'
var effectiveAllowedTenantIds = empty(allowedTenantIds) ? subscription().tenantId : allowedTenantIds
// Storage account names: 3 to 24 lowercase letters and digits, unique in Azure.
var storageAccountName = take('st${toLower(replace(resourceBaseName, '-', ''))}${uniqueString(resourceGroup().id)}', 24)

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Only Microsoft Entra identities (the app's managed identity) reach the data.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    publicNetworkAccess: 'Enabled'
  }
}

resource tableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = if (enableApplicationInsights) {
  name: '${resourceBaseName}-logs'
  location: location
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: 30
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = if (enableApplicationInsights) {
  name: '${resourceBaseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: {
    name: webAppSku
    capacity: instanceCount
  }
  properties: {
    // Linux plan.
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2024-04-01' = {
  name: '${resourceBaseName}-app'
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Bot Framework requests carry no session: any instance can serve any request.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [
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
          value: identity.properties.tenantId
        }
        {
          name: 'STORAGE_ACCOUNT_URL'
          value: storage.properties.primaryEndpoints.table
        }
        {
          name: 'ADMIN_AAD_OBJECT_IDS'
          value: adminAadObjectIds
        }
        {
          name: 'INTEGRATION_DEFAULT'
          value: integrationDefault
        }
        {
          name: 'ANNOUNCE_RATE_PER_SEC'
          value: string(announceRatePerSec)
        }
        {
          name: 'ANNOUNCE_LEASE_SECONDS'
          value: string(announceLeaseSeconds)
        }
        {
          name: 'ALLOWED_TENANT_IDS'
          value: effectiveAllowedTenantIds
        }
        {
          name: 'LOG_LEVEL'
          value: logLevel
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: enableApplicationInsights ? appInsights!.properties.ConnectionString : ''
        }
        {
          name: 'NODE_ENV'
          value: 'production'
        }
        {
          // The deployment zip already holds dist/ and node_modules/: no build on the server.
          name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
          value: 'false'
        }
        {
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
      ]
    }
  }
  dependsOn: [
    // The app must reach its tables as soon as it starts.
    tableDataContributor
  ]
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: resourceBaseName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${webApp.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
      deploymentEnvironment: 'CommercialDeployment'
    }
  }
}

// Written to env/.env.<env> by Agents Toolkit (arm/deploy), then used by the manifest and deploy.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ID string = identity.properties.clientId
output BOT_TENANT_ID string = identity.properties.tenantId
output STORAGE_ACCOUNT_URL string = storage.properties.primaryEndpoints.table
output BOT_AZURE_RESOURCE_ID string = bot.id
