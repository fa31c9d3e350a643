using Gonghui.Functions.Validation;
using System.Net.Mail;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Nominations.Domain.Notice;

/// <summary>An objection as checked: the contact normalized (a phone number's canonical form, or the e-mail address).</summary>
public sealed record ValidObjection(string NominationId, string Name, string Contact, string Text)
{
    /// <summary>Never the contact in logs.</summary>
    public override string ToString() => $"ValidObjection {{ {NominationId} }}";
}

/// <summary>Checks the public objection form: name and contact (a mainland phone number or an e-mail address) and text required.</summary>
public static class ObjectionValidator
{
    public const int MaxNameLength = 50;
    public const int MaxContactLength = 100;
    public const int MaxTextLength = 2000;

    public static ValidationResult<ValidObjection> Validate(ObjectionRequest? request, IReadOnlyCollection<string> listedNominationIds)
    {
        var errors = new FieldErrorCollector(complete: true);
        if (request is null)
        {
            errors.Add("", "required", "请求内容不能为空。");
            return ValidationResult<ValidObjection>.Invalid(errors.Items);
        }
        var nominationId = request.NominationId?.Trim();
        if (string.IsNullOrEmpty(nominationId)) errors.Add("nominationId", "required", "请选择对哪一位公示对象提出异议。");
        else if (!listedNominationIds.Contains(nominationId)) errors.Add("nominationId", "not_on_notice", "该人员不在公示名单中。");
        var name = errors.Text(request.Name, "name", MaxNameLength, required: true);
        var contact = ContactOf(errors.Text(request.Contact, "contact", MaxContactLength, required: true), errors);
        var text = errors.Text(request.Text, "text", MaxTextLength, required: true, multiline: true);
        return errors.Items.Count > 0
            ? ValidationResult<ValidObjection>.Invalid(errors.Items)
            : ValidationResult<ValidObjection>.Valid(new ValidObjection(nominationId!, name!, contact!, text!));
    }

    /// <summary>A contact as the rate limit keys it: a phone's normalized form or a lower-case e-mail address.</summary>
    private static string? ContactOf(string? contact, FieldErrorCollector errors)
    {
        if (contact is null) return null;
        if (PhoneNumber.TryParse(contact, out var phone)) return phone.Normalized;
        if (contact.Contains('@') && MailAddress.TryCreate(contact, out var address) && address.Address == contact)
            return address.Address.ToLowerInvariant();
        errors.Add("contact", "invalid_contact", "请填写有效的手机号码、固定电话或电子邮箱。");
        return null;
    }
}
