using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Tests.Registry;

public sealed class RegistryDomainTests
{
    private static readonly DateOnly Today = new(2026, 12, 6);

    [Fact]
    public void A_valid_record_takes_gender_and_birth_date_from_the_national_id()
    {
        var id = RegistrySamples.NationalId(new DateOnly(1972, 3, 8), Gender.Female);
        var result = RegistryRecordValidator.Validate(RegistrySamples.Person("370102", nationalId: id.ToLowerInvariant()), AwardCatalog.Default, Today);
        Assert.True(result.IsValid);
        var person = result.Value!;
        Assert.Equal(Gender.Female, person.Gender);
        Assert.Equal(new DateOnly(1972, 3, 8), person.BirthDate);
        Assert.Equal(id, person.NationalId);
        Assert.Equal("national_model_worker", person.Awards.Single().Kind);
        Assert.Equal("13812345678", person.Phone);
        Assert.Equal("370102********" + id[^4..], person.MaskedNationalId);
        Assert.Equal("138****5678", person.MaskedPhone);
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once_with_a_registry_code()
    {
        var good = RegistrySamples.NationalId(new DateOnly(1970, 1, 1));
        var input = new RegistryRecordInput
        {
            Name = " ",
            NationalId = good[..17] + (good[17] == '0' ? '1' : '0'),
            Awards =
            [
                new AwardInput { Kind = "优秀员工", Year = "1949", AwardingBody = "省总工会", EmployerAtAward = "某厂" },
                new AwardInput { Kind = "craftsman", Year = "2020", EmployerAtAward = "某厂" },
            ],
            CurrentEmployer = new string('厂', 101),
            Region = "3701",
            Phone = "12345",
        };
        var errors = RegistryRecordValidator.Validate(input, AwardCatalog.Default, Today).Errors;
        Assert.Equal(
        [
            new FieldError("name", RegistryErrorCodes.Required),
            new FieldError("nationalId", "registry.national_id_check_digit"),
            new FieldError("awards[0].kind", RegistryErrorCodes.UnknownAward),
            new FieldError("awards[0].year", RegistryErrorCodes.YearOutOfRange),
            new FieldError("awards[1].awardingBody", RegistryErrorCodes.Required),
            new FieldError("currentEmployer", RegistryErrorCodes.TooLong),
            new FieldError("region", RegistryErrorCodes.InvalidRegion),
            new FieldError("phone", RegistryErrorCodes.InvalidPhone),
        ], errors);
        Assert.All(errors, e => Assert.StartsWith("registry.", e.Code));
    }

    [Fact]
    public void Gender_and_birth_date_that_contradict_the_national_id_are_refused()
    {
        var input = RegistrySamples.Person("370102", nationalId: RegistrySamples.NationalId(new DateOnly(1970, 1, 1), Gender.Male)) with
        {
            Gender = "女",
            BirthDate = "1970/1/2",
        };
        Assert.Equal(
            [new FieldError("gender", RegistryErrorCodes.GenderMismatch), new FieldError("birthDate", RegistryErrorCodes.BirthDateMismatch)],
            RegistryRecordValidator.Validate(input, AwardCatalog.Default, Today).Errors);
    }

    [Fact]
    public void A_status_change_needs_a_reason_and_revoked_or_deceased_a_date_not_in_the_future()
    {
        var active = RecordStanding.Active;
        Assert.Equal(
            [new FieldError("reason", RegistryErrorCodes.Required), new FieldError("effectiveOn", RegistryErrorCodes.Required)],
            StatusRules.Validate(new StatusChangeInput("revoked", null, null), active, false, Today).Errors);
        Assert.Equal([new FieldError("effectiveOn", RegistryErrorCodes.DateInFuture)],
            StatusRules.Validate(new StatusChangeInput("已故", "2026-12-07", "家属告知"), active, false, Today).Errors);
        Assert.Equal([new FieldError("status", RegistryErrorCodes.StatusUnchanged)],
            StatusRules.Validate(new StatusChangeInput("active", null, "复核"), active, false, Today).Errors);
        var revoked = StatusRules.Validate(new StatusChangeInput("撤销", "2026-11-30", "违纪撤销称号"), active, false, Today).Value!;
        Assert.Equal(new RecordStanding(RecordStatus.Revoked, new DateOnly(2026, 11, 30), "违纪撤销称号"), revoked);
    }

    [Fact]
    public void Only_an_admin_may_correct_a_deceased_record()
    {
        var deceased = new RecordStanding(RecordStatus.Deceased, new DateOnly(2026, 1, 2), "病故");
        var correction = new StatusChangeInput("active", null, "误报，本人健在");
        Assert.Equal([new FieldError("status", RegistryErrorCodes.StatusNotAllowed)], StatusRules.Validate(correction, deceased, false, Today).Errors);
        Assert.Equal(RecordStatus.Active, StatusRules.Validate(correction, deceased, true, Today).Value!.Status);
    }

    [Fact]
    public void History_changes_show_national_id_and_phone_masked()
    {
        var before = RegistryRecordValidator.Validate(RegistrySamples.Person("370102"), AwardCatalog.Default, Today).Value!;
        var created = RecordChanges.Between(null, null, before, RecordStanding.Active);
        Assert.Contains(new FieldChange("nationalId", null, before.MaskedNationalId), created);
        Assert.DoesNotContain(created, c => c.After == before.NationalId || c.After == before.Phone);
        var after = before with { Phone = "13900001111", CurrentEmployer = "山东省总工会" };
        Assert.Equal(
        [
            new FieldChange("currentEmployer", before.CurrentEmployer, "山东省总工会"),
            new FieldChange("phone", "138****5678", "139****1111"),
        ], RecordChanges.Between(before, RecordStanding.Active, after, RecordStanding.Active));
    }

    [Fact]
    public void A_search_is_narrowed_to_the_callers_region()
    {
        var cityStaff = new RegistryCaller("k1", "市总工会 张三", RegistryRole.Staff, "370100");
        Assert.Equal("3701", SearchScope.PrefixFor(cityStaff, null));
        Assert.Equal("370102", SearchScope.PrefixFor(cityStaff, "370102"));
        Assert.Equal("3701", SearchScope.PrefixFor(cityStaff, "370000"));
        Assert.Null(SearchScope.PrefixFor(cityStaff, "370200"));
        Assert.Null(SearchScope.PrefixFor(new RegistryCaller("k2", "无地区", RegistryRole.Staff, null), null));
        Assert.Equal("", SearchScope.PrefixFor(new RegistryCaller("a", "管理员", RegistryRole.Admin, null), null));
        Assert.True(cityStaff.CanAccess("370112"));
        Assert.False(cityStaff.CanAccess("370202"));
    }

    [Fact]
    public void Search_parameters_are_checked_all_at_once_and_a_continuation_round_trips()
    {
        var errors = RegistrySearchQueryParser.Parse(null, "fuzzy", "37", "优秀员工", "19", "gone", "500", "%%%", AwardCatalog.Default).Errors;
        Assert.Equal(["nameMatch", "region", "award", "year", "status", "pageSize", "continuation"], errors.Select(e => e.Field));
        Assert.Equal(RegistryErrorCodes.UnknownNameMatch, errors[0].Code);
        Assert.False(RegistrySearchQueryParser.Parse(null, "5", null, null, null, null, null, null, AwardCatalog.Default).IsValid);
        var position = new SearchPosition("370102", "王建国|mw-0123");
        var query = RegistrySearchQueryParser.Parse("王", "prefix", "370100", "工匠", "2020", "在册", "20", position.ToToken(), AwardCatalog.Default).Value!;
        Assert.Equal(new RegistrySearchQuery
        {
            Name = "王", NameMatch = NameMatch.Prefix, Region = "370100", Award = "craftsman", Year = 2020, Status = RecordStatus.Active,
            PageSize = 20, After = position,
        }, query);
    }

    [Fact]
    public void Record_ids_come_from_the_hash_and_are_checked_before_use_as_keys()
    {
        var id = RegistryRecordId.FromHash(new string('a', 64));
        Assert.Equal("mw-" + new string('a', 32), id);
        Assert.True(RegistryRecordId.IsWellFormed(id));
        Assert.False(RegistryRecordId.IsWellFormed("mw-' or 1 eq 1"));
    }
}
