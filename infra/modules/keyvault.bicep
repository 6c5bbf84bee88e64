// Key Vault (RBAC authorization) holding the app's three secrets; the app reads them through Key Vault references.
param name string
param location string
param tags object

@secure()
param sendGridApiKey string

@secure()
param platformAdminKey string

@secure()
param providerSecretsKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    // Flex Consumption cannot resolve Key Vault references against a network-restricted vault (see README.md, "Deploy").
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGrid 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'email-sendgrid-api-key'
  properties: { value: sendGridApiKey, contentType: 'SendGrid API key' }
}

resource platformAdmin 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'platform-admin-key'
  properties: { value: platformAdminKey, contentType: 'Platform admin API key' }
}

resource providerSecrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'providers-secrets-key'
  properties: { value: providerSecretsKey, contentType: 'Key that encrypts provider secrets' }
}

output name string = vault.name
// Versionless URIs: a rotated secret reaches the app without a redeployment.
output sendGridApiKeySecretUri string = '${vault.properties.vaultUri}secrets/${sendGrid.name}'
output platformAdminKeySecretUri string = '${vault.properties.vaultUri}secrets/${platformAdmin.name}'
output providerSecretsKeySecretUri string = '${vault.properties.vaultUri}secrets/${providerSecrets.name}'
