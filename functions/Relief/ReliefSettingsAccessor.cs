using Gonghui.Functions.Approvals;
using Microsoft.Extensions.Configuration;

namespace Gonghui.Functions.Relief;

/// <summary>The relief settings and link tokens, read on first use (see <see cref="ReliefSettings"/>).</summary>
public sealed class ReliefSettingsAccessor(IConfiguration configuration)
{
    private readonly Lazy<ReliefSettings> _settings = new(() => ReliefSettings.From(configuration));
    private ApprovalLinkTokens? _tokens;

    public ReliefSettings Value => _settings.Value;

    public ApprovalLinkTokens Tokens => _tokens ??= new ApprovalLinkTokens(Value.Keys);
}
