using Gonghui.Functions.Money;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Relief.Domain;

/// <summary>
/// Turns a <see cref="ReliefApplicationRequest"/> into <see cref="ReliefApplicationDetails"/> or field
/// errors keyed by JSON path. Never throws for bad input. Eligibility (income, caps, registry) is a
/// separate step: this only checks that the application is complete and well-formed.
/// </summary>
public static class ReliefApplicationValidator
{
    public const int MaxNameLength = 50;
    public const int MaxEmployerLength = 100;
    public const int MaxDescriptionLength = 2000;
    public const int MaxDocuments = 20;
    public const int MaxHouseholdSize = 20;

    /// <summary>Far above any real figure; keeps every derived amount (e.g. 10 × the line) in range.</summary>
    public static readonly Yuan MaxAmount = Yuan.FromWholeYuan(100_000_000);

    public static ValidationResult<ReliefApplicationDetails> Validate(
        ReliefApplicationRequest? request, IReadOnlyCollection<string> programCodes, DateOnly today)
    {
        var errors = new FieldErrorList();
        if (request is null)
        {
            errors.Add("", "required", "请求内容不能为空。");
            return ValidationResult<ReliefApplicationDetails>.Invalid(errors.Items);
        }

        var programCode = errors.Text(request.ProgramCode, "programCode", 40, required: true);
        if (programCode is not null && !programCodes.Contains(programCode))
            errors.Add("programCode", "unknown_program", "没有这个帮扶项目。");

        var applicant = ValidateApplicant(request.Applicant, today, errors);

        if (request.HouseholdSize is not { } householdSize)
            errors.Add("householdSize", "required", "请填写家庭人口数。");
        else if (householdSize is < 1 or > MaxHouseholdSize)
            errors.Add("householdSize", "out_of_range", $"家庭人口数应在 1 到 {MaxHouseholdSize} 之间。");

        var income = errors.Amount(request.MonthlyIncomePerPerson, "monthlyIncomePerPerson", mustBePositive: false);
        var line = errors.Amount(request.MinimumLivingLine, "minimumLivingLine", mustBePositive: true);
        var requested = errors.Amount(request.RequestedAmount, "requestedAmount", mustBePositive: true);

        ReliefReason? reason = null;
        if (string.IsNullOrWhiteSpace(request.Reason))
            errors.Add("reason", "required", "请选择申请原因。");
        else if (WireNames<ReliefReason>.TryParse(request.Reason.Trim(), out var parsed))
            reason = parsed;
        else
            errors.Add("reason", "invalid_reason", "申请原因应为 illness、disaster、accident、education 或 other。");

        var description = errors.Text(request.Description, "description", MaxDescriptionLength, required: false, multiline: true);
        var documents = ValidateDocuments(request.Documents, errors);
        var payee = ValidatePayee(request.PayeeAccount, errors);
        var sourceTicketId = errors.Text(request.SourceTicketId, "sourceTicketId", 40, required: false);

        if (errors.Items.Count > 0) return ValidationResult<ReliefApplicationDetails>.Invalid(errors.Items);
        return ValidationResult<ReliefApplicationDetails>.Valid(new ReliefApplicationDetails
        {
            ProgramCode = programCode!,
            Applicant = applicant!,
            HouseholdSize = request.HouseholdSize!.Value,
            MonthlyIncomePerPerson = income!.Value,
            MinimumLivingLine = line!.Value,
            Reason = reason!.Value,
            Description = description,
            RequestedAmount = requested!.Value,
            Documents = documents,
            PayeeAccount = payee!,
            SourceTicketId = sourceTicketId,
        });
    }

