// Gonghui in Azure: a Linux function app (.NET 10 isolated worker) on Flex Consumption or Elastic Premium, its
// storage account reached only through a user-assigned managed identity, Application Insights with Entra ID
// authentication, and a Key Vault holding every secret the app reads (through Key Vault references).
//
// One user-assigned identity does everything the app needs: its role assignments exist before the app starts, so
// the first start already reaches storage, Key Vault and Application Insights.
targetScope = 'resourceGroup'

@description('Short name of the application, used in every resource name: lowercase letters and digits.')
@minLength(3)
@maxLength(8)
param appName string = 'gonghui'

@description('Environment the resources belong to, used in every resource name.')
@allowed(['dev', 'test', 'prod'])
param environmentName string

@description('Azure region of every resource.')
param location string = resourceGroup().location

@description('FlexConsumption (FC1, default) or ElasticPremium (EP1, always-ready instances, no cold start).')
@allowed(['FlexConsumption', 'ElasticPremium'])
param hostingPlan string = 'FlexConsumption'

@description('Replication of the storage account (tables, queues, the durable task hub, the deployment package).')
@allowed(['Standard_LRS', 'Standard_ZRS'])
param storageSku string = 'Standard_ZRS'

@description('Flex Consumption only: the most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Flex Consumption only: memory of each instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Public base URL of the app, used in the approval links e-mailed to approvers (e.g. https://gonghui.example.org).')
param publicBaseUrl string

@description('SMTP relay host name.')
param smtpHost string

@description('SMTP relay port (587 for STARTTLS, 465 for TLS on connect).')
param smtpPort int = 587

@description('TLS towards the relay: StartTls (port 587) or SslOnConnect (port 465).')
@allowed(['StartTls', 'SslOnConnect'])
param smtpSecurity string = 'StartTls'

@description('SMTP login name.')
param smtpUserName string

@description('SMTP login password; stored in Key Vault only.')
@secure()
param smtpPassword string

@description('Sender address of notification e-mails.')
param smtpSender string

@description('Sender display name of notification e-mails.')
param smtpSenderName string = '工会服务平台'

@description('Approval-link signing keys, id:base64key[:retired];... (each key at least 32 random bytes); stored in Key Vault only.')
@secure()
param approvalLinkKeys string

@description('Id of the approval-link key that signs new links (one of the ids in approvalLinkKeys).')
param approvalLinkActiveKeyId string

@description('Base64 key (at least 32 random bytes) of the keyed hash of phone numbers; stored in Key Vault only. Never change it once tickets exist.')
@secure()
param phoneHashKey string

@description('Base64 key (at least 32 random bytes) of the keyed hash of national IDs; stored in Key Vault only. Never change it once applications exist.')
@secure()
param nationalIdHashKey string

@description('Base64 key (at least 32 random bytes) of the registry\'s keyed hash of national IDs; stored in Key Vault only. Never change it once registry records exist: their ids derive from it.')
@secure()
param registryNationalIdHashKey string

@description('Base64 key (at least 32 random bytes) of the nominations\' keyed hash of national IDs, addresses and contacts; stored in Key Vault only. Never change it once nominations exist.')
@secure()
param nominationsNationalIdHashKey string

@description('Base64 key (at least 32 random bytes) that signs the staff pages\' session cookies and form tokens; stored in Key Vault only. Changing it signs every member of staff out.')
@secure()
param staffSessionKey string

@description('Where relief notifications go when the submitting unit has no contact on file.')
param reliefDefaultUnitEmail string

@description('Optional: object id of the Entra user or group that administers the app. It gets table data access (to create API keys with the keys command) and blob data access (to upload deployment packages).')
param adminPrincipalId string = ''

var isFlex = hostingPlan == 'FlexConsumption'
var suffix = uniqueString(resourceGroup().id, appName, environmentName)
var baseName = '${appName}-${environmentName}'
var functionAppName = 'func-${baseName}-${suffix}'
var deploymentContainerName = 'deployments'
// Elastic Premium runs the package from this blob (no Azure Files content share: it would need an account key).
var premiumPackageBlobName = 'functions.zip'

var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: 'id-${baseName}'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: take(toLower('st${appName}${environmentName}${suffix}'), 24)
  location: location
  sku: { name: storageSku }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: storage
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: { publicAccess: 'None' }
}

// What Durable Functions on the Azure Storage provider needs: blobs (leases, large payloads, the deployment
// package), queues (triggers, control and work-item queues), tables (the app's data, history and instances).
resource appBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
  }
}

resource appQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
  }
}

resource appTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

// The administrator creates API keys with the keys command (tables) and uploads Elastic Premium packages (blobs).
resource adminTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(adminPrincipalId)) {
  name: guid(storage.id, adminPrincipalId, roles.storageTableDataContributor)
  scope: storage
  properties: {
    principalId: adminPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
  }
}

resource adminBlobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(adminPrincipalId)) {
  name: guid(storage.id, adminPrincipalId, roles.storageBlobDataContributor)
  scope: storage
  properties: {
    principalId: adminPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataContributor)
  }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2025-07-01' = {
  name: 'log-${baseName}'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: 'appi-${baseName}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logs.id
    // Telemetry only from Entra ID authenticated senders: the instrumentation key alone is not enough.
    DisableLocalAuth: true
  }
}

