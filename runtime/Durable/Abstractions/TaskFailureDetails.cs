namespace Gonghui.Durable;

/// <summary>What went wrong in a failed activity, sub-orchestration or orchestration, as Durable Task's TaskFailureDetails.</summary>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Whether the failure was caused by an exception of type <typeparamref name="T"/> (or a subtype, when it is loaded).</summary>
    public bool IsCausedBy<T>() where T : Exception
    {
        var type = Type.GetType(ErrorType, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(ErrorType, throwOnError: false)).FirstOrDefault(t => t is not null);
        return type is not null ? typeof(T).IsAssignableFrom(type) : ErrorType == typeof(T).FullName;
    }

    public static TaskFailureDetails FromException(Exception exception) => new(
        exception.GetType().FullName ?? exception.GetType().Name,
        exception.Message,
        exception.StackTrace,
        exception.InnerException is null ? null : FromException(exception.InnerException));

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
