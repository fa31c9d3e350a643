using Gonghui.Functions.Validation;
using Gonghui.Functions.Json;
using System.Globalization;
using Gonghui.Functions.Money;
using Microsoft.Azure.Functions.Worker;
using Gonghui.Functions.Http;
using Gonghui.Functions.Security;
using Microsoft.AspNetCore.Http;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Relief.Functions;

public sealed record BudgetRequest
{
    public string? Budget { get; init; }
}

public sealed record BudgetView(string ProgramCode, string RegionCode, int Year, Yuan Budget, Yuan Reserved, Yuan Spent, Yuan Available)
{
    public static BudgetView From(BudgetBalance balance) => new(balance.Key.ProgramCode, balance.Key.RegionCode, balance.Key.Year,
        balance.Budget, balance.Reserved, balance.Spent, balance.Available);
}

public sealed record UnitContactRequest
{
    public string? Name { get; init; }
    public string? Email { get; init; }
}

/// <summary>Programs, budgets, the approver directory, unit contacts and the bank export (admin).</summary>
public sealed class ReliefAdminFunctions(ProgramStore programs, BudgetStore budgets, ReliefDirectory directory, PaymentStore payments)
{
    [Function("ReliefListPrograms")]
    [ApiAccess(ApiRoles.Admin | ApiRoles.Operator | ApiRoles.Handler | ApiRoles.Supervisor)]
    public async Task<IResult> ListPrograms(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "relief/programs")] HttpRequest req,
        CancellationToken cancellationToken) =>
        Results.Json(await programs.ListAsync(cancellationToken), AppJson.Options);

    [Function("ReliefSaveProgram")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> SaveProgram([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "relief/programs/{code}")] HttpRequest req,
        string code, CancellationToken cancellationToken)
    {
        var body = await req.ReadJsonBodyAsync<ReliefProgram>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        if (body.Value.Code != code) return Problems.Invalid("code", "program_code_mismatch", "路径与正文中的项目代码不一致。");
        var errors = ReliefProgramValidator.Validate(body.Value);
        if (errors.Count > 0) return ReliefApplicationFunctions.ValidationProblem(errors);
        await programs.SaveAsync(body.Value, cancellationToken);
        return Results.Json(body.Value, AppJson.Options);
    }

    [Function("ReliefGetBudget")]
    [ApiAccess(ApiRoles.Admin | ApiRoles.Supervisor)]
    public async Task<IResult> GetBudget(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "relief/budgets/{program}/{region}/{year}")] HttpRequest req,
        string program, string region, string year, CancellationToken cancellationToken)
    {
        if (!TryYear(year, out var y)) return Problems.Invalid("year", "invalid_year", "年度为四位数字。");
        var key = new BudgetKey(program, region, y);
        return await budgets.GetAsync(key, cancellationToken) is { } balance
            ? Results.Json(BudgetView.From(balance), AppJson.Options)
            : Problems.NotFound($"No budget {key}.", "relief.budget_not_found");
    }

    [Function("ReliefSetBudget")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> SetBudget([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "relief/budgets/{program}/{region}/{year}")] HttpRequest req,
        string program, string region, string year, CancellationToken cancellationToken)
    {
        if (!TryYear(year, out var y)) return Problems.Invalid("year", "invalid_year", "年度为四位数字。");
        var body = await req.ReadJsonBodyAsync<BudgetRequest>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        if (!Yuan.TryParse(body.Value.Budget, out var amount)) return Problems.Invalid("budget", "invalid_amount", "预算金额格式不正确，例如 \"100000.00\"。");
        if (await programs.FindAsync(program, cancellationToken) is null) return Problems.NotFound($"No relief program {program}.", "relief.program_not_found");
        if (region.Length != 6 || !region.All(char.IsAsciiDigit)) return Problems.Invalid("region", "invalid_region", "地区代码为 6 位数字。");
        var result = await budgets.SetBudgetAsync(new BudgetKey(program, region, y), amount, cancellationToken);
        return result.IsValid ? Results.Json(BudgetView.From(result.Value!), AppJson.Options) : ReliefApplicationFunctions.ValidationProblem(result.Errors);
    }

    [Function("ReliefSetApprovers")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> SetApprovers([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "relief/approvers/{region}/{level}")] HttpRequest req,
        string region, string level, CancellationToken cancellationToken)
    {
        if (!WireNames<ApprovalLevel>.TryParse(level, out var parsed)) return Problems.Invalid("level", "invalid_level", "审批层级为 district、city 或 province。");
        var body = await req.ReadJsonBodyAsync<LevelApprovers>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        await directory.SetApproversAsync(parsed, region, body.Value, cancellationToken);
        return Results.Json(body.Value, AppJson.Options);
    }

    [Function("ReliefSetUnit")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> SetUnit([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "relief/units/{unit}")] HttpRequest req,
        string unit, CancellationToken cancellationToken)
    {
        var body = await req.ReadJsonBodyAsync<UnitContactRequest>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        if (string.IsNullOrWhiteSpace(body.Value.Name) || string.IsNullOrWhiteSpace(body.Value.Email) || !body.Value.Email.Contains('@'))
            return Problems.Invalid("email", "required", "审批人需有姓名和有效的电子邮箱。");
        var contact = new UnitContact(body.Value.Name.Trim(), body.Value.Email.Trim());
        await directory.SetUnitAsync(unit, contact, cancellationToken);
        return Results.Json(contact, AppJson.Options);
    }

    private static bool TryYear(string text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 2000 and <= 2100;

    /// <summary>The day's payment instructions (China-time instruction day) as the bank-transfer CSV, each exactly once.</summary>
    [Function("ReliefExportPayments")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> ExportPayments([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "relief/payments/export")] HttpRequest req,
        CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(req.Query["date"].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return Problems.Invalid("date", "invalid_date", "日期格式为 YYYY-MM-DD。");
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        PaymentCsv.Write(writer, await payments.ListForDayAsync(day, cancellationToken));
        return Results.Text(writer.ToString(), "text/csv; charset=utf-8");
    }
}
