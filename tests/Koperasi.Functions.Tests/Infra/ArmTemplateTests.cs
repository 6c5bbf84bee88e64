using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Koperasi.Functions.Storage;

namespace Koperasi.Functions.Tests.Infra;

/// <summary>Checks the compiled infra/main.bicep for the security and hosting promises of the Deploy section.</summary>
public sealed partial class ArmTemplateTests
{
    private const string KeyVaultReference = "@Microsoft.KeyVault(SecretUri=";

    private readonly ArmTemplate template = ArmTemplate.Load();

    [Fact]
    public void StorageAccount_SharedKeyAccess_IsDisabled() =>
        Assert.False((bool)StorageProperties()["allowSharedKeyAccess"]!);

    [Fact]
    public void StorageAccount_Https_IsRequired() =>
        Assert.True((bool)StorageProperties()["supportsHttpsTrafficOnly"]!);

    [Fact]
    public void StorageAccount_MinimumTls_Is12() =>
        Assert.Equal("TLS1_2", (string?)StorageProperties()["minimumTlsVersion"]);

    [Fact]
    public void StorageAccount_DeploymentContainer_IsTheOneFlexDeploysFrom()
    {
        var container = template.Single("Microsoft.Storage/storageAccounts/blobServices/containers");
        var deployment = FunctionApp()["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", (string?)deployment["type"]);
        Assert.Contains("parameters('deploymentContainerName')", (string?)container["name"]);
        Assert.Contains("parameters('deploymentContainerName')", (string?)deployment["value"]);
    }

    [Fact]
    public void StorageAccount_QueuesAndTablesOfTheApp_AreProvisioned()
    {
        var queues = ModuleArray("storage", "queueNames");
        var tables = ModuleArray("storage", "tableNames");

        Assert.All(StorageNames.Queues, queue => Assert.Contains(queue, queues));
        Assert.All(StorageNames.Tables, table => Assert.Contains(table, tables));
    }

