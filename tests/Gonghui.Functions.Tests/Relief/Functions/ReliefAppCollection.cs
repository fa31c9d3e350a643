namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>The relief app-process tests share one app, Azurite and maildev, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ReliefAppCollection : ICollectionFixture<ReliefApp>
{
    public const string Name = "relief app";
}
