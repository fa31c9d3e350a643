using Gonghui.Functions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gonghui.Functions.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    public static readonly StorageNames Storage = new() { Tables = [EmailDeliveryLog.TableName], Queues = [EmailOutbox.QueueName] };

    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStorage(Storage);
        services.Configure<SmtpSettings>(configuration.GetSection("Gonghui:Smtp"));
        services.AddSingleton<SmtpEmailSender>();
        services.AddSingleton<EmailOutbox>();
        services.AddSingleton<EmailDeliveryLog>();
        return services;
    }
}
