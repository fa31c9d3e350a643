namespace Gonghui.LocalHost.Functions;

/// <summary>A function's trigger binding as functions.metadata describes it.</summary>
public abstract record FunctionTrigger(string ParameterName)
{
    /// <summary>The binding type as functions.metadata names it ("httpTrigger", "queueTrigger", ...).</summary>
    public abstract string Type { get; }
}

/// <summary>Methods in upper case (none: any method); route below the route prefix (null: the function's name).</summary>
public sealed record HttpTrigger(string ParameterName, IReadOnlyList<string> Methods, string? Route, AuthorizationLevel Level)
    : FunctionTrigger(ParameterName)
{
    public override string Type => "httpTrigger";
}

/// <summary>The Functions host's authorization levels; the local host checks keys for Function and Admin.</summary>
public enum AuthorizationLevel
{
    Anonymous,
    User,
    Function,
    System,
    Admin,
}

public sealed record QueueTrigger(string ParameterName, string QueueName, string Connection) : FunctionTrigger(ParameterName)
{
    public override string Type => "queueTrigger";
}

public sealed record TimerTrigger(string ParameterName, string Schedule, bool RunOnStartup) : FunctionTrigger(ParameterName)
{
    public override string Type => "timerTrigger";
}

public sealed record OrchestrationTrigger(string ParameterName) : FunctionTrigger(ParameterName)
{
    public override string Type => "orchestrationTrigger";
}

public sealed record ActivityTrigger(string ParameterName) : FunctionTrigger(ParameterName)
{
    public override string Type => "activityTrigger";
}
