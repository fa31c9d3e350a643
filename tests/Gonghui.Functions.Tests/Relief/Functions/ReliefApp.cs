using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Hotline;
using Gonghui.Functions.Privacy;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Stores;
using Gonghui.Functions.Security;
using Gonghui.Functions.Validation;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Relief.Functions;

/// <summary>
/// The real function app (its own process) on a private Azurite, mailing to a private maildev, with short durable
/// visibility timeouts so a killed process's work comes back within seconds. Keys: one operator, one admin, and one
/// per approver id (the key's name), stored before the app starts.
/// </summary>
public sealed partial class ReliefApp : IAsyncLifetime
{
    public const string OperatorKey = "test-operator-key-5b1c2d3e4f";
    public const string AdminKey = "test-admin-key-9a8b7c6d5e4f";
    public static readonly string OldKeySecret = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string NewKeySecret = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());
    private static readonly string HashKey = Convert.ToBase64String(Enumerable.Range(51, 32).Select(i => (byte)i).ToArray());

    /// <summary>The registry's national ID hash key in the app, for tests that enter people in its registry.</summary>
    public static readonly string RegistryHashKey = Convert.ToBase64String(Enumerable.Range(151, 32).Select(i => (byte)i).ToArray());

    /// <summary>The key that signs staff page sessions and form tokens in the app.</summary>
    public static readonly string StaffSessionKey = Convert.ToBase64String(Enumerable.Range(201, 32).Select(i => (byte)i).ToArray());

    private readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    public AzuriteServer Azurite { get; private set; } = null!;
    public MaildevServer Maildev { get; private set; } = null!;
    public FunctionAppProcess App { get; private set; } = null!;
    public TableServiceClient Tables { get; private set; } = null!;

    /// <summary>Everything every app process of this fixture printed (earlier processes included).</summary>
    public string AllOutput => _earlierOutput + App.Output;
    private string _earlierOutput = "";

    /// <summary>The operator and admin keys every relief test app takes, stored in that Azurite.</summary>
    public static async Task SeedOperatorAndAdminKeysAsync(AzuriteServer azurite)
    {
        var keys = new ApiKeyStore(azurite.CreateTableServiceClient(), TimeProvider.System);
        await keys.SeedAsync(OperatorKey, "test operator", ApiRoles.Operator);
        await keys.SeedAsync(AdminKey, "test admin", ApiRoles.Admin);
    }

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteServer.StartAsync();
        Maildev = await MaildevServer.StartAsync();
        Tables = Azurite.CreateTableServiceClient();
        await SeedOperatorAndAdminKeysAsync(Azurite);
        App = await FunctionAppProcess.StartAsync(Dll, Settings(_linkKeys, _activeKeyId));
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Maildev.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    private static string Dll => FunctionAppProcess.BuiltDll("functions", "Gonghui.Functions");

    /// <summary>
    /// Kills the app process (no graceful shutdown) and starts it again with these link keys (default: as before)
    /// and extra settings (default: none).
    /// </summary>
    public async Task RestartAsync(string? linkKeys = null, string? activeKeyId = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        _earlierOutput += App.Output;
        await App.DisposeAsync();
        (_linkKeys, _activeKeyId) = (linkKeys ?? _linkKeys, activeKeyId ?? _activeKeyId);
        App = await FunctionAppProcess.StartAsync(Dll, Settings(_linkKeys, _activeKeyId, extra));
    }

    private string _linkKeys = "old:" + OldKeySecret;
    private string _activeKeyId = "old";

    private Dictionary<string, string?> Settings(string linkKeys, string activeKeyId, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = SettingsFor(Azurite, Maildev, linkKeys, activeKeyId);
        // One app instance restarted, as on one Azure instance: the new process takes over its predecessor's task-hub
        // partition leases at once instead of waiting for them to expire.
        settings["WEBSITE_INSTANCE_ID"] = "relief-tests";
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
            settings[name] = value;
        return settings;
    }

    /// <summary>The relief tests' durable task hub, in place of host.json's hubName.</summary>
    public const string TaskHubName = "ReliefTests";

    /// <summary>The app's settings on this Azurite and maildev, with short durable visibility timeouts.</summary>
    public static Dictionary<string, string?> SettingsFor(AzuriteServer azurite, MaildevServer maildev, string? linkKeys = null, string? activeKeyId = null) => new()
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Gonghui:Smtp:Port"] = maildev.SmtpPort.ToString(),
        ["Gonghui:Approvals:LinkKeys"] = linkKeys ?? "old:" + OldKeySecret,
        ["Gonghui:Approvals:ActiveKeyId"] = activeKeyId ?? "old",
        ["Gonghui:Relief:NationalIdHashKey"] = HashKey,
        [Gonghui.Functions.Registry.RegistrySettings.NationalIdHashKeySetting] = RegistryHashKey,
        [Gonghui.Functions.StaffPages.StaffPagesSettings.SessionKeySetting] = StaffSessionKey,
        [HotlineServiceCollectionExtensions.PhoneHashKeySetting] = HashKey,
        ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = TaskHubName,
        [ShortVisibilityTimeouts[0]] = "00:00:05",
        [ShortVisibilityTimeouts[1]] = "00:00:05",
    };

    /// <summary>
    /// The durable queues' visibility timeouts, five seconds in <see cref="SettingsFor"/> so that what a killed process
    /// had fetched comes back within seconds, not host.json's minutes.
    /// </summary>
    public static readonly string[] ShortVisibilityTimeouts =
    [
        "AzureFunctionsJobHost:extensions:durableTask:storageProvider:workItemQueueVisibilityTimeout",
        "AzureFunctionsJobHost:extensions:durableTask:storageProvider:controlQueueVisibilityTimeout",
    ];

    public HttpClient Client(string? key) => App.CreateClient(key);

    /// <summary>A client of the local host's durable management API (its master key, not an app key).</summary>
    public HttpClient Management() => App.CreateClient(App.MasterKey);

    /// <summary>Budget for hardship in <paramref name="region"/> this year, approvers at all three levels (each with an API key named by its id).</summary>
    public async Task PrepareRegionAsync(string region, string budget)
    {
        using var admin = Client(AdminKey);
        await PrepareRegionAsync(admin, Tables, region, budget, ChinaStandardTime.ToLocalDate(DateTimeOffset.UtcNow).Year);
    }

    /// <summary>Budget for hardship in <paramref name="region"/> and <paramref name="year"/>, approvers at all three levels (each with an API key named by its id).</summary>
    public static async Task PrepareRegionAsync(HttpClient admin, TableServiceClient tables, string region, string budget, int year)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        (await admin.PutAsJsonAsync($"api/relief/budgets/hardship/{region}/{year}", new { budget })).EnsureSuccessStatusCode();
        var keys = new ApiKeyStore(tables, TimeProvider.System);
        foreach (var level in new[] { ApprovalLevel.District, ApprovalLevel.City, ApprovalLevel.Province })
        {
            var levelRegion = level.RegionCodeFor(region);
            var approvers = new LevelApprovers(ApproverFor(level, region, deputy: false), ApproverFor(level, region, deputy: true));
            (await admin.PutAsJsonAsync($"api/relief/approvers/{levelRegion}/{WireNames<ApprovalLevel>.Of(level)}", approvers, json)).EnsureSuccessStatusCode();
            foreach (var approver in new[] { approvers.Approver, approvers.Deputy })
                await keys.SeedAsync(ApproverKey(approver.Id), approver.Id, ApiRoles.Approver);
        }
    }

    /// <summary>Approver ids carry the applicant's district so tests in different regions never share an approver.</summary>
    public static Approver ApproverFor(ApprovalLevel level, string district, bool deputy)
    {
        var id = $"{WireNames<ApprovalLevel>.Of(level)}-{district}{(deputy ? "-deputy" : "")}";
        return new Approver(id, deputy ? "副职审批人" : $"{level.ChineseName()}审批人", $"{id}@test.local");
    }

    public static string ApproverKey(string approverId) => $"test-approver-key-{approverId}";

    /// <summary>A valid application in <paramref name="region"/> whose national ID differs by <paramref name="person"/>.</summary>
    public static ReliefApplicationRequest Request(string region, int person, string amount = "3000.00") => new()
    {
        ProgramCode = "hardship",
        Applicant = new ApplicantRequest
        {
            MemberId = $"M-{person:D6}",
            Name = "测试申请人",
            NationalId = NationalIdFor(region, person),
            RegionCode = region,
            Employer = "测试单位",
            Phone = PhoneFor(person),
        },
        HouseholdSize = 3,
        MonthlyIncomePerPerson = "1000.00",
        MinimumLivingLine = "1200.00",
        Reason = "illness",
        RequestedAmount = amount,
        Documents = [new SupportingDocumentRequest { Name = "诊断证明" }],
        PayeeAccount = new PayeeAccountRequest { AccountName = "测试申请人", AccountNumber = "6222020200112233445", BankName = "中国工商银行" },
    };

    /// <summary>A valid 18-digit national ID (born 1980-01-01 plus <paramref name="person"/> days) in <paramref name="region"/>.</summary>
    public static string NationalIdFor(string region, int person)
    {
        var first17 = $"{region}{new DateOnly(1980, 1, 1).AddDays(person):yyyyMMdd}{person % 1000:D3}";
        return first17 + NationalId.CheckCharacter(first17);
    }

    public static string PhoneFor(int person) => $"139{person:D8}";

    public async Task<string> SubmitAsync(ReliefApplicationRequest request)
    {
        using var client = Client(OperatorKey);
        using var response = await client.PostAsJsonAsync("api/relief/applications", request, _json);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applicationId").GetString()!;
    }

    public async Task<JsonElement> GetApplicationAsync(string applicationId)
    {
        using var client = Client(OperatorKey);
        return await client.GetFromJsonAsync<JsonElement>($"api/relief/applications/{applicationId}");
    }

    /// <summary>Polls the application until <paramref name="done"/> holds.</summary>
    public async Task<JsonElement> WaitForApplicationAsync(string applicationId, Func<JsonElement, bool> done, TimeSpan? timeout = null)
    {
        using var client = Client(OperatorKey);
        var read = await Eventually.ReadAsync(async () =>
        {
            using var response = await client.GetAsync($"api/relief/applications/{applicationId}");
            return response.IsSuccessStatusCode ? (JsonElement?)await response.Content.ReadFromJsonAsync<JsonElement>() : null;
        }, application => application is { } found && done(found), $"application {applicationId} to reach the awaited state", timeout,
            () => Task.FromResult(App.Output));
        return read!.Value;
    }

    /// <summary>The open task of an application as its saved state has it.</summary>
    public async Task<ApprovalTask> GetTaskAsync(string applicationId) =>
        (await new ApplicationStore(Tables).GetAsync(applicationId))?.State?.Task ?? throw new InvalidOperationException($"{applicationId} has no open task.");

    public static bool HasStatus(JsonElement application, string status) => application.GetProperty("status").GetString() == status;

    /// <summary>The approval e-mail of one task for one recipient.</summary>
    public Task<MaildevEmail> WaitForApprovalMailAsync(string applicationId, string recipientEmail, string tag = "待审批") =>
        Maildev.WaitForEmailAsync(e => e.Subject?.Contains(applicationId, StringComparison.Ordinal) == true
            && e.Subject.Contains(tag, StringComparison.Ordinal) && e.To?.Any(t => t.Address == recipientEmail) == true, TimeSpan.FromSeconds(30));

    /// <summary>The token of the /api/approvals/{token} link in a mail.</summary>
    public static string TokenIn(MaildevEmail email) => LinkPattern().Match(email.Text ?? "").Groups["token"].Value;

    /// <summary>The anti-forgery value of a confirmation page.</summary>
    public static string FormTokenIn(string html) => FormTokenPattern().Match(html).Groups["value"].Value;

    [GeneratedRegex(@"/api/approvals/(?<token>[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("name=\"formToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex FormTokenPattern();

    /// <summary>POSTs the confirmation form as the browser would (same origin).</summary>
    public async Task<HttpResponseMessage> PostDecisionFormAsync(string token, string? formToken, string decision, string? comment = null,
        string? origin = null)
    {
        using var client = Client(null);
        var fields = new Dictionary<string, string> { ["decision"] = decision };
        if (formToken is not null) fields["formToken"] = formToken;
        if (comment is not null) fields["comment"] = comment;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/approvals/{token}") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", origin ?? App.BaseAddress.GetLeftPart(UriPartial.Authority));
        return await client.SendAsync(request);
    }
}