resource insightsRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, identity.id, roles.monitoringMetricsPublisher)
  scope: insights
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.monitoringMetricsPublisher)
  }
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: 'kv-${baseName}-${take(suffix, 6)}'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource vaultRoleAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id, roles.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.keyVaultSecretsUser)
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'smtp-password'
  properties: { value: smtpPassword }
}

resource approvalLinkKeysSecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'approval-link-keys'
  properties: { value: approvalLinkKeys }
}

resource phoneHashKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'phone-hash-key'
  properties: { value: phoneHashKey }
}

resource nationalIdHashKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'national-id-hash-key'
  properties: { value: nationalIdHashKey }
}

resource registryNationalIdHashKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'registry-national-id-hash-key'
  properties: { value: registryNationalIdHashKey }
}

resource nominationsNationalIdHashKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'nominations-national-id-hash-key'
  properties: { value: nominationsNationalIdHashKey }
}

resource staffSessionKeySecret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'staff-session-key'
  properties: { value: staffSessionKey }
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: 'plan-${baseName}'
  location: location
  kind: isFlex ? 'functionapp' : 'elastic'
  sku: isFlex ? { name: 'FC1', tier: 'FlexConsumption' } : { name: 'EP1', tier: 'ElasticPremium' }
  properties: {
    reserved: true
    maximumElasticWorkerCount: isFlex ? null : 20
  }
}

var commonAppSettings = [
  // Identity-based storage: the account name, and its endpoints as this cloud names them (Azure China's are not
  // *.core.windows.net, which the account name alone implies). The app checks that they agree.
  { name: 'AzureWebJobsStorage__accountName', value: storage.name }
  { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
  { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
  { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
  { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
  { name: 'AzureWebJobsStorage__clientId', value: identity.properties.clientId }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identity.properties.clientId};Authorization=AAD' }
  { name: 'ASPNETCORE_ENVIRONMENT', value: 'Production' }
  { name: 'Gonghui__PublicBaseUrl', value: publicBaseUrl }
  { name: 'Gonghui__Smtp__Host', value: smtpHost }
  { name: 'Gonghui__Smtp__Port', value: string(smtpPort) }
  { name: 'Gonghui__Smtp__Security', value: smtpSecurity }
  { name: 'Gonghui__Smtp__UserName', value: smtpUserName }
  { name: 'Gonghui__Smtp__Password', value: '@Microsoft.KeyVault(SecretUri=${smtpPasswordSecret.properties.secretUri})' }
  { name: 'Gonghui__Smtp__From', value: smtpSender }
  { name: 'Gonghui__Smtp__FromName', value: smtpSenderName }
  { name: 'Gonghui__Approvals__LinkKeys', value: '@Microsoft.KeyVault(SecretUri=${approvalLinkKeysSecret.properties.secretUri})' }
  { name: 'Gonghui__Approvals__ActiveKeyId', value: approvalLinkActiveKeyId }
  { name: 'Gonghui__Hotline__PhoneHashKey', value: '@Microsoft.KeyVault(SecretUri=${phoneHashKeySecret.properties.secretUri})' }
  { name: 'Gonghui__Relief__NationalIdHashKey', value: '@Microsoft.KeyVault(SecretUri=${nationalIdHashKeySecret.properties.secretUri})' }
  { name: 'Gonghui__Relief__DefaultUnitEmail', value: reliefDefaultUnitEmail }
  { name: 'Gonghui__Registry__NationalIdHashKey', value: '@Microsoft.KeyVault(SecretUri=${registryNationalIdHashKeySecret.properties.secretUri})' }
  { name: 'Gonghui__Nominations__NationalIdHashKey', value: '@Microsoft.KeyVault(SecretUri=${nominationsNationalIdHashKeySecret.properties.secretUri})' }
  { name: 'Gonghui__StaffPages__SessionKey', value: '@Microsoft.KeyVault(SecretUri=${staffSessionKeySecret.properties.secretUri})' }
]

// Flex Consumption takes runtime and package from functionAppConfig and refuses these settings; Elastic Premium needs them.
var premiumAppSettings = [
  { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
  { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
  { name: 'WEBSITE_RUN_FROM_PACKAGE', value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}/${premiumPackageBlobName}' }
  { name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID', value: identity.id }
]

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: functionAppName
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: identity.id
    functionAppConfig: isFlex
      ? {
          deployment: {
            storage: {
              type: 'blobContainer'
              value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
              authentication: {
                type: 'UserAssignedIdentity'
                userAssignedIdentityResourceId: identity.id
              }
            }
          }
          runtime: { name: 'dotnet-isolated', version: '10.0' }
          scaleAndConcurrency: {
            maximumInstanceCount: maximumInstanceCount
            instanceMemoryMB: instanceMemoryMB
          }
        }
      : null
    siteConfig: {
      linuxFxVersion: isFlex ? null : 'DOTNET-ISOLATED|10.0'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: isFlex ? commonAppSettings : concat(commonAppSettings, premiumAppSettings)
    }
  }
  dependsOn: [
    appBlobDataOwner
    appQueueDataContributor
    appTableDataContributor
    insightsRoleAssignment
    vaultRoleAssignment
    deploymentContainer
  ]
}

resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

output functionAppName string = app.name
output appUrl string = 'https://${app.properties.defaultHostName}'
output storageAccountName string = storage.name
output keyVaultName string = vault.name
output identityClientId string = identity.properties.clientId
output deploymentContainerUrl string = '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
output premiumPackageBlobName string = isFlex ? '' : premiumPackageBlobName
