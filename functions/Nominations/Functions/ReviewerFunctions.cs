using Gonghui.Functions.Http;
using Gonghui.Functions.Nominations.Domain;
using Gonghui.Functions.Nominations.Domain.Review;
using Gonghui.Functions.Nominations.Stores;
using Gonghui.Functions.Security;
using Gonghui.Functions.Validation;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Gonghui.Functions.Nominations.Functions;

/// <summary>Who reviews at which level for which region, and the nominating unions' contacts (admin), as relief's approver directory.</summary>
public sealed class ReviewerFunctions(ReviewerDirectory directory)
{
    [Function("NominationsSetReviewers")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> SetReviewers(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "nominations/reviewers/{region}/{level}")] HttpRequest req,
        string region, string level, CancellationToken cancellationToken)
    {
        if (!WireNames<ReviewLevel>.TryParse(level, out var parsed)) return Problems.Invalid("level", "invalid_level", "审核级别为 county、city 或 province。");
        if (ReviewLevels.LevelOf(region) != parsed) return Problems.Invalid("region", "invalid_region_code", "地区代码与审核级别不符。");
        var body = await req.ReadJsonBodyAsync<List<Reviewer>>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        var errors = body.Value.SelectMany((r, i) => string.IsNullOrWhiteSpace(r.Id) || string.IsNullOrWhiteSpace(r.Name) || !r.Email.Contains('@')
                ? [new FieldError($"[{i}]", "required", "审核人须有编号、姓名和电子邮箱。")]
                : Array.Empty<FieldError>())
            .ToList();
        if (body.Value.Count == 0) errors.Add(new FieldError("", "required", "请至少设置一名审核人。"));
        if (errors.Count > 0) return Problems.Invalid(errors);
        await directory.SetReviewersAsync(parsed, region, body.Value, cancellationToken);
        return JsonAnswers.Json(body.Value);
    }

    [Function("NominationsSetUnion")]
    [ApiAccess(ApiRoles.Admin)]
    public async Task<IResult> SetUnion([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "nominations/unions/{unionId}")] HttpRequest req,
        string unionId, CancellationToken cancellationToken)
    {
        var body = await req.ReadJsonBodyAsync<UnionContact>(cancellationToken);
        if (!body.IsValid) return body.Problem;
        if (string.IsNullOrWhiteSpace(body.Value.Name) || !body.Value.Email.Contains('@'))
            return Problems.Invalid("email", "required", "请填写单位名称和有效的电子邮箱。");
        await directory.SetUnionAsync(unionId, body.Value, cancellationToken);
        return JsonAnswers.Json(body.Value);
    }
}
