using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gonghui.Functions.Registry.Domain;
using Gonghui.Functions.Tests.Relief.Functions;

namespace Gonghui.Functions.Tests.Registry;

/// <summary>
/// The registry's HTTP API through the real app process on Azurite: create, read with history, update under If-Match
/// (412 on a stale ETag), status change, a reveal that is recorded, scope by the key's region, CSV import (dry run,
/// then for real, then again changing nothing) and export. Runs on the relief collection's app, whose settings hold
/// the registry's hash key.
/// </summary>
[Collection(ReliefAppCollection.Name)]
public sealed class RegistryHttpTests(ReliefApp relief)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_record_is_created_once_read_updated_under_its_etag_revoked_and_revealed_with_every_change_in_its_history()
    {
        var city = RegistrySamples.NewCity();
        using var staff = await StaffClientAsync(city);
        var nationalId = RegistrySamples.NationalId(new DateOnly(1970, 3, 8));

        using var created = await staff.PostAsJsonAsync("api/registry/records", RegistrySamples.Person(RegistrySamples.District(city), nationalId: nationalId), Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var record = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = record.GetProperty("id").GetString()!;
        Assert.Equal($"/api/registry/records/{id}", created.Headers.Location?.OriginalString);
        var firstETag = created.Headers.ETag!.ToString();
        Assert.DoesNotContain(nationalId, await created.Content.ReadAsStringAsync());

        // The same create again is a retry and answers the record; the same person with other details is refused.
        using var retried = await staff.PostAsJsonAsync("api/registry/records", RegistrySamples.Person(RegistrySamples.District(city), nationalId: nationalId), Json);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(id, (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        using var again = await staff.PostAsJsonAsync("api/registry/records",
            RegistrySamples.Person(RegistrySamples.District(city), name: "王建军", nationalId: nationalId), Json);
        Assert.Equal((HttpStatusCode.Conflict, "registry.already_registered"), await ProblemAsync(again));

        var changed = RegistrySamples.Person(RegistrySamples.District(city), nationalId: nationalId) with { JobTitle = "首席技师" };
        using var updated = await PutAsync(staff, id, firstETag, changed, "职称晋升");
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        using var stale = await PutAsync(staff, id, firstETag, changed with { JobTitle = "技师" }, "旧页面上的修改");
        Assert.Equal((HttpStatusCode.PreconditionFailed, "registry.changed"), await ProblemAsync(stale));
        using var unconditional = await PutAsync(staff, id, null, changed, "没有 ETag");
        Assert.Equal(428, (int)unconditional.StatusCode);

        using var revoked = await staff.PostAsJsonAsync($"api/registry/records/{id}/status",
            new StatusChangeInput("revoked", "2025-06-30", "经核查撤销称号"), Json);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);

        using var revealRequest = new HttpRequestMessage(HttpMethod.Post, $"api/registry/records/{id}/reveal");
        revealRequest.Headers.Add("Idempotency-Key", "reveal-1");
        using var revealed = await staff.SendAsync(revealRequest);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Equal(nationalId, (await revealed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nationalId").GetString());
        Assert.Equal("no-store", revealed.Headers.CacheControl?.ToString());

        using var read = await staff.GetAsync($"api/registry/records/{id}");
        var withHistory = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(revoked.Headers.ETag!.ToString(), read.Headers.ETag!.ToString());
        Assert.Equal("首席技师", withHistory.GetProperty("record").GetProperty("jobTitle").GetString());
        Assert.Equal("revoked", withHistory.GetProperty("record").GetProperty("standing").GetProperty("status").GetString());
        Assert.Equal(3, withHistory.GetProperty("history").GetArrayLength());
        Assert.Equal(["职称晋升", "经核查撤销称号"], withHistory.GetProperty("history").EnumerateArray().Skip(1).Select(h => h.GetProperty("reason").GetString()));
        var reveal = Assert.Single(withHistory.GetProperty("reveals").EnumerateArray());
        Assert.Equal("reveal-1", reveal.GetProperty("revealId").GetString());
        Assert.DoesNotContain(nationalId, withHistory.GetProperty("record").ToString());
        Assert.DoesNotContain(nationalId, withHistory.GetProperty("history").ToString());
    }

    [Fact]
    public async Task A_region_s_staff_neither_read_nor_write_nor_search_another_region_s_records()
    {
        var city = RegistrySamples.NewCity();
        var otherCity = RegistrySamples.NewCity();
        using var admin = relief.Client(ReliefApp.AdminKey);
        using var elsewhere = await admin.PostAsJsonAsync("api/registry/records", RegistrySamples.Person(RegistrySamples.District(otherCity), name: "李秀英"), Json);
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        var otherId = (await elsewhere.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        using var staff = await StaffClientAsync(city);
        using var own = await staff.PostAsJsonAsync("api/registry/records", RegistrySamples.Person(RegistrySamples.District(city), name: "赵志刚"), Json);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);

        using var read = await staff.GetAsync($"api/registry/records/{otherId}");
        Assert.Equal((HttpStatusCode.Forbidden, "registry.out_of_scope"), await ProblemAsync(read));
        using var write = await staff.PostAsJsonAsync("api/registry/records", RegistrySamples.Person(RegistrySamples.District(otherCity)), Json);
        Assert.Equal((HttpStatusCode.Forbidden, "registry.out_of_scope"), await ProblemAsync(write));
        using var search = await staff.GetAsync($"api/registry/records?region={otherCity}");
        Assert.Equal((HttpStatusCode.Forbidden, "registry.out_of_scope"), await ProblemAsync(search));

        var mine = await staff.GetFromJsonAsync<JsonElement>($"api/registry/records?region={city}");
        Assert.Equal(["赵志刚"], mine.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("name").GetString()));
        using var bad = await staff.GetAsync("api/registry/records?year=abc&status=unknown");
        var (status, _) = await ProblemAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task An_import_is_checked_by_a_dry_run_written_once_and_exported_with_ids_masked()
    {
        var city = RegistrySamples.NewCity();
        using var staff = await StaffClientAsync(city);
        var region = RegistrySamples.District(city);
        var ids = new[] { RegistrySamples.NationalId(new DateOnly(1965, 1, 2)), RegistrySamples.NationalId(new DateOnly(1972, 7, 9)) };
        var good = RegistryCsv.Text(RegistryCsv.Row("孙立平", ids[0], region), RegistryCsv.Row("周建华", ids[1], region, award: "全国五一劳动奖章"));
        var bad = RegistryCsv.Text(RegistryCsv.Row("孙立平", ids[0], region, year: "1800"), RegistryCsv.Row("", ids[1], region));

        var refused = await ImportAsync(staff, bad, dryRun: false);
        Assert.False(refused.GetProperty("written").GetBoolean());
        Assert.Equal(2, refused.GetProperty("errors").GetArrayLength());
        var dryRun = await ImportAsync(staff, good, dryRun: true);
        Assert.Equal((false, 2), (dryRun.GetProperty("written").GetBoolean(), dryRun.GetProperty("created").GetInt32()));
        Assert.Equal(0, (await staff.GetFromJsonAsync<JsonElement>($"api/registry/records?region={city}")).GetProperty("items").GetArrayLength());

        var written = await ImportAsync(staff, good, dryRun: false);
        Assert.Equal((true, 2), (written.GetProperty("written").GetBoolean(), written.GetProperty("created").GetInt32()));
        var twice = await ImportAsync(staff, good, dryRun: false);
        Assert.Equal((0, 0, 2), (twice.GetProperty("created").GetInt32(), twice.GetProperty("updated").GetInt32(), twice.GetProperty("unchanged").GetInt32()));

        using var export = await staff.GetAsync($"api/registry/export?region={city}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes);
        Assert.Contains("孙立平", csv);
        Assert.All(ids, id => Assert.DoesNotContain(id, csv));
        using var fullIds = await staff.GetAsync($"api/registry/export?region={city}&fullIds=true");
        Assert.Equal((HttpStatusCode.Forbidden, "registry.out_of_scope"), await ProblemAsync(fullIds));
    }

    /// <summary>A registry key limited to <paramref name="region"/>, created by the admin over the API.</summary>
    private async Task<HttpClient> StaffClientAsync(string region) => relief.Client(await RegistryStaffKeys.CreateAsync(relief, region));

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string id, string? etag, RegistryRecordInput record, string reason)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/registry/records/{id}") { Content = JsonContent.Create(new { record, reason }, options: Json) };
        if (etag is not null)
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, string csv, bool dryRun)
    {
        using var content = new ByteArrayContent(RegistryCsv.Utf8(csv, bom: true));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync($"api/registry/import?dryRun={(dryRun ? "true" : "false")}&fileName=archive.csv", content);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<(HttpStatusCode Status, string? Code)> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, problem.GetProperty("code").GetString());
    }
}
