using Gonghui.Testing;
using System.Text.Json.Nodes;

namespace Gonghui.LocalHost.Tests;

/// <summary>
/// A function in functions.metadata that the local host cannot run stops the host at start with a message naming the
/// function and the binding, never a silent skip. Each case edits the metadata of a copy of the test app's build.
/// </summary>
[Collection(InProcessHostCollection.Name)]
public sealed class UnsupportedBindingTests : IDisposable
{
    private readonly DirectoryInfo _copy = Directory.CreateTempSubdirectory("gonghui-unsupported-");

    public UnsupportedBindingTests()
    {
        foreach (var file in Directory.EnumerateFiles(TestApp.Folder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_copy.FullName, Path.GetRelativePath(TestApp.Folder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public void A_blob_input_binding_is_refused_naming_function_and_binding()
    {
        EditFunction("Record", bindings => bindings.Add(new JsonObject
        {
            ["name"] = "archive", ["direction"] = "In", ["type"] = "blob", ["blobPath"] = "archive/{queueTrigger}",
        }));
        var error = Assert.Throws<InvalidOperationException>(() => LocalFunctionHost.Build([], _copy.FullName));
        Assert.Contains("'Record'", error.Message);
        Assert.Contains("'archive' of type 'blob'", error.Message);
    }

    [Fact]
    public void A_queue_output_binding_is_refused_naming_function_and_binding()
    {
        EditFunction("Echo", bindings => bindings.Add(new JsonObject
        {
            ["name"] = "outbox", ["direction"] = "Out", ["type"] = "queue", ["queueName"] = "outbox",
        }));
        var error = Assert.Throws<InvalidOperationException>(() => LocalFunctionHost.Build([], _copy.FullName));
        Assert.Contains("'Echo'", error.Message);
        Assert.Contains("'outbox' of type 'queue'", error.Message);
    }

    [Fact]
    public async Task An_unknown_trigger_stops_the_host_process_at_start_with_the_function_and_binding_named()
    {
        EditFunction("NoOp", bindings =>
        {
            var trigger = bindings[0]!.AsObject();
            trigger["type"] = "serviceBusTrigger";
            trigger.Remove("queueName");
            trigger["topicName"] = "orders";
        });
        var (exitCode, output) = await FunctionAppProcess.RunToFailureAsync(Path.Combine(_copy.FullName, Path.GetFileName(TestApp.Dll)), new Dictionary<string, string?>());
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Function 'NoOp' has a trigger 'message' of type 'serviceBusTrigger'", output);
    }

    private void EditFunction(string name, Action<JsonArray> edit)
    {
        var path = Path.Combine(_copy.FullName, "functions.metadata");
        var functions = JsonNode.Parse(File.ReadAllText(path))!.AsArray();
        var function = functions.Single(f => f!["name"]!.GetValue<string>() == name)!;
        edit(function["bindings"]!.AsArray());
        File.WriteAllText(path, functions.ToJsonString());
    }

    public void Dispose() => _copy.Delete(recursive: true);
}
