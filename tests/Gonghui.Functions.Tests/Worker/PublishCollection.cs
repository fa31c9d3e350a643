namespace Gonghui.Functions.Tests.Worker;

/// <summary>
/// `dotnet publish` of functions/ builds the Release configuration of the project: no other test of this run may
/// build or publish at the same time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PublishCollection
{
    public const string Name = "dotnet publish";
}
