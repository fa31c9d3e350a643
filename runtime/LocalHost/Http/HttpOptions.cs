namespace Gonghui.LocalHost.Http;

/// <summary>host.json <c>extensions.http</c>.</summary>
public sealed class HttpOptions
{
    public const string Section = "AzureFunctionsJobHost:extensions:http";

    /// <summary>Prefix of every HTTP function route; empty for none.</summary>
    public string RoutePrefix { get; set; } = "api";

    /// <summary>Largest request body Kestrel accepts; larger requests get 413.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;
}
