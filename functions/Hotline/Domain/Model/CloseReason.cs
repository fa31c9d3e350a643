namespace Gonghui.Functions.Hotline.Domain;

public enum CloseReason
{
    /// <summary>The caller was reached on callback (回访) and the ticket closed.</summary>
    CallbackCompleted,

    /// <summary>The caller could not be reached on enough working days.</summary>
    CallbackFailed,

    /// <summary>Closed by staff after resolution without a callback (e.g. no consent to one).</summary>
    ClosedByStaff,

    /// <summary>A duplicate that joined its original.</summary>
    Merged,
}
