// Koperasi.Functions on Azure: one resource group with a Flex Consumption Function App that reaches
// Storage, Key Vault and Application Insights through one user-assigned managed identity.
// No storage key, instrumentation key or secret value appears in an app setting (see README.md, "Deploy").
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Region for every resource. It must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({ azd: { type: 'location' } })
param location string

@secure()
@minLength(1)
@description('SendGrid API key (Mail Send permission). Stored in Key Vault; set with: azd env set SENDGRID_API_KEY <key>.')
param sendGridApiKey string

@secure()
@minLength(16)
@description('Platform admin key that may create cooperatives. Stored in Key Vault; set with: azd env set PLATFORM_ADMIN_KEY <random>.')
param platformAdminKey string

@secure()
@minLength(32)
@description('Key that encrypts provider secrets (webhook secrets, server keys) at rest. Stored in Key Vault; set with: azd env set PROVIDER_SECRETS_KEY <random>.')
param providerSecretsKey string

@minLength(3)
@description('Sender address of member statements; must be a verified sender in SendGrid.')
param emailFromAddress string

@minLength(1)
@description('Sender name of member statements.')
param emailFromName string = 'Koperasi'

@minValue(1)
@maxValue(1000)
@description('Upper bound on Flex Consumption instances; also bounds the bill and the load on one storage account.')
param maximumInstanceCount int = 40

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-${resourceToken}'
var deploymentContainerName = 'deployment-packages'

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: 'id-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    // The app also creates these at start if they are missing (StorageAccount.EnsureCreatedAsync);
    // provisioning them here means a fresh deployment works before the first request.
    queueNames: ['transactions', 'transactions-poison', 'statements', 'statements-poison', 'payment-confirmations', 'payment-confirmations-poison', 'imports', 'imports-poison', 'shu-distributions', 'shu-distributions-poison']
    tableNames: ['cooperatives', 'apikeys', 'members', 'transactions', 'ledger', 'failures', 'statements', 'providers', 'payments', 'loans', 'imports', 'audit', 'books']
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: resourceGroup
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    sendGridApiKey: sendGridApiKey
    platformAdminKey: platformAdminKey
    providerSecretsKey: providerSecretsKey
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: resourceGroup
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: vault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module api 'modules/functionapp.bicep' = {
  name: 'api'
  scope: resourceGroup
  params: {
    planName: 'plan-${resourceToken}'
    name: functionAppName
    location: location
    tags: union(tags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    sendGridApiKeySecretUri: vault.outputs.sendGridApiKeySecretUri
    platformAdminKeySecretUri: vault.outputs.platformAdminKeySecretUri
    providerSecretsKeySecretUri: vault.outputs.providerSecretsKeySecretUri
    emailFromAddress: emailFromAddress
    emailFromName: emailFromName
    maximumInstanceCount: maximumInstanceCount
  }
  // The host reads its storage and the Key Vault references as soon as the app exists: grant first.
  dependsOn: [roles]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output API_BASE_URL string = 'https://${api.outputs.defaultHostName}/api'
