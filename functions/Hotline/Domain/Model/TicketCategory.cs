namespace Gonghui.Functions.Hotline.Domain;

/// <summary>法律援助 / 维权 / 帮扶救助 / 政策咨询 / 意见建议 / 投诉.</summary>
public enum TicketCategory
{
    LegalAid,
    Rights,
    Hardship,
    Consultation,
    Suggestion,
    Complaint,
}
