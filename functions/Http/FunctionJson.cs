using System.Text.Json;
using Gonghui.Functions.Json;

namespace Gonghui.Functions.Http;

/// <summary>The name relief and nominations still use for <see cref="AppJson.Options"/>; it goes when they use AppJson.</summary>
public static class FunctionJson
{
    public static JsonSerializerOptions Options => AppJson.Options;
}