    private static Applicant? ValidateApplicant(ApplicantRequest? request, DateOnly today, FieldErrorList errors)
    {
        if (request is null)
        {
            errors.Add("applicant", "required", "请填写申请人信息。");
            return null;
        }
        var memberId = errors.Text(request.MemberId, "applicant.memberId", 40, required: true);
        if (memberId is not null && !memberId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            errors.Add("applicant.memberId", "invalid_member_id", "会员编号只能包含字母、数字、连字符和下划线。");
        var name = errors.Text(request.Name, "applicant.name", MaxNameLength, required: true);
        var check = NationalId.Validate(request.NationalId, today);
        if (!check.IsValid) errors.Add("applicant.nationalId", check.ErrorCode!, check.ErrorMessage!);
        var region = errors.Text(request.RegionCode, "applicant.regionCode", 6, required: true);
        if (region is not null && (region.Length != 6 || !region.All(char.IsAsciiDigit) || region.EndsWith("00", StringComparison.Ordinal)))
            errors.Add("applicant.regionCode", "invalid_region_code", "地区代码应为 6 位区县级行政区划代码。");
        var employer = errors.Text(request.Employer, "applicant.employer", MaxEmployerLength, required: true);
        var phone = errors.Text(request.Phone, "applicant.phone", 20, required: false);
        if (phone is not null && (phone.Count(char.IsAsciiDigit) < 7 || !phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')')))
            errors.Add("applicant.phone", "invalid_phone", "联系电话格式不正确。");
        return memberId is null || name is null || !check.IsValid || region is null || employer is null
            ? null
            : new Applicant(memberId, name, check.CanonicalId!, region, employer, phone);
    }

    private static IReadOnlyList<SupportingDocument> ValidateDocuments(IReadOnlyList<SupportingDocumentRequest?>? requests, FieldErrorList errors)
    {
        if (requests is null) return [];
        if (requests.Count > MaxDocuments)
        {
            errors.Add("documents", "too_many", $"证明材料最多 {MaxDocuments} 份。");
            return [];
        }
        var documents = new List<SupportingDocument>();
        for (var i = 0; i < requests.Count; i++)
        {
            var name = errors.Text(requests[i]?.Name, $"documents[{i}].name", 100, required: true);
            var reference = errors.Text(requests[i]?.Reference, $"documents[{i}].reference", 500, required: false);
            if (name is not null) documents.Add(new SupportingDocument(name, reference));
        }
        return documents;
    }

    private static PayeeAccount? ValidatePayee(PayeeAccountRequest? request, FieldErrorList errors)
    {
        if (request is null)
        {
            errors.Add("payeeAccount", "required", "请填写收款账户。");
            return null;
        }
        var accountName = errors.Text(request.AccountName, "payeeAccount.accountName", MaxNameLength, required: true);
        var number = errors.Text(request.AccountNumber, "payeeAccount.accountNumber", 40, required: true)?.Replace(" ", "");
        if (number is not null && (number.Length is < 8 or > 30 || !number.All(char.IsAsciiDigit)))
            errors.Add("payeeAccount.accountNumber", "invalid_account_number", "银行账号应为 8 到 30 位数字。");
        var bank = errors.Text(request.BankName, "payeeAccount.bankName", 100, required: true);
        return accountName is null || number is null || bank is null ? null : new PayeeAccount(accountName, number, bank);
    }

    /// <summary>Collects errors and holds the shared checks for text and amount fields.</summary>
    private sealed class FieldErrorList
    {
        private readonly List<FieldError> _items = [];

        public IReadOnlyList<FieldError> Items => _items;

        public void Add(string field, string code, string message) => _items.Add(new FieldError(field, code, message));

        /// <summary>Trimmed text, or null when absent or wrong (and then an error is recorded if it matters).</summary>
        public string? Text(string? value, string field, int maxLength, bool required, bool multiline = false)
        {
            var text = value?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (required) Add(field, "required", "此项必填。");
                return null;
            }
            if (text.Length > maxLength)
            {
                Add(field, "too_long", $"最长 {maxLength} 个字符。");
                return null;
            }
            if (text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t')))
            {
                Add(field, "invalid_characters", "包含不允许的控制字符。");
                return null;
            }
            return text;
        }

        public Yuan? Amount(string? value, string field, bool mustBePositive)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Add(field, "required", "此项必填。");
                return null;
            }
            if (!Yuan.TryParse(value.Trim(), out var amount))
            {
                Add(field, "invalid_amount", "金额应为不小于 0 的数字，最多两位小数，例如 1234.50。");
                return null;
            }
            if (mustBePositive && amount.Fen == 0)
            {
                Add(field, "must_be_positive", "金额必须大于 0。");
                return null;
            }
            if (amount > MaxAmount)
            {
                Add(field, "out_of_range", $"金额不能超过 {MaxAmount.ToDisplayString()}。");
                return null;
            }
            return amount;
        }
    }
}
