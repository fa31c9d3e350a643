namespace Gonghui.LocalHost.Tests;

/// <summary>
/// Tests that build the local host in this process, which runs the app's Program here too: one at a time, so no two
/// app builds overlap in the process.
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessHostCollection
{
    public const string Name = "Local host in this process";
}
