using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Tests.Hotline;

public sealed class IntakeValidatorTests
{
    private static readonly IntakeValidator Validator = new(HotlineSeed.RegionTable());

    private static readonly TicketIntakeRequest Valid = new(
        CallerName: " 张伟 ",
        Phone: "138 1234 5678",
        Category: "legal_aid",
        RegionCode: "370102",
        Subject: "拖欠工资",
        Description: "公司拖欠三个月工资。\n请求法律援助。",
        Channel: "phone",
        Urgency: "urgent",
        MemberId: "JN-2024-000123",
        Employer: "某建筑公司",
        CallbackConsent: true);

    [Fact]
    public void A_valid_intake_is_normalized()
    {
        var result = Validator.Validate(Valid);
        Assert.True(result.IsValid);
        Assert.Empty(result.Errors);
        var intake = result.Intake;
        Assert.Equal("张伟", intake.CallerName);
        Assert.Equal(PhoneNumber.Parse("13812345678"), intake.Phone);
        Assert.Equal(TicketCategory.LegalAid, intake.Category);
        Assert.Equal(TicketChannel.Phone, intake.Channel);
        Assert.Equal(TicketUrgency.Urgent, intake.Urgency);
        Assert.True(intake.CallbackConsent);
    }

    [Fact]
    public void Optional_fields_may_be_absent_and_urgency_defaults_to_normal()
    {
        var result = Validator.Validate(Valid with { Urgency = null, MemberId = null, Employer = "  ", Channel = "walk_in" });
        Assert.True(result.IsValid);
        Assert.Equal(TicketUrgency.Normal, result.Intake.Urgency);
        Assert.Equal(TicketChannel.WalkIn, result.Intake.Channel);
        Assert.Null(result.Intake.MemberId);
        Assert.Null(result.Intake.Employer);
    }

    [Fact]
    public void An_empty_body_reports_every_required_field()
    {
        var result = Validator.Validate(new TicketIntakeRequest(null, null, null, null, null, null, null, null, null, null, null));
        Assert.False(result.IsValid);
        Assert.All(result.Errors, error => Assert.Equal("required", error.Code));
        Assert.Equal(["callerName", "phone", "category", "regionCode", "subject", "description", "channel", "callbackConsent"],
            result.Errors.Select(error => error.Field));
    }

    public static TheoryData<TicketIntakeRequest, string, string> InvalidForms => new()
    {
        { Valid with { CallerName = "   " }, "callerName", "required" },
        { Valid with { CallerName = new string('张', 51) }, "callerName", "too_long" },
        { Valid with { CallerName = "张\u0000伟" }, "callerName", "invalid" },
        { Valid with { CallerName = "张\n伟" }, "callerName", "invalid" },
        { Valid with { Phone = "12812345678" }, "phone", "invalid" },
        { Valid with { Phone = "62345678" }, "phone", "invalid" },
        { Valid with { Phone = "' or 1 eq 1" }, "phone", "invalid" },
        { Valid with { Category = "LegalAid" }, "category", "unknown" },
        { Valid with { Category = "legal-aid" }, "category", "unknown" },
        { Valid with { Category = "0" }, "category", "unknown" },
        { Valid with { RegionCode = "999999" }, "regionCode", "unknown" },
        { Valid with { RegionCode = "' or 1 eq 1" }, "regionCode", "unknown" },
        { Valid with { Subject = new string('a', 201) }, "subject", "too_long" },
        { Valid with { Description = new string('诉', 4001) }, "description", "too_long" },
        { Valid with { Description = "a\u0007b" }, "description", "invalid" },
        { Valid with { Channel = "fax" }, "channel", "unknown" },
        { Valid with { Urgency = "high" }, "urgency", "unknown" },
        { Valid with { MemberId = "12 34" }, "memberId", "invalid" },
        { Valid with { MemberId = new string('1', 33) }, "memberId", "invalid" },
        { Valid with { Employer = new string('厂', 201) }, "employer", "too_long" },
        { Valid with { CallbackConsent = null }, "callbackConsent", "required" },
    };

    [Theory]
    [MemberData(nameof(InvalidForms))]
    public void Each_invalid_form_is_one_field_error(TicketIntakeRequest request, string field, string code)
    {
        var result = Validator.Validate(request);
        Assert.False(result.IsValid);
        Assert.Equal([new FieldError(field, code)], result.Errors);
    }

    [Fact]
    public void Description_length_counts_characters_not_utf16_units()
    {
        Assert.True(Validator.Validate(Valid with { Description = new string('诉', 4000) }).IsValid);
        Assert.True(Validator.Validate(Valid with { Description = string.Concat(Enumerable.Repeat("😀", 4000)) }).IsValid);
        Assert.False(Validator.Validate(Valid with { Description = string.Concat(Enumerable.Repeat("😀", 4001)) }).IsValid);
    }
}
