using Gonghui.Functions.Validation;
using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Gonghui.Functions.Approvals;
using Gonghui.Functions.Calendar;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Relief.Functions.Approval;
using Gonghui.Functions.Relief.Stores;

namespace Gonghui.Functions.Relief.Services;

/// <summary>Who submits or acts on an application: the API key's id and name, and the unit it speaks for.</summary>
public sealed record ReliefActor(string Id, string Name, string Unit);

/// <summary>
/// Submits an application: validate, store it, start its <c>ReliefApproval</c> orchestration (instance id =
/// application id) through the calling function's durable client. Repeating a submission with the same id finishes what a crash left undone and starts nothing twice.
/// </summary>
public sealed class ReliefSubmissions(ProgramStore programs, ApplicationStore applications,
    ReliefSettingsAccessor settings, TimeProvider clock)
{
    public async Task<ValidationResult<StoredApplication>> SubmitAsync(
        ReliefApplicationRequest? request, ReliefActor actor, string? applicationId, DurableTaskClient durable,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var known = await programs.ListAsync(cancellationToken);
        var validation = ReliefApplicationValidator.Validate(request, [.. known.Select(p => p.Code)], ChinaStandardTime.ToLocalDate(now));
        if (!validation.IsValid) return ValidationResult<StoredApplication>.Invalid(validation.Errors);
        var details = validation.Value!;
        var program = known.Single(p => p.Code == details.ProgramCode);
        var application = new StoredApplication(applicationId ?? NewId(now), actor.Unit, actor.Id, actor.Name, now, details, null);
        if (!await applications.AddAsync(application, settings.Value.NationalIdHasher.Hash(details.Applicant.NationalId), cancellationToken))
            application = (await applications.GetAsync(application.ApplicationId, cancellationToken))!;
        if (await durable.GetInstanceAsync(application.ApplicationId, cancellation: cancellationToken) is null)
        {
            var submission = new ReliefSubmission(application.ApplicationId, application.Details.Applicant.RegionCode,
                application.Details.RequestedAmount, program,
                application.SubmittedById, application.SubmittedByName, application.SubmittedAt, settings.Value.WorkingDayLength);
            try
            {
                await durable.ScheduleNewOrchestrationInstanceAsync(ReliefApprovalOrchestration.Name, submission,
                    new StartOrchestrationOptions(application.ApplicationId), cancellationToken);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // A concurrent repeat may have started it (each durable backend says so its own way); else it is a failure.
                if (await durable.GetInstanceAsync(application.ApplicationId, cancellation: cancellationToken) is null)
                    throw;
            }
        }
        return ValidationResult<StoredApplication>.Valid(application);
    }

    /// <summary>The application id for a client's idempotency key: the same key from the same caller names the same application.</summary>
    public static string IdFor(string callerId, string idempotencyKey) =>
        "rel-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{callerId}\n{idempotencyKey}")))[..20];

    private static string NewId(DateTimeOffset now) =>
        $"rel-{ChinaStandardTime.ToLocalDate(now):yyyyMMdd}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
}
