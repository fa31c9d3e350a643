// Placeholder entry point until the function host lands (issue 3).
var app = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(args).Build();
app.Run();
