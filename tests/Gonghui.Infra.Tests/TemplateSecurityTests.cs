using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gonghui.Infra.Tests;

/// <summary>What the compiled ARM template deploys: identity-only storage, secrets in Key Vault, HTTPS and TLS 1.2.</summary>
public sealed partial class TemplateSecurityTests(CompiledTemplateFixture fixture) : IClassFixture<CompiledTemplateFixture>
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private ArmTemplate Template => fixture.Template;
    private JsonObject Storage => Template.Single("Microsoft.Storage/storageAccounts");
    private JsonObject Identity => Template.Single("Microsoft.ManagedIdentity/userAssignedIdentities");
    private JsonObject Vault => Template.Single("Microsoft.KeyVault/vaults");
    private JsonObject Site => Template.Single("Microsoft.Web/sites");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void StorageIsReachedThroughTheAppIdentity(bool flexConsumption)
    {
        var settings = Template.AppSettings(flexConsumption);

        Assert.Equal(ArmTemplate.Expression(Storage["name"]).ToString(), settings["AzureWebJobsStorage__accountName"].ToString());
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            var endpoint = Assert.IsType<ArmMember>(settings[$"AzureWebJobsStorage__{service}ServiceUri"]);
            Assert.Equal(service, endpoint.Name);
            var endpoints = Assert.IsType<ArmMember>(endpoint.Target);
            Assert.Equal("primaryEndpoints", endpoints.Name);
            Assert.Equal(ArmTemplate.ResourceIdOf(Storage), ((ArmCall)endpoints.Target).Arguments[0].ToString());
        }
        Assert.Equal("'managedidentity'", settings["AzureWebJobsStorage__credential"].ToString());
        AssertIdentityProperty(settings["AzureWebJobsStorage__clientId"], "clientId");
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.DoesNotContain(settings.Keys, name => name.StartsWith("WEBSITE_CONTENTAZUREFILE", StringComparison.Ordinal));
        var templateText = Template.Root.ToJsonString();
        Assert.DoesNotContain("listKeys(", templateText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("AccountKey=", templateText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", templateText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void StorageAccountRefusesSharedKeysPublicBlobsAndOldTls()
    {
        var properties = Storage["properties"]!;

        Assert.False((bool)properties["allowSharedKeyAccess"]!);
        Assert.False((bool)properties["allowBlobPublicAccess"]!);
        Assert.True((bool)properties["supportsHttpsTrafficOnly"]!);
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
    }

    [Theory]
    [InlineData(StorageBlobDataOwner)]
    [InlineData(StorageQueueDataContributor)]
    [InlineData(StorageTableDataContributor)]
    public void TheAppIdentityHoldsTheStorageDataRolesDurableFunctionsNeeds(string role) =>
        AssertRoleAssignedToTheAppIdentity(Storage, role);

    [Fact]
    public void TheFunctionAppRunsAsTheIdentityTheRolesAreGivenTo()
    {
        var identity = Site["identity"]!;

        Assert.Equal("UserAssigned", (string?)identity["type"]);
        var assigned = Assert.Single(identity["userAssignedIdentities"]!.AsObject());
        Assert.Contains(ArmTemplate.ResourceIdOf(Identity), ArmTemplate.Expression(JsonValue.Create(assigned.Key)).ToString());
        Assert.Equal(ArmTemplate.ResourceIdOf(Identity), ArmTemplate.Expression(Site["properties"]!["keyVaultReferenceIdentity"]).ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EverySecretSettingIsAKeyVaultReference(bool flexConsumption)
    {
        var settings = Template.AppSettings(flexConsumption);

        var secretSettings = settings.Keys.Where(name => SecretSettingName().IsMatch(name)).ToList();
        Assert.Equal(
            [
                "Gonghui__Approvals__LinkKeys", "Gonghui__Hotline__PhoneHashKey", "Gonghui__Nominations__NationalIdHashKey",
                "Gonghui__Registry__NationalIdHashKey", "Gonghui__Relief__NationalIdHashKey", "Gonghui__Smtp__Password",
                "Gonghui__StaffPages__SessionKey",
            ],
            secretSettings.Order());
        foreach (var name in secretSettings)
            Assert.True(Template.IsSecureParameter(SecureParameterBehindKeyVaultReference(settings[name])), $"{name} is not read from a @secure() parameter.");
    }

    [Fact]
    public void TheSmtpPasswordAndTheLinkSigningKeysComeFromKeyVault()
    {
        var settings = Template.AppSettings(flexConsumption: true);

        Assert.Equal("smtpPassword", SecureParameterBehindKeyVaultReference(settings["Gonghui__Smtp__Password"]));
        Assert.Equal("approvalLinkKeys", SecureParameterBehindKeyVaultReference(settings["Gonghui__Approvals__LinkKeys"]));
    }

    [Theory]
    [InlineData("Gonghui__Relief__NationalIdHashKey", "nationalIdHashKey")]
    [InlineData("Gonghui__Registry__NationalIdHashKey", "registryNationalIdHashKey")]
    [InlineData("Gonghui__Nominations__NationalIdHashKey", "nominationsNationalIdHashKey")]
    [InlineData("Gonghui__StaffPages__SessionKey", "staffSessionKey")]
    public void EachKeyComesFromItsOwnKeyVaultSecret(string setting, string parameter)
    {
        var settings = Template.AppSettings(flexConsumption: true);

        Assert.Equal(parameter, SecureParameterBehindKeyVaultReference(settings[setting]));
    }

    [Fact]
    public void SecureParametersGoNowhereButIntoKeyVaultSecrets()
    {
        var secureParameters = Template.Root["parameters"]!.AsObject().Select(p => p.Key).Where(Template.IsSecureParameter).ToList();
        Assert.Contains("smtpPassword", secureParameters);

        foreach (var resource in Template.Resources)
        {
            var isSecret = string.Equals((string?)resource["type"], "Microsoft.KeyVault/vaults/secrets", StringComparison.OrdinalIgnoreCase);
            foreach (var (path, value) in StringValues(resource, ""))
            {
                var used = SecureParametersIn(value, secureParameters);
                if (used.Count > 0)
                    Assert.True(isSecret && path == ".properties.value", $"{(string?)resource["type"]}{path} uses the secure parameter {used[0]}.");
            }
        }
        foreach (var (path, value) in StringValues(Template.Root["outputs"], "outputs"))
            Assert.True(SecureParametersIn(value, secureParameters).Count == 0, $"{path} exposes a secure parameter.");
    }

    [Fact]
    public void KeyVaultAuthorizesByRoleAndTheAppIdentityMayReadSecrets()
    {
        Assert.True((bool)Vault["properties"]!["enableRbacAuthorization"]!);
        AssertRoleAssignedToTheAppIdentity(Vault, KeyVaultSecretsUser);
    }

    [Fact]
    public void TheSiteServesHttpsOnlyWithTls12AndNoFtpOrBasicPublishing()
    {
        var properties = Site["properties"]!;
        var siteConfig = properties["siteConfig"]!;

        Assert.True((bool)properties["httpsOnly"]!);
        Assert.True(Version.Parse((string)siteConfig["minTlsVersion"]!) >= new Version(1, 2));
        Assert.True(Version.Parse((string)siteConfig["scmMinTlsVersion"]!) >= new Version(1, 2));
        Assert.Equal("Disabled", (string?)siteConfig["ftpsState"]);
        var policies = Template.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        foreach (var kind in new[] { "ftp", "scm" })
        {
            var policy = Assert.Single(policies, p => ArmTemplate.NameSegments(p)[^1].ToString() == $"'{kind}'");
            Assert.Equal(ArmTemplate.Expression(Site["name"]).ToString(), ArmTemplate.NameSegments(policy)[0].ToString());
            Assert.False((bool)policy["properties"]!["allow"]!);
        }
    }

    [Fact]
    public void FlexConsumptionRunsDotnetIsolated10FromAnIdentityAuthenticatedContainer()
    {
        var config = ArmTemplate.Expression(Site["properties"]!["functionAppConfig"]).ToString();
        var flexSettings = Template.AppSettings(flexConsumption: true);

        Assert.StartsWith("if(variables('isFlex'), createObject('deployment'", config);
        Assert.Contains("createObject('name', 'dotnet-isolated', 'version', '10.0')", config);
        Assert.Contains($"createObject('type', 'UserAssignedIdentity', 'userAssignedIdentityResourceId', {ArmTemplate.ResourceIdOf(Identity)})", config);
        // Flex Consumption refuses the settings that carry runtime and package on the other plans.
        foreach (var refused in new[] { "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "WEBSITE_CONTENTSHARE" })
            Assert.DoesNotContain(refused, flexSettings.Keys);
        Assert.Contains("createObject('name', 'FC1', 'tier', 'FlexConsumption')", ArmTemplate.Expression(Template.Single("Microsoft.Web/serverfarms")["sku"]).ToString());
    }

    [Fact]
    public void ElasticPremiumRunsDotnetIsolated10FromThePackageBlobThroughTheIdentity()
    {
        var settings = Template.AppSettings(flexConsumption: false);
        var siteConfig = Site["properties"]!["siteConfig"]!;

        Assert.Equal("'dotnet-isolated'", settings["FUNCTIONS_WORKER_RUNTIME"].ToString());
        Assert.Equal("'~4'", settings["FUNCTIONS_EXTENSION_VERSION"].ToString());
        Assert.Equal(ArmTemplate.ResourceIdOf(Identity), settings["WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID"].ToString());
        Assert.Equal("if(variables('isFlex'), null(), 'DOTNET-ISOLATED|10.0')", ArmTemplate.Expression(siteConfig["linuxFxVersion"]).ToString());
        Assert.Contains("createObject('name', 'EP1', 'tier', 'ElasticPremium')", ArmTemplate.Expression(Template.Single("Microsoft.Web/serverfarms")["sku"]).ToString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ApplicationInsightsIsWorkspaceBasedAndTakesTelemetryFromTheAppIdentityOnly(bool flexConsumption)
    {
        var insights = Template.Single("Microsoft.Insights/components");
        var workspace = Template.Single("Microsoft.OperationalInsights/workspaces");
        var settings = Template.AppSettings(flexConsumption);

        Assert.Equal(ArmTemplate.ResourceIdOf(workspace), ArmTemplate.Expression(insights["properties"]!["WorkspaceResourceId"]).ToString());
        Assert.True((bool)insights["properties"]!["DisableLocalAuth"]!);
        var connection = Assert.IsType<ArmMember>(settings["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        Assert.Equal("ConnectionString", connection.Name);
        Assert.Equal(ArmTemplate.ResourceIdOf(insights), ((ArmCall)connection.Target).Arguments[0].ToString());
        var authentication = Assert.IsType<ArmCall>(settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Equal("'ClientId={0};Authorization=AAD'", authentication.Arguments[0].ToString());
        AssertIdentityProperty(authentication.Arguments[1], "clientId");
        AssertRoleAssignedToTheAppIdentity(insights, MonitoringMetricsPublisher);
    }

    [Fact]
    public void EveryGonghuiSettingIsOneTheAppReads()
    {
        var source = AppSource();
        var settings = Template.AppSettings(flexConsumption: true).Keys.Where(name => name.StartsWith("Gonghui__", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(settings);

        foreach (var name in settings)
        {
            var key = name.Replace("__", ":", StringComparison.Ordinal);
            var section = key[..key.LastIndexOf(':')];
            var property = key[(key.LastIndexOf(':') + 1)..];
            var readDirectly = source.Contains($"\"{key}\"", StringComparison.Ordinal);
            var boundFromSection = source.Contains($"\"{section}\"", StringComparison.Ordinal) &&
                Regex.IsMatch(source, $@"public [\w?<>]+ {Regex.Escape(property)} \{{ get;");
            Assert.True(readDirectly || boundFromSection, $"The template sets {name}, which the app does not read.");
        }
    }

    private void AssertRoleAssignedToTheAppIdentity(JsonObject scope, string role)
    {
        var assignments = Template.ResourcesOfType("Microsoft.Authorization/roleAssignments").Where(assignment =>
            ArmTemplate.Expression(assignment["scope"]).ToString() == ArmTemplate.ResourceIdOf(scope) &&
            ArmTemplate.Expression(assignment["properties"]!["roleDefinitionId"]) is ArmCall { Arguments: [ArmString { Value: "Microsoft.Authorization/roleDefinitions" }, var id] } &&
            Template.Resolve(id) == role &&
            ArmTemplate.Expression(assignment["properties"]!["principalId"]) is ArmMember { Name: "principalId", Target: ArmCall reference } &&
            reference.IsCall("reference") && reference.Arguments[0].ToString() == ArmTemplate.ResourceIdOf(Identity)).ToList();

        var assignment = Assert.Single(assignments);
        Assert.Null(assignment["condition"]);
    }

    private void AssertIdentityProperty(ArmExpression value, string property)
    {
        var member = Assert.IsType<ArmMember>(value);
        Assert.Equal(property, member.Name);
        var reference = Assert.IsType<ArmCall>(member.Target);
        Assert.True(reference.IsCall("reference"));
        Assert.Equal(ArmTemplate.ResourceIdOf(Identity), reference.Arguments[0].ToString());
    }

    /// <summary>
    /// The secure parameter a Key Vault reference setting ends at:
    /// <c>format('@Microsoft.KeyVault(SecretUri={0})', reference(resourceId(secrets, vault, name)).secretUri)</c>, and that
    /// secret of this template's vault holds <c>parameters(name)</c>.
    /// </summary>
    private string SecureParameterBehindKeyVaultReference(ArmExpression value)
    {
        var format = Assert.IsType<ArmCall>(value);
        Assert.True(format.IsCall("format"), $"{value} is not a Key Vault reference.");
        Assert.Equal("'@Microsoft.KeyVault(SecretUri={0})'", format.Arguments[0].ToString());
        var secretUri = Assert.IsType<ArmMember>(format.Arguments[1]);
        Assert.Equal("secretUri", secretUri.Name);
        var secretId = Assert.IsType<ArmCall>(Assert.IsType<ArmCall>(secretUri.Target).Arguments[0]);
        Assert.True(secretId.IsCall("resourceId"));
        Assert.Equal(["'Microsoft.KeyVault/vaults/secrets'", ArmTemplate.Expression(Vault["name"]).ToString()], secretId.Arguments.Take(2).Select(a => a.ToString()));

        var secret = Assert.Single(Template.ResourcesOfType("Microsoft.KeyVault/vaults/secrets"),
            s => ArmTemplate.NameSegments(s).Select(n => n.ToString()).SequenceEqual(secretId.Arguments.Skip(1).Select(a => a.ToString())));
        var secretValue = Assert.IsType<ArmCall>(ArmTemplate.Expression(secret["properties"]!["value"]));
        Assert.True(secretValue.IsCall("parameters"));
        return Assert.IsType<ArmString>(Assert.Single(secretValue.Arguments)).Value;
    }

    private static List<string> SecureParametersIn(string value, IReadOnlyCollection<string> secureParameters) =>
        ArmExpression.IsExpression(value)
            ? ArmExpression.FromTemplateString(value).DescendantsAndSelf()
                .OfType<ArmCall>().Where(c => c.IsCall("parameters") && c.Arguments is [ArmString name] && secureParameters.Contains(name.Value))
                .Select(c => ((ArmString)c.Arguments[0]).Value).ToList()
            : [];

    private static IEnumerable<(string Path, string Value)> StringValues(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => StringValues(JsonValue.Create(p.Key), $"{path}.{p.Key}(name)").Concat(StringValues(p.Value, $"{path}.{p.Key}"))),
        JsonArray a => a.SelectMany((item, i) => StringValues(item, $"{path}[{i}]")),
        JsonValue v when v.TryGetValue<string>(out var s) => [(path, s)],
        _ => [],
    };

    /// <summary>The C# source of the app and its host, where every setting it reads is named.</summary>
    private static string AppSource() => string.Join('\n',
        new[] { "functions", "runtime" }
            .Select(folder => Path.Combine(Gonghui.Testing.RepositoryRoot.Path, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                           !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));

    [GeneratedRegex("(Password|Secret|Key|Keys)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretSettingName();
}
