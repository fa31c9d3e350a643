using Gonghui.Functions.Nominations;
using Gonghui.Functions.Tests.Relief.Functions;
using Gonghui.Testing;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>
/// The real function app (its own process) on a private Azurite, mailing to a private maildev, for nomination tests:
/// the relief fixture's settings (keys, link keys, short durable visibility timeouts) with the nominations' hash key,
/// a small material size limit, working days of <see cref="WorkingDayLength"/> and its own task hub. The operator and
/// admin keys of <see cref="ReliefApp"/> are stored.
/// </summary>
public sealed partial class NominationsApp : IAsyncLifetime
{
    /// <summary>The nominations' national ID hash key in the app.</summary>
    public static readonly string HashKey = Convert.ToBase64String(Enumerable.Range(201, 32).Select(i => (byte)i).ToArray());

    /// <summary>The largest material the app accepts in these tests.</summary>
    public const long MaterialMaxBytes = 256 * 1024;

    /// <summary>A working day in these tests: reminders come after two, a default revision is due after five.</summary>
    public static readonly TimeSpan WorkingDayLength = TimeSpan.FromSeconds(3);

    /// <summary>Where the app reads an objector's address (tests give each their own, as the front end would in Azure).</summary>
    public const string NoticeClientAddressHeader = "X-Forwarded-For";

    public AzuriteServer Azurite { get; private set; } = null!;
    public MaildevServer Maildev { get; private set; } = null!;
    public FunctionAppProcess App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteServer.StartAsync();
        Maildev = await MaildevServer.StartAsync();
        await ReliefApp.SeedOperatorAndAdminKeysAsync(Azurite);
        App = await FunctionAppProcess.StartAsync(FunctionAppProcess.BuiltDll("functions", "Gonghui.Functions"), Settings());
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Maildev.DisposeAsync();
        await Azurite.DisposeAsync();
    }

    /// <summary>Kills the app process (no graceful shutdown) and starts it again with the same settings.</summary>
    public async Task RestartAsync()
    {
        await App.DisposeAsync();
        App = await FunctionAppProcess.StartAsync(FunctionAppProcess.BuiltDll("functions", "Gonghui.Functions"), Settings());
    }

    public HttpClient Client(string? key) => App.CreateClient(key);

    private Dictionary<string, string?> Settings()
    {
        var settings = ReliefApp.SettingsFor(Azurite, Maildev);
        settings[NominationsSettings.NationalIdHashKeySetting] = HashKey;
        settings["Gonghui:Nominations:Materials:MaxBytes"] = MaterialMaxBytes.ToString();
        settings["Gonghui:Nominations:Testing:WorkingDayLength"] = WorkingDayLength.ToString();
        settings["Gonghui:Nominations:ClientAddressHeader"] = NoticeClientAddressHeader;
        settings["AzureFunctionsJobHost:extensions:durableTask:hubName"] = "NominationsTests";
        settings["WEBSITE_INSTANCE_ID"] = "nominations-tests";
        return settings;
    }
}

[CollectionDefinition(Name)]
public sealed class NominationsAppCollection : ICollectionFixture<NominationsApp>
{
    public const string Name = "nominations app";
}
