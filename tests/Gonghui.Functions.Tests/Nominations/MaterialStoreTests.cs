using System.Net;
using System.Security.Cryptography;
using System.Text;
using Azure.Storage.Blobs;
using Gonghui.Functions.Nominations.Stores.Materials;
using Gonghui.Functions.Tests.Hotline;
using Gonghui.Testing;
using Domain = Gonghui.Functions.Nominations.Domain;

namespace Gonghui.Functions.Tests.Nominations;

/// <summary>The material store on Azurite's blob service: content checks, idempotent uploads, private container, read-only SAS.</summary>
public sealed class MaterialStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const long MaxBytes = 64 * 1024;
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task The_same_content_uploaded_twice_is_stored_once_under_its_sha256()
    {
        var (store, _) = Create();
        var pdf = Pdf(10_000);

        var first = await store.UploadAsync(new MemoryStream(pdf));
        var second = await store.UploadAsync(new MemoryStream(pdf));

        var expectedSha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        Assert.Equal(new StoredMaterial(expectedSha, MaterialFormat.Pdf, pdf.Length, Created: true), first.Value);
        Assert.Equal(first.Value! with { Created = false }, second.Value);
        Assert.Equal(new StoredMaterial(expectedSha, MaterialFormat.Pdf, pdf.Length), await store.GetAsync(expectedSha));
        var (content, material) = (await store.OpenReadAsync(expectedSha))!.Value;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(pdf, copy.ToArray());
        Assert.Equal("application/pdf", material.ContentType);
    }

    [Fact]
    public async Task A_nomination_may_only_refer_to_uploaded_materials()
    {
        var (store, _) = Create();
        var uploaded = (await store.UploadAsync(new MemoryStream(Pdf(1_000)))).Value!.Sha256;
        var details = Domain.NominationValidator.ValidateSubmission(NominationSamples.UnitLeader(90, 100) with
        {
            Materials = [new Domain.MaterialRefRequest("recommendation_form", uploaded, "表.pdf"),
                new Domain.MaterialRefRequest("achievement_report", NominationSamples.Sha('b'), "事迹.pdf")],
        }, NominationSamples.Campaign(), NominationSamples.During).Value!;

        var missing = await store.FindMissingAsync(details.MaterialFields);

        Assert.Equal([("materials[1].sha256", MaterialStore.NotFound), ("staffVote.minutes.sha256", MaterialStore.NotFound)],
            missing.Select(e => (e.Field, e.Code)));
    }

    [Theory]
    [InlineData("4D5A90000300000004000000FFFF0000")] // a Windows executable renamed to .pdf
    [InlineData("E68EA8E88D90E8A1A82E706466")] // UTF-8 text
    public async Task Content_that_is_not_pdf_jpeg_or_png_is_refused_whatever_its_name_and_nothing_is_stored(string hex)
    {
        var (store, _) = Create();
        var bytes = Convert.FromHexString(hex).Concat(RandomNumberGenerator.GetBytes(64)).ToArray();

        var result = await store.UploadAsync(new MemoryStream(bytes), "materials[0]");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("materials[0]", MaterialStore.TypeNotAllowed), (error.Field, error.Code));
        Assert.Null(await store.GetAsync(Convert.ToHexStringLower(SHA256.HashData(bytes))));
    }

    [Fact]
    public async Task Content_over_the_size_limit_is_refused_and_content_at_the_limit_accepted()
    {
        var (store, _) = Create();
        var tooLarge = Png((int)MaxBytes + 1);

        Assert.Equal(MaterialStore.TooLarge, Assert.Single((await store.UploadAsync(new MemoryStream(tooLarge))).Errors).Code);
        Assert.Null(await store.GetAsync(Convert.ToHexStringLower(SHA256.HashData(tooLarge))));
        Assert.Equal(MaterialFormat.Png, (await store.UploadAsync(new MemoryStream(Png((int)MaxBytes)))).Value!.Format);
        Assert.Equal(MaterialStore.Empty, Assert.Single((await store.UploadAsync(new MemoryStream())).Errors).Code);
    }

    [Fact]
    public async Task A_read_sas_reads_one_material_until_it_expires_and_an_altered_one_or_no_sas_reads_nothing()
    {
        var (store, clock) = Create();
        var jpeg = Jpeg(2_000);
        var sha = (await store.UploadAsync(new MemoryStream(jpeg))).Value!.Sha256;

        var link = await store.CreateReadUriAsync(sha);
        using (var answer = await Http.GetAsync(link))
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal(jpeg, await answer.Content.ReadAsByteArrayAsync());
            Assert.Equal("image/jpeg", answer.Content.Headers.ContentType?.MediaType);
        }
        Assert.Contains("sp=r&", link.Query + "&");

        var altered = new UriBuilder(link) { Query = link.Query.TrimStart('?').Replace("sp=r", "sp=rw") }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetAsync(altered)).StatusCode);
        var withoutSas = new UriBuilder(link) { Query = "" }.Uri;
        Assert.False((await Http.GetAsync(withoutSas)).IsSuccessStatusCode);
        using (var write = await Http.PutAsync(link, new ByteArrayContent(jpeg)))
            Assert.False(write.IsSuccessStatusCode);

        clock.Now = DateTimeOffset.UtcNow.AddHours(-1);
        var expired = await store.CreateReadUriAsync(sha);
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.GetAsync(expired)).StatusCode);
    }

    private (MaterialStore Store, ManualClock Clock) Create()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        return (new MaterialStore(new BlobServiceClient(azurite.Server.ConnectionString), new MaterialSettings(MaxBytes, TimeSpan.FromMinutes(5)), clock), clock);
    }

    private static byte[] Pdf(int length) => WithRandomTail(Encoding.ASCII.GetBytes("%PDF-1.7\n"), length);

    private static byte[] Png(int length) => WithRandomTail([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], length);

    private static byte[] Jpeg(int length) => WithRandomTail([0xFF, 0xD8, 0xFF, 0xE0], length);

    private static byte[] WithRandomTail(byte[] head, int length) => [.. head, .. RandomNumberGenerator.GetBytes(length - head.Length)];
}
