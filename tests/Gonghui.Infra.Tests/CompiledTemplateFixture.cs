using System.Text.Json.Nodes;

namespace Gonghui.Infra.Tests;

/// <summary>Compiles infra/main.bicep once for the tests that read the ARM template.</summary>
public sealed class CompiledTemplateFixture : IAsyncLifetime
{
    public ArmTemplate Template { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var run = await BicepCli.RunAsync(["build", "main.bicep", "--stdout"]);
        Assert.True(run.ExitCode == 0 && run.Errors.Length == 0, $"bicep build failed or warned: {run}");
        Template = new ArmTemplate(JsonNode.Parse(run.Output)!.AsObject());
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
