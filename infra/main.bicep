// Gonghui in Azure: one storage account (Tables, Queues) and a Linux function app running the
// Gonghui process as an Azure Functions custom handler, with a managed identity instead of account keys.
targetScope = 'resourceGroup'

@description('Short name used to derive resource names, 3-11 lowercase letters or digits.')
@minLength(3)
@maxLength(11)
param baseName string

param location string = resourceGroup().location

@description('SMTP relay the notifications function sends through.')
param smtpHost string

param smtpPort int = 587

@description('Sender address of notification e-mails.')
param mailFrom string

@description('Public base URL of the app, used in approval links (e.g. https://gonghui.example.org).')
param publicBaseUrl string

var storageName = toLower('${baseName}${uniqueString(resourceGroup().id)}')
var tableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var queueDataContributor = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var blobDataOwner = 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(storageName, 24)
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan'
  location: location
  sku: { name: 'EP1', tier: 'ElasticPremium' }
  kind: 'elastic'
  properties: {
    reserved: true
    maximumElasticWorkerCount: 10
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: '${baseName}-app'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOTNET|10.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'custom' }
        // Identity-based storage connection: no account key anywhere.
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'Gonghui__Smtp__Host', value: smtpHost }
        { name: 'Gonghui__Smtp__Port', value: string(smtpPort) }
        { name: 'Gonghui__Mail__From', value: mailFrom }
        { name: 'Gonghui__PublicBaseUrl', value: publicBaseUrl }
        { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
      ]
    }
  }
}

resource roles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in [tableDataContributor, queueDataContributor, blobDataOwner]: {
  name: guid(storage.id, app.id, role)
  scope: storage
  properties: {
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
  }
}]

output appName string = app.name
output storageAccountName string = storage.name
output appUrl string = 'https://${app.properties.defaultHostName}'
