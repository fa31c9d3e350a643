using System.Diagnostics.CodeAnalysis;

namespace Gonghui.Functions.Http;

/// <summary>A request body read by <see cref="JsonBodyReader.ReadJsonBodyAsync{T}"/>: a valid value, or the problem to return.</summary>
public sealed class JsonBody<T> where T : class
{
    private JsonBody(T? value, Problem? problem)
    {
        Value = value;
        Problem = problem;
    }

    public T? Value { get; }
    public Problem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool IsValid => Problem is null;

    internal static JsonBody<T> Valid(T value) => new(value, null);
    internal static JsonBody<T> Invalid(Problem problem) => new(null, problem);
}
