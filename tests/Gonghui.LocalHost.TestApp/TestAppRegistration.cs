using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Hosting.TestApp;

public static class TestAppRegistration
{
    /// <summary>The test app's functions and services, for its own Program and for tests hosting it in their process.</summary>
    public static FunctionsApplicationBuilder AddTestApp(this FunctionsApplicationBuilder builder)
    {
        builder.AddFunctions(typeof(TestAppRegistration).Assembly);
        builder.Services.AddSingleton<TestRecords>();
        return builder;
    }
}
