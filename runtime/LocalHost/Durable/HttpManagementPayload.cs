using System.Text.Json.Serialization;

namespace Gonghui.LocalHost.Durable;

/// <summary>The management URLs of one instance, as Durable Functions' check-status payload.</summary>
public sealed record HttpManagementPayload(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri")] string SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri")] string TerminatePostUri,
    [property: JsonPropertyName("suspendPostUri")] string SuspendPostUri,
    [property: JsonPropertyName("resumePostUri")] string ResumePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] string PurgeHistoryDeleteUri);
