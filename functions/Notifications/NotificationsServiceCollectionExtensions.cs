using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Functions.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpSettings>(configuration.GetSection("Gonghui:Smtp"));
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<EmailOutbox>();
        services.AddSingleton<EmailDeliveryLog>();
        return services;
    }
}
