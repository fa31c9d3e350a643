namespace Gonghui.Testing;

/// <summary>The checkout's root folder: the one holding package.json and Directory.Build.props.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "package.json")) &&
                File.Exists(System.IO.Path.Combine(dir.FullName, "Directory.Build.props")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No repository root above {AppContext.BaseDirectory}.");
    }
}
