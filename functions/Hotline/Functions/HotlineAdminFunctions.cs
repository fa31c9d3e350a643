using System.Globalization;
using System.Text.RegularExpressions;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Hotline.Domain;
using Gonghui.Functions.Hotline.Stores;
using Gonghui.Functions.Http;
using Gonghui.Functions.Json;
using Gonghui.Functions.Security;
using Gonghui.Functions.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using MimeKit;

namespace Gonghui.Functions.Hotline.Functions;

/// <summary>
/// Admin APIs for the hotline's data: GET/PUT /api/hotline/calendar/{year} (holiday arrangement of a year) and
/// GET/PUT /api/hotline/routing (regions, units, rules) and GET/PUT /api/hotline/policy (SLA targets, warning
/// percent, transfer, reopen, callback and duplicate limits). A PUT is checked whole and refused with stable codes.
/// </summary>
public sealed partial class HotlineAdminFunctions(ReferenceDataStore reference)
{
    [Function("HotlineGetCalendarYear")]
    [ApiAccess(ApiRoles.Admin | ApiRoles.Supervisor)]
    public async Task<IResult> GetCalendarYear(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hotline/calendar/{year}")] HttpRequest req, string year,
        CancellationToken cancellationToken)
    {
        var data = await reference.GetAsync(cancellationToken);
        return int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
               && data.CalendarYears.FirstOrDefault(candidate => candidate.Year == y) is { } found
            ? HotlineHttp.Json(req, StatusCodes.Status200OK, found)
            : Problems.NotFound($"No holiday arrangement is stored for {year}.", "calendar.year_not_found");
    }

    [Function("HotlinePutCalendarYear")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> PutCalendarYear(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "hotline/calendar/{year}")] HttpRequest req, string year,
        CancellationToken cancellationToken)
    {
        var read = await req.ReadJsonBodyAsync<HolidayCalendarYear>(AppJson.Strict, null, HotlineHttp.MaxBodyBytes, cancellationToken);
        if (!read.IsValid)
        {
            return read.Problem;
        }

        var body = read.Value;

        var errors = body!.Validate().Select(code => new FieldError("$", code)).ToList();
        if (body.Year.ToString(CultureInfo.InvariantCulture) != year)
        {
            errors.Add(new FieldError("year", "calendar.year_mismatch"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        await reference.SaveCalendarYearAsync(body, cancellationToken);
        return HotlineHttp.Json(req, StatusCodes.Status200OK, body);
    }

    [Function("HotlineGetRouting")]
    [ApiAccess(ApiRoles.Admin | ApiRoles.Supervisor | ApiRoles.Operator)]
    public async Task<IResult> GetRouting(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hotline/routing")] HttpRequest req,
        CancellationToken cancellationToken) =>
        HotlineHttp.Json(req, StatusCodes.Status200OK, (await reference.GetAsync(cancellationToken)).RoutingData);

    [Function("HotlinePutRouting")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> PutRouting(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "hotline/routing")] HttpRequest req, CancellationToken cancellationToken)
    {
        var read = await req.ReadJsonBodyAsync<RoutingData>(AppJson.Strict, null, HotlineHttp.MaxBodyBytes, cancellationToken);
        if (!read.IsValid)
        {
            return read.Problem;
        }

        var body = read.Value;

        var errors = new List<FieldError>();
        if (body!.Units.Any(unit => !UnitIdPattern().IsMatch(unit.Id ?? "")))
        {
            errors.Add(new FieldError("units", "id_invalid"));
        }

        if (body.Units.Any(unit => !IsEmailAddress(unit.Email) || !IsEmailAddress(unit.SupervisorEmail)))
        {
            errors.Add(new FieldError("units", "email_invalid"));
        }

        if (errors.Count == 0)
        {
            try
            {
                _ = new RoutingTable(new RegionTable(body.Regions), body.Units, body.Rules);
            }
            catch (ArgumentException ex)
            {
                return Problems.Invalid("rules", "routing.inconsistent", ex.Message);
            }
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid(errors);
        }

        await reference.SaveRoutingAsync(body, cancellationToken);
        return HotlineHttp.Json(req, StatusCodes.Status200OK, body);
    }

    [Function("HotlineGetPolicy")]
    [ApiAccess(ApiRoles.Admin | ApiRoles.Supervisor)]
    public async Task<IResult> GetPolicy(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hotline/policy")] HttpRequest req, CancellationToken cancellationToken) =>
        HotlineHttp.Json(req, StatusCodes.Status200OK, (await reference.GetAsync(cancellationToken)).Policy);

    [Function("HotlinePutPolicy")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> PutPolicy(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "hotline/policy")] HttpRequest req, CancellationToken cancellationToken)
    {
        var read = await req.ReadJsonBodyAsync<HotlinePolicy>(AppJson.Strict, null, HotlineHttp.MaxBodyBytes, cancellationToken);
        if (!read.IsValid)
        {
            return read.Problem;
        }

        var body = read.Value;

        var errors = body!.Validate();
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.Select(code => new FieldError("$", code)));
        }

        await reference.SavePolicyAsync(body, cancellationToken);
        return HotlineHttp.Json(req, StatusCodes.Status200OK, body);
    }

    // The sender parses recipients with MimeKit, so the check does too; a bare local part is not an address here.
    private static bool IsEmailAddress(string? value) =>
        value is not null && MailboxAddress.TryParse(value, out var mailbox) && mailbox.Domain.Length > 0;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex UnitIdPattern();
}
