using System.Text.Json;
using Gonghui.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gonghui.Functions.Tests.Worker;

/// <summary>What escapes an HTTP function is answered as a problem written to the response, without internals.</summary>
public sealed class ProblemMiddlewareTests
{
    [Fact]
    public async Task An_exception_becomes_a_500_problem_with_the_correlation_id_and_no_stack_trace()
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Headers[CorrelationId.HeaderName] = "corr-123";
        http.Response.Body = new MemoryStream();
        var function = AppFunctions.Http.Single(f => f.Name == "HotlineListTickets");

        await new ProblemMiddleware(NullLogger<ProblemMiddleware>.Instance).Invoke(new TestFunctionContext(function, http, services),
            _ => throw new InvalidOperationException("secret internals at Gonghui.Functions.Somewhere"));

        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        Assert.Equal("corr-123", http.Response.Headers[CorrelationId.HeaderName].ToString());
        http.Response.Body.Position = 0;
        var body = await new StreamReader(http.Response.Body).ReadToEndAsync();
        Assert.DoesNotContain("internals", body);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("internal_error", problem.RootElement.GetProperty("code").GetString());
        Assert.Equal("corr-123", problem.RootElement.GetProperty("correlationId").GetString());
    }
}
