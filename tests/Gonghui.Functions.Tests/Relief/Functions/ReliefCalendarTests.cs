using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Relief.Domain;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>
/// Relief deadlines count the working days of the calendar as an admin keeps it, not the compiled State Council
/// arrangement: days an admin declares holidays push an approval task's reminder, escalation and expiry out.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class ReliefCalendarTests(ReliefApp relief)
{
    private const string Region = "110124";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Holidays_an_admin_adds_to_the_calendar_push_out_the_deadlines_of_tasks_opened_after()
    {
        using var admin = relief.Client(ReliefApp.AdminKey);
        var tomorrow = ChinaStandardTime.ToLocalDate(DateTimeOffset.UtcNow).AddDays(1);
        var original = await CalendarYearAsync(admin, tomorrow.Year);
        var extra = new HolidayPeriod("临时休假", tomorrow, tomorrow.AddDays(8));
        var edited = new HolidayCalendarYear(tomorrow.Year, [.. original?.Holidays ?? [], extra],
            [.. (original?.AdjustedWorkingDays ?? []).Where(day => day.Date < extra.First || day.Date > extra.Last)], "测试：临时休假");
        await PutAsync(admin, edited);
        try
        {
            await relief.PrepareRegionAsync(Region, "50000.00");
            var applicationId = await relief.SubmitAsync(ReliefApp.Request(Region, person: 61));
            await relief.WaitForApprovalMailAsync(applicationId, ReliefApp.ApproverFor(ApprovalLevel.District, Region, deputy: false).Email);
            var task = await relief.GetTaskAsync(applicationId);

            var years = StateCouncilHolidayArrangements.All.Where(year => year.Year != edited.Year).Append(edited);
            var timing = ReliefProgramDefaults.All.Single(program => program.Code == ReliefProgramDefaults.Hardship).Timing;
            var expected = ApprovalTaskDeadlines.After(task.OpenedAt, timing, new WorkingCalendar(years, WorkingHours.Default).AddWorkingDays);
            var compiled = ApprovalTaskDeadlines.After(task.OpenedAt, timing,
                new WorkingCalendar(StateCouncilHolidayArrangements.All, WorkingHours.Default).AddWorkingDays);
            Assert.NotEqual(compiled.ExpiresAt, expected.ExpiresAt);
            Assert.Equal(expected, new ApprovalTaskDeadlines(task.ReminderAt, task.EscalationAt, task.ExpiresAt));
            Assert.Equal(expected.ExpiresAt, (await relief.GetApplicationAsync(applicationId)).GetProperty("until").GetDateTimeOffset());
        }
        finally
        {
            if (original is not null)
                await PutAsync(admin, original);
        }
    }

    private static async Task<HolidayCalendarYear?> CalendarYearAsync(HttpClient admin, int year)
    {
        using var response = await admin.GetAsync($"api/hotline/calendar/{year}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<HolidayCalendarYear>(Json);
    }

    private static async Task PutAsync(HttpClient admin, HolidayCalendarYear year)
    {
        using var response = await admin.PutAsJsonAsync($"api/hotline/calendar/{year.Year}", year, Json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