    [Fact]
    public void Plan_Sku_IsFlexConsumptionFC1()
    {
        var plan = template.Single("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", (string?)plan["sku"]!["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]!["tier"]);
        Assert.True((bool)plan["properties"]!["reserved"]!);
    }

    [Fact]
    public void FunctionApp_Runtime_IsDotnetIsolated10()
    {
        var config = FunctionApp()["properties"]!["functionAppConfig"]!;

        Assert.Equal("dotnet-isolated", (string?)config["runtime"]!["name"]);
        Assert.Equal("10.0", (string?)config["runtime"]!["version"]);
        Assert.Equal(2048, (int)config["scaleAndConcurrency"]!["instanceMemoryMB"]!);
    }

    [Fact]
    public void FunctionApp_Https_IsRequired() =>
        Assert.True((bool)FunctionApp()["properties"]!["httpsOnly"]!);

    [Fact]
    public void FunctionApp_Identity_IsTheUserAssignedIdentityOnly()
    {
        var identity = FunctionApp()["identity"]!;
        var assigned = identity["userAssignedIdentities"]!.AsObject();

        Assert.Equal("UserAssigned", (string?)identity["type"]);
        Assert.Equal(["[format('{0}', parameters('identityId'))]"], assigned.Select(p => p.Key));
        Assert.Contains("'identity'", template.ModuleParameter("api", "identityId"));
        Assert.Contains("outputs.id.value", template.ModuleParameter("api", "identityId"));
    }

    [Fact]
    public void FunctionApp_KeyVaultReferencesAndDeployment_UseTheUserAssignedIdentity()
    {
        var properties = FunctionApp()["properties"]!;
        var authentication = properties["functionAppConfig"]!["deployment"]!["storage"]!["authentication"]!;

        Assert.Equal("[parameters('identityId')]", (string?)properties["keyVaultReferenceIdentity"]);
        Assert.Equal("UserAssignedIdentity", (string?)authentication["type"]);
        Assert.Equal("[parameters('identityId')]", (string?)authentication["userAssignedIdentityResourceId"]);
    }

    [Fact]
    public void AppSettings_Storage_AreIdentityBasedWithTheIdentitysClientId()
    {
        var settings = AppSettings();

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);
        Assert.Contains("outputs.clientId.value", template.ModuleParameter("api", "identityClientId"));
        Assert.Contains("primaryEndpoints.blob", settings["AzureWebJobsStorage__blobServiceUri"]);
        Assert.Contains("primaryEndpoints.queue", settings["AzureWebJobsStorage__queueServiceUri"]);
        Assert.Contains("primaryEndpoints.table", settings["AzureWebJobsStorage__tableServiceUri"]);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
    }

    [Theory]
    [InlineData("Platform__AdminKey")]
    [InlineData("Email__SendGridApiKey")]
    [InlineData("Providers__SecretsKey")]
    public void AppSettings_Secret_IsKeyVaultReference(string name) =>
        Assert.StartsWith(KeyVaultReference, Unwrap(AppSettings()[name]));

    [Fact]
    public void AppSettings_EverySecretLookingSetting_IsKeyVaultReference()
    {
        // The App Insights connection string locates the resource and is not a secret (ingestion needs the identity's token).
        var secretLooking = AppSettings()
            .Where(s => SecretName().IsMatch(s.Key) && s.Key != "APPLICATIONINSIGHTS_CONNECTION_STRING")
            .ToList();

        Assert.NotEmpty(secretLooking);
        Assert.All(secretLooking, s => Assert.True(Unwrap(s.Value).StartsWith(KeyVaultReference, StringComparison.Ordinal), $"{s.Key} is not a Key Vault reference: {s.Value}"));
    }

    [Fact]
    public void AppSettings_ApplicationInsights_AuthenticatesWithTheIdentity()
    {
        var settings = AppSettings();
        var insights = template.Single("Microsoft.Insights/components");

        Assert.Equal("[format('ClientId={0};Authorization=AAD', parameters('identityClientId'))]", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Contains("ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.True((bool)insights["properties"]!["DisableLocalAuth"]!);
        Assert.DoesNotContain("APPINSIGHTS_INSTRUMENTATIONKEY", AppSettings().Keys);
    }

    [Fact]
    public void AppSettings_AppConfiguration_HasTheFixedValues()
    {
        var settings = AppSettings();

        Assert.Equal("SendGrid", settings["Email__Mode"]);
        Assert.Equal("[parameters('emailFromAddress')]", settings["Email__FromAddress"]);
        Assert.Equal("[parameters('emailFromName')]", settings["Email__FromName"]);
        Assert.Equal("0 0 0 * * *", settings["StatementSchedule"]);
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_TIME_ZONE")]
    public void AppSettings_FlexDeprecatedSetting_IsAbsent(string name) =>
        Assert.DoesNotContain(name, AppSettings().Keys);

    [Fact]
    public void Template_StorageKeys_AreNeverRead()
    {
        Assert.DoesNotContain("AccountKey=", template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("listKeys(", template.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("InstrumentationKey", template.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("sendGridApiKey")]
    [InlineData("platformAdminKey")]
    [InlineData("providerSecretsKey")]
    public void Parameters_Secret_IsSecureWithoutDefault(string name)
    {
        var parameter = template.Root["parameters"]![name]!;

        Assert.Equal("securestring", (string?)parameter["type"]);
        Assert.Null(parameter["defaultValue"]);
    }

    [Theory]
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts")] // Storage Blob Data Owner
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Microsoft.Storage/storageAccounts")] // Storage Queue Data Contributor
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts")] // Storage Table Data Contributor
    [InlineData("4633458b-17de-408a-b874-0445c86b69e6", "Microsoft.KeyVault/vaults")] // Key Vault Secrets User
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components")] // Monitoring Metrics Publisher
    public void RoleAssignment_Role_IsGrantedToTheIdentityOnItsResource(string roleDefinitionId, string scopeType)
    {
        var assignment = Assert.Single(template.OfType("Microsoft.Authorization/roleAssignments"),
            a => ((string?)a["properties"]!["roleDefinitionId"])!.Contains($"'{roleDefinitionId}'", StringComparison.Ordinal));

        Assert.Contains($"'{scopeType}'", (string?)assignment["scope"]);
        Assert.Equal("[parameters('principalId')]", (string?)assignment["properties"]!["principalId"]);
        Assert.Equal("ServicePrincipal", (string?)assignment["properties"]!["principalType"]);
        Assert.Contains("'identity'", template.ModuleParameter("roles", "principalId"));
        Assert.Contains("outputs.principalId.value", template.ModuleParameter("roles", "principalId"));
    }

    [Fact]
    public void RoleAssignments_Count_IsTheLeastTheAppNeeds() =>
        Assert.Equal(5, template.OfType("Microsoft.Authorization/roleAssignments").Count);

    [Fact]
    public void KeyVault_Authorization_IsRbac() =>
        Assert.True((bool)template.Single("Microsoft.KeyVault/vaults")["properties"]!["enableRbacAuthorization"]!);

    private JsonObject StorageProperties() => template.Single("Microsoft.Storage/storageAccounts")["properties"]!.AsObject();

    private JsonObject FunctionApp() => template.Single("Microsoft.Web/sites");

    private Dictionary<string, string> AppSettings() =>
        FunctionApp()["properties"]!["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => (string)s!["name"]!, s => s!["value"]!.ToString());

    private List<string> ModuleArray(string module, string parameter) =>
        [.. JsonNode.Parse(template.ModuleParameter(module, parameter))!.AsArray().Select(n => (string)n!)];

    // An ARM expression "[format('@Microsoft.KeyVault(SecretUri={0})', ...)]" or a literal value.
    private static string Unwrap(string value) =>
        value.StartsWith("[format('", StringComparison.Ordinal) ? value["[format('".Length..] : value;

    [GeneratedRegex("Key|Secret|Password|Token|ConnectionString", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
