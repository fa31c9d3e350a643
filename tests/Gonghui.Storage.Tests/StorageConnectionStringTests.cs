namespace Gonghui.Storage.Tests;

public sealed class StorageConnectionStringTests
{
    private const string Key = StorageConnectionString.DevelopmentAccountKey;

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("usedevelopmentstorage=True;")]
    public void Development_storage_points_at_azurite_default_ports_with_the_well_known_key(string connectionString)
    {
        var parsed = StorageConnectionString.Parse(connectionString);

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.TableEndpoint);
        Assert.Equal("devstoreaccount1", parsed.SharedKey!.AccountName);
        Assert.Null(parsed.SharedAccessSignature);
    }

    [Fact]
    public void Development_storage_honours_the_proxy_uri()
    {
        var parsed = StorageConnectionString.Parse("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite.local");
        Assert.Equal(new Uri("http://azurite.local:10002/devstoreaccount1"), parsed.TableEndpoint);
    }

    [Fact]
    public void Account_name_and_key_derive_endpoints_from_protocol_and_suffix()
    {
        var parsed = StorageConnectionString.Parse(
            $"DefaultEndpointsProtocol=https;AccountName=gonghui;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal("gonghui", parsed.AccountName);
        Assert.Equal(new Uri("https://gonghui.blob.core.chinacloudapi.cn"), parsed.BlobEndpoint);
        Assert.Equal(new Uri("https://gonghui.queue.core.chinacloudapi.cn"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("https://gonghui.table.core.chinacloudapi.cn"), parsed.TableEndpoint);
        Assert.Equal("gonghui", parsed.SharedKey!.AccountName);
    }

    [Fact]
    public void Without_protocol_or_suffix_the_defaults_are_https_and_the_public_cloud()
    {
        var parsed = StorageConnectionString.Parse($"AccountName=gonghui;AccountKey={Key}");
        Assert.Equal(new Uri("https://gonghui.table.core.windows.net"), parsed.TableEndpoint);
    }

    [Fact]
    public void Explicit_endpoints_win_over_derived_ones_and_path_style_names_the_account()
    {
        var parsed = StorageConnectionString.Parse(
            $"DefaultEndpointsProtocol=http;AccountKey={Key};" +
            "QueueEndpoint=http://127.0.0.1:5001/devstoreaccount1/;TableEndpoint=http://127.0.0.1:5002/devstoreaccount1");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:5001/devstoreaccount1"), parsed.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:5002/devstoreaccount1"), parsed.TableEndpoint);
        var missing = Assert.Throws<InvalidOperationException>(() => parsed.BlobEndpoint);
        Assert.Contains("BlobEndpoint", missing.Message);
    }

    [Fact]
    public void A_shared_access_signature_needs_no_key_and_keeps_every_equals_sign()
    {
        const string sas = "sv=2021-08-06&ss=qt&srt=sco&sp=rwdlacup&se=2030-01-01T00:00:00Z&sig=ab%2Bc%3D";
        var parsed = StorageConnectionString.Parse(
            $"TableEndpoint=https://gonghui.table.core.windows.net;SharedAccessSignature=?{sas}");

        Assert.Null(parsed.SharedKey);
        Assert.Equal(sas, parsed.SharedAccessSignature);
        Assert.Equal("gonghui", parsed.AccountName);
        Assert.Equal(new Uri("https://gonghui.table.core.windows.net"), parsed.TableEndpoint);
    }

    [Theory]
    [InlineData("AccountName=gonghui", "neither AccountKey nor SharedAccessSignature")]
    [InlineData("AccountName=gonghui;AccountKey=not base64!", "not valid Base64")]
    [InlineData("AccountKey=" + Key, "neither AccountName nor any of")]
    [InlineData("AccountName=gonghui;AccountKey", "not of the form Name=Value")]
    [InlineData("UseDevelopmentStorage=yes", "UseDevelopmentStorage must be true or false")]
    [InlineData("DefaultEndpointsProtocol=ftp;AccountName=gonghui;AccountKey=" + Key, "https or http")]
    [InlineData("TableEndpoint=not a uri;AccountKey=" + Key, "TableEndpoint 'not a uri' is not an absolute http or https URI")]
    [InlineData("AccountName=a;AccountName=b;AccountKey=" + Key, "names AccountName twice")]
    public void Invalid_connection_strings_fail_naming_what_is_wrong(string connectionString, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => StorageConnectionString.Parse(connectionString));
        Assert.Contains(expected, ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_connection_string_is_an_argument_error(string connectionString) =>
        Assert.Throws<ArgumentException>(() => StorageConnectionString.Parse(connectionString));

    [Fact]
    public void A_malformed_setting_is_not_echoed_in_full()
    {
        var ex = Assert.Throws<FormatException>(() => StorageConnectionString.Parse("AccountName=a;" + Key));
        Assert.DoesNotContain(Key, ex.Message);
    }
}
