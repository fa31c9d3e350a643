using System.Security.Cryptography;
using System.Text;

namespace Gonghui.Storage;

/// <summary>An account name and its key, used to sign requests with the SharedKey scheme.</summary>
public sealed class StorageSharedKeyCredential
{
    private readonly byte[] _key;

    public StorageSharedKeyCredential(string accountName, string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        AccountName = accountName;
        try
        {
            _key = Convert.FromBase64String(accountKey);
        }
        catch (FormatException ex)
        {
            throw new FormatException("The storage account key is not valid Base64.", ex);
        }
    }

    public string AccountName { get; }

    internal string ComputeSignature(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));
}
