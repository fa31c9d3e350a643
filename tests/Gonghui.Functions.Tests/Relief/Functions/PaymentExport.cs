using System.Text.Json;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>The payment instructions as the bank-transfer export (<c>GET /api/relief/payments/export</c>) lists them.</summary>
public static class PaymentExport
{
    /// <summary>
    /// How many export lines name each of the paid applications, reading the export of every day they were instructed on.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>> LinesPerApplicationAsync(HttpClient admin, IEnumerable<JsonElement> paidApplications)
    {
        var paid = paidApplications.ToList();
        var counts = paid.ToDictionary(a => a.GetProperty("applicationId").GetString()!, _ => 0);
        foreach (var day in paid.Select(a => a.GetProperty("payment").GetProperty("instructedOn").GetString()).Distinct())
        {
            foreach (var line in (await admin.GetStringAsync($"api/relief/payments/export?date={day}")).Split('\n'))
            {
                if (line.IndexOf(',') is > 0 and var comma && counts.ContainsKey(line[..comma]))
                    counts[line[..comma]]++;
            }
        }
        return counts;
    }

    /// <summary>Asserts that the export lists each of the paid applications exactly once.</summary>
    public static async Task AssertOneLineEachAsync(HttpClient admin, IEnumerable<JsonElement> paidApplications)
    {
        var counts = await LinesPerApplicationAsync(admin, paidApplications);
        var wrong = counts.Where(c => c.Value != 1).Select(c => $"{c.Key}: {c.Value}").ToList();
        Assert.True(wrong.Count == 0, $"Payment export lines per application other than one: {string.Join(", ", wrong)}");
    }
}
