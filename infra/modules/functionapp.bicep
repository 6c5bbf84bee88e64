// Flex Consumption (FC1) plan and the Function App: .NET 10 isolated worker, identity-based storage,
// secrets through Key Vault references resolved with the user-assigned identity.
param planName string
param name string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param sendGridApiKeySecretUri string
param platformAdminKeySecretUri string
param providerSecretsKeySecretUri string
param emailFromAddress string
param emailFromName string
param maximumInstanceCount int

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: 2048
        maximumInstanceCount: maximumInstanceCount
      }
      // Flex takes the worker runtime here; FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION are not app settings on Flex.
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        // Host and app storage: identity-based, no connection string (the app reads the same settings).
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        // Telemetry: the connection string only locates the resource (not a secret); ingestion authenticates as the identity.
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        // Secrets: Key Vault references only.
        { name: 'Platform__AdminKey', value: '@Microsoft.KeyVault(SecretUri=${platformAdminKeySecretUri})' }
        { name: 'Email__SendGridApiKey', value: '@Microsoft.KeyVault(SecretUri=${sendGridApiKeySecretUri})' }
        { name: 'Providers__SecretsKey', value: '@Microsoft.KeyVault(SecretUri=${providerSecretsKeySecretUri})' }
        { name: 'Email__Mode', value: 'SendGrid' }
        { name: 'Email__FromAddress', value: emailFromAddress }
        { name: 'Email__FromName', value: emailFromName }
        // NCRONTAB in UTC (Flex has no WEBSITE_TIME_ZONE): 00:00 UTC on the 1st; periods are cut in each cooperative's zone.
        { name: 'StatementSchedule', value: '0 0 0 * * *' }
      ]
    }
  }
}

// azd deploys with Entra ID to the deployment container: no publishing passwords are needed, so none are allowed.
resource scmBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

resource ftpBasicAuth 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
