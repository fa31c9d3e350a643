namespace Gonghui.Functions.Hotline.Domain;

/// <summary>The changes a ticket accepts; <see cref="Action"/> is the name in routes and history.</summary>
public abstract record TicketCommand
{
    private TicketCommand()
    {
    }

    public abstract string Action { get; }

    /// <summary>Sends a received ticket to its handling unit (routing does this, or an operator).</summary>
    public sealed record Assign(HandlingUnit Unit) : TicketCommand
    {
        public override string Action => "assign";
    }

    /// <summary>The unit takes the ticket on: the first response.</summary>
    public sealed record Accept : TicketCommand
    {
        public override string Action => "accept";
    }

    public sealed record Progress(string? Note) : TicketCommand
    {
        public override string Action => "progress";
    }

    public sealed record WaitOnCaller(string? Reason) : TicketCommand
    {
        public override string Action => "wait_on_caller";
    }

    public sealed record Resume(string? Note) : TicketCommand
    {
        public override string Action => "resume";
    }

    public sealed record Resolve(string? Resolution) : TicketCommand
    {
        public override string Action => "resolve";
    }

    public sealed record Callback(bool Reached, int? Satisfaction, string? Note) : TicketCommand
    {
        public override string Action => "callback";
    }

    public sealed record Reopen(string? Reason) : TicketCommand
    {
        public override string Action => "reopen";
    }

    public sealed record Transfer(HandlingUnit Unit, string? Reason) : TicketCommand
    {
        public override string Action => "transfer";
    }

    /// <summary>This ticket, a duplicate, joins <paramref name="Original"/>.</summary>
    public sealed record Merge(Ticket Original, string? Reason) : TicketCommand
    {
        public override string Action => "merge";
    }

    public sealed record Close(string? Reason) : TicketCommand
    {
        public override string Action => "close";
    }

    /// <summary>Records on this ticket, the original, that <paramref name="Duplicate"/> was merged into it (and why).</summary>
    public sealed record RecordMergedDuplicate(Ticket Duplicate, string? Reason) : TicketCommand
    {
        public override string Action => "duplicate_merged";
    }

    /// <summary>Records an SLA event the timer found due (see <see cref="SlaEvaluator"/>).</summary>
    public sealed record RaiseSlaEvent(string EventKey) : TicketCommand
    {
        public override string Action => "sla_event";
    }
}
