using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Notice;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Functions.Notice;
using Gonghui.Functions.Nominations.Services.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Relief.Services;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Gonghui.Functions.Nominations.Services.Notice;

/// <summary>The publication's answer: the notice (new or already there), or why the list may not be published.</summary>
public sealed record PublicationResult(PublicNotice? Notice, bool Created, PublicNoticeEligibility? Refused);

/// <summary>
/// Publishes a campaign's list when the province has decided (no review open), the list is not empty and every
/// quota-mix rule is met: stores the notice with its period (the campaign's notice working days from now) and the
/// nominations then selected, and starts <see cref="PublicNoticeOrchestration"/>. A repeat answers the notice there is
/// and starts the orchestration if a crash left it unstarted.
/// </summary>
public sealed class NoticePublication(PublicNoticeStore notices, NominationStore nominations, ReliefCalendar calendar,
    NominationReviewSettings reviewSettings, PublicNoticeSettings settings, TimeProvider clock)
{
    /// <param name="committeeName">Who approves the final list; null: the setting's committee.</param>
    public async Task<PublicationResult> PublishAsync(Campaign campaign, string publishedByName, string? committeeName, string? committeeEmail,
        DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var notice = await notices.GetAsync(campaign.CampaignId, cancellationToken);
        var created = false;
        if (notice is null)
        {
            var listed = await nominations.ListAsync(campaign.CampaignId, cancellationToken: cancellationToken);
            var stillInReview = listed.Count(n => n.Status is NominationStatus.Routing or NominationStatus.InReview
                or NominationStatus.Forwarding or NominationStatus.Returned);
            var selected = listed.Where(n => n.Status == NominationStatus.Selected).ToList();
            var eligibility = PublicNoticeEligibility.Check(campaign, [.. selected.Select(n => n.OccupationCategory ?? OccupationCategory.Other)], stillInReview);
            if (!eligibility.MayPublish) return new(null, false, eligibility);
            var period = NoticePeriod.Starting(clock.GetUtcNow(), campaign, await calendar.AdderAsync(reviewSettings.WorkingDayLength, cancellationToken));
            var published = new PublicNotice
            {
                CampaignId = campaign.CampaignId,
                Period = period,
                NominationIds = [.. selected.Select(n => n.NominationId).Order(StringComparer.Ordinal)],
                PublishedByName = publishedByName,
                CommitteeName = committeeName ?? settings.CommitteeName,
                CommitteeEmail = committeeEmail ?? settings.CommitteeEmail,
            };
            created = await notices.AddAsync(published, cancellationToken);
            notice = created ? published : (await notices.GetAsync(campaign.CampaignId, cancellationToken))!;
        }
        await StartAsync(notice, durable, cancellationToken);
        return new(notice, created, null);
    }

    private static async Task StartAsync(PublicNotice notice, DurableTaskClient durable, CancellationToken cancellationToken)
    {
        var id = PublicNoticeOrchestration.InstanceId(notice.CampaignId);
        if (await durable.GetInstanceAsync(id, cancellation: cancellationToken) is not null) return;
        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(PublicNoticeOrchestration.Name, new PublicNoticeStart(notice.CampaignId, notice.Period.Ends),
                new StartOrchestrationOptions(id), cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A concurrent repeat may have started it; else it is a failure.
            if (await durable.GetInstanceAsync(id, cancellation: cancellationToken) is null) throw;
        }
    }
}
