namespace Gonghui.Functions.Notifications;

/// <summary>What <see cref="EmailDeliveryLog.ClaimAsync"/> found for an e-mail key.</summary>
public enum EmailClaim
{
    /// <summary>This queue message may send the e-mail now.</summary>
    Claimed,

    /// <summary>The e-mail was handed to SMTP before.</summary>
    AlreadySent,

    /// <summary>Another queue message with the same key is sending it (its claim is still fresh).</summary>
    HeldByAnotherMessage,
}
