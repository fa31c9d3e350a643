using System.Net;
using System.Text.RegularExpressions;
using Gonghui.Functions.StaffPages;

namespace Gonghui.Functions.Tests.StaffPages;

/// <summary>
/// A browser-like HTTP client of the staff pages: keeps cookies, does not follow redirects (tests look at them), and
/// posts forms as a same-origin page does (no Origin header, as plain HttpClient sends none).
/// </summary>
public sealed partial class StaffPageClient : IDisposable
{
    private readonly HttpClient _client;

    public StaffPageClient(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
        };
    }

    public CookieContainer Cookies { get; }

    public Cookie? SessionCookie => Cookies.GetAllCookies().FirstOrDefault(c => c.Name == StaffSessionCookie.Name);

    /// <summary>Posts the sign-in form with this key; the answer is the redirect (or the form again).</summary>
    public Task<HttpResponseMessage> SignInAsync(string secret) => PostAsync(StaffSignInFunctions.Path, new() { ["key"] = secret });

    public async Task<(HttpStatusCode Status, string Html)> GetPageAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    public Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string> fields, Action<HttpRequestMessage>? adjust = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        adjust?.Invoke(request);
        return _client.SendAsync(request);
    }

    /// <summary>The form token a page's forms carry.</summary>
    public static string FormToken(string html) =>
        FormTokenField().Match(html) is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("No form token on the page.");

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"_form\" value=\"([^\"]*)\"")]
    private static partial Regex FormTokenField();
}
