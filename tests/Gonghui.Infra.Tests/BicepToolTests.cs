using System.Text.Json.Nodes;

namespace Gonghui.Infra.Tests;

/// <summary>The template and the sample parameters compile and lint without a single diagnostic.</summary>
public sealed class BicepToolTests
{
    /// <summary>The secrets the sample parameters file reads from the deploying machine's environment.</summary>
    private static readonly Dictionary<string, string?> SampleSecrets = new()
    {
        ["GONGHUI_SMTP_PASSWORD"] = "smtp-password-from-environment",
        ["GONGHUI_APPROVAL_LINK_KEYS"] = "k2026a:c2lnbmluZy1rZXktZnJvbS10aGUtZW52aXJvbm1lbnQtMzI=",
        ["GONGHUI_PHONE_HASH_KEY"] = "cGhvbmUtaGFzaC1rZXktZnJvbS10aGUtZW52aXJvbm1lbnQ=",
        ["GONGHUI_NATIONAL_ID_HASH_KEY"] = "bmF0aW9uYWwtaWQta2V5LWZyb20tdGhlLWVudmlyb25tZW50",
        ["GONGHUI_REGISTRY_NATIONAL_ID_HASH_KEY"] = "cmVnaXN0cnktbmF0aW9uYWwtaWQta2V5LWZyb20tZW52aXJvbm1lbnQ=",
        ["GONGHUI_NOMINATIONS_NATIONAL_ID_HASH_KEY"] = "bm9taW5hdGlvbnMtbmF0aW9uYWwtaWQta2V5LWZyb20tZW52",
        ["GONGHUI_STAFF_SESSION_KEY"] = "c3RhZmYtc2Vzc2lvbi1rZXktZnJvbS10aGUtZW52aXJvbm1lbnQ=",
    };

    [Fact]
    public async Task TemplateBuildsWithoutDiagnostics()
    {
        var run = await BicepCli.RunAsync(["build", "main.bicep", "--stdout"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Errors);
        Assert.NotNull(JsonNode.Parse(run.Output)?["resources"]);
    }

    [Fact]
    public async Task TemplateLintsWithoutDiagnostics()
    {
        var run = await BicepCli.RunAsync(["lint", "main.bicep"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Output + run.Errors);
    }

    [Fact]
    public async Task SampleParametersCompileAgainstTheTemplateWithSecretsFromTheEnvironment()
    {
        var build = await BicepCli.RunAsync(["build-params", "main.sample.bicepparam", "--stdout"], SampleSecrets);
        var lint = await BicepCli.RunAsync(["lint", "main.sample.bicepparam"], SampleSecrets);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal("", build.Errors);
        Assert.True(lint.ExitCode == 0, lint.ToString());
        Assert.Equal("", lint.Output + lint.Errors);
        var parameters = JsonNode.Parse((string)JsonNode.Parse(build.Output)!["parametersJson"]!)!["parameters"]!;
        Assert.Equal("smtp-password-from-environment", (string?)parameters["smtpPassword"]?["value"]);
        Assert.Equal(SampleSecrets["GONGHUI_APPROVAL_LINK_KEYS"], (string?)parameters["approvalLinkKeys"]?["value"]);
        Assert.Equal(SampleSecrets["GONGHUI_REGISTRY_NATIONAL_ID_HASH_KEY"], (string?)parameters["registryNationalIdHashKey"]?["value"]);
        Assert.Equal(SampleSecrets["GONGHUI_NOMINATIONS_NATIONAL_ID_HASH_KEY"], (string?)parameters["nominationsNationalIdHashKey"]?["value"]);
        Assert.Equal(SampleSecrets["GONGHUI_STAFF_SESSION_KEY"], (string?)parameters["staffSessionKey"]?["value"]);
    }

    [Fact]
    public async Task SampleParametersRefuseToCompileWithoutTheSecrets()
    {
        var withoutSecrets = SampleSecrets.ToDictionary(s => s.Key, string? (_) => null);

        var run = await BicepCli.RunAsync(["build-params", "main.sample.bicepparam", "--stdout"], withoutSecrets);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("GONGHUI_SMTP_PASSWORD", run.Errors);
    }
}
