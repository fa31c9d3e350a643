using Gonghui.Functions.Http;

namespace Gonghui.Functions.Nominations.Functions;

/// <summary>The nominations' answers to a change sent without, or with a stale, If-Match.</summary>
public static class NominationsHttp
{
    public static Problem IfMatchRequired() =>
        Problems.PreconditionRequired("if_match_required", "Send the ETag you read as If-Match: a change never overwrites unseen changes.");

    public static Problem Stale() => Problems.PreconditionFailed("It changed since you read it; read it again and retry.", "changed");
}
