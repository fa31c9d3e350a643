using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Gonghui.Functions.Relief.Domain;
using Gonghui.Functions.Validation;

namespace Gonghui.Functions.Nominations.Stores.Materials;

/// <summary>
/// Nomination materials in a private blob container, one blob per content named by its SHA-256, so an upload is
/// stored once however often it is repeated. Content is accepted only when its first bytes say PDF, JPEG or PNG and
/// it is within the size limit. Reading is through the app (<see cref="OpenReadAsync"/>) or a short-lived read-only
/// SAS for one blob (<see cref="CreateReadUriAsync"/>); the container is never public. Who may read which material is
/// decided by the caller (the nominating union and that nomination's reviewers).
/// </summary>
public sealed class MaterialStore(BlobServiceClient blobs, MaterialSettings settings, TimeProvider clock)
{
    public const string TypeNotAllowed = "material_type_not_allowed";
    public const string TooLarge = "material_too_large";
    public const string Empty = "material_empty";
    public const string NotFound = "material_not_found";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(MaterialSettings.ContainerName);

    /// <summary>
    /// Checks and stores the content; a field error (on <paramref name="field"/>) when it is empty, too large or not a
    /// PDF, JPEG or PNG, and then nothing is stored. Reads at most the size limit plus one byte.
    /// </summary>
    public async Task<ValidationResult<StoredMaterial>> UploadAsync(Stream content, string field = "file", CancellationToken cancellationToken = default)
    {
        var buffer = await ReadBoundedAsync(content, settings.MaxBytes, cancellationToken);
        if (buffer is null)
            return Refuse(field, TooLarge, $"文件不能超过 {settings.MaxBytes / 1024.0 / 1024.0:0.#} MB。");
        if (buffer.Length == 0)
            return Refuse(field, Empty, "文件为空。");
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (MaterialFormats.Detect(bytes.Span) is not { } format)
            return Refuse(field, TypeNotAllowed, "只能上传 PDF、JPEG 或 PNG 文件（按文件内容识别，与文件名无关）。");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));

        var created = true;
        try
        {
            await _container.GetBlobClient(BlobName(sha256)).UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = format.ContentType() },
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // The same content is stored already: its name is its hash, so there is nothing more to write.
            created = false;
        }
        return ValidationResult<StoredMaterial>.Valid(new StoredMaterial(sha256, format, bytes.Length, created));
    }

    /// <summary>The stored material of this hash, or null.</summary>
    public async Task<StoredMaterial?> GetAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!IsSha256(sha256)) return null;
        try
        {
            var properties = (await _container.GetBlobClient(BlobName(sha256)).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return ToMaterial(sha256, properties.ContentType, properties.ContentLength);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// An error for each referenced material that was never uploaded, on its field, so a submission refers only to
    /// stored content (a nomination's <see cref="Domain.NominationDetails.MaterialFields"/>).
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> FindMissingAsync(IEnumerable<(string Field, Domain.MaterialRef Material)> references,
        CancellationToken cancellationToken = default)
    {
        var checks = references.Select(async reference =>
            (reference.Field, Stored: await GetAsync(reference.Material.Sha256, cancellationToken) is not null)).ToList();
        return [.. (await Task.WhenAll(checks)).Where(check => !check.Stored)
            .Select(check => new FieldError(check.Field, NotFound, "材料尚未上传或已失效，请重新上传。"))];
    }

    /// <summary>The content to stream through the app, with what it is; null when no such material exists.</summary>
    public async Task<(Stream Content, StoredMaterial Material)?> OpenReadAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!IsSha256(sha256)) return null;
        try
        {
            var download = (await _container.GetBlobClient(BlobName(sha256)).DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            return (download.Content, ToMaterial(sha256, download.Details.ContentType, download.Details.ContentLength));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// A URL that reads this one material until the configured lifetime passes (read permission only, HTTPS where the
    /// endpoint is HTTPS). Signed with the account key for a key connection, else with a user delegation key.
    /// </summary>
    public async Task<Uri> CreateReadUriAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!IsSha256(sha256)) throw new ArgumentException("A lower-case hex SHA-256 expected.", nameof(sha256));
        var blob = _container.GetBlobClient(BlobName(sha256));
        var now = clock.GetUtcNow();
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, now + settings.ReadLinkLifetime)
        {
            BlobContainerName = _container.Name,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = now.AddMinutes(-1),
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        if (blob.CanGenerateSasUri) return blob.GenerateSasUri(sas);
        var key = (await blobs.GetUserDelegationKeyAsync(sas.StartsOn, sas.ExpiresOn, cancellationToken)).Value;
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, blobs.AccountName) }.ToUri();
    }

    public static bool IsSha256(string? text) => text is { Length: 64 } && text.All(char.IsAsciiHexDigitLower);

    private static string BlobName(string sha256) => $"{sha256[..2]}/{sha256}";

    private static StoredMaterial ToMaterial(string sha256, string contentType, long size) =>
        new(sha256, MaterialFormats.FromContentType(contentType) ?? throw new InvalidOperationException($"Material {sha256} has the content type {contentType}."),
            size);

    private static ValidationResult<StoredMaterial> Refuse(string field, string code, string message) =>
        ValidationResult<StoredMaterial>.Invalid([new FieldError(field, code, message)]);

    /// <summary>The whole content, or null as soon as it proves longer than <paramref name="maxBytes"/>.</summary>
    private static async Task<MemoryStream?> ReadBoundedAsync(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer;
    }
}
