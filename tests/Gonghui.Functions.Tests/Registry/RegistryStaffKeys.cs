using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gonghui.Functions.Tests.Relief.Functions;

namespace Gonghui.Functions.Tests.Registry;

/// <summary>API keys for registry tests, made by the admin over the API as an administrator would.</summary>
internal static class RegistryStaffKeys
{
    /// <summary>The secret of a new key of <paramref name="role"/> limited to <paramref name="region"/>.</summary>
    public static async Task<string> CreateAsync(ReliefApp relief, string region, string role = "registry")
    {
        using var admin = relief.Client(ReliefApp.AdminKey);
        using var created = await admin.PostAsJsonAsync("api/keys", new { name = $"档案管理员 {region}", role, region });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
    }
}
