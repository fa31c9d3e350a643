using System.Globalization;
using Gonghui.Functions.Registry.Domain;

namespace Gonghui.Functions.Tests.Registry;

/// <summary>Valid sample people and regions; each call gives a person or region no other test uses.</summary>
internal static class RegistrySamples
{
    private static int _sequence;
    private static int _city;

    /// <summary>A valid national ID: region 370102, the birth date given, a fresh sequence number of the gender asked for.</summary>
    public static string NationalId(DateOnly birthDate, Gender gender = Gender.Male)
    {
        var sequence = Interlocked.Increment(ref _sequence) % 500 * 2 + (gender == Gender.Male ? 1 : 0);
        var first17 = "370102" + birthDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("D3", CultureInfo.InvariantCulture);
        return first17 + Functions.Privacy.NationalId.CheckCharacter(first17);
    }

    /// <summary>A city code ("65nn00") no other test uses, for tests whose searches must see only their own records.</summary>
    public static string NewCity()
    {
        var n = Interlocked.Increment(ref _city);
        return n < 100 ? $"65{n:D2}00" : throw new InvalidOperationException("Out of sample cities.");
    }

    /// <summary>The city's first district ("65nn01"), or another one.</summary>
    public static string District(string city, int district = 1) => city[..4] + district.ToString("D2", CultureInfo.InvariantCulture);

    public static RegistryRecordInput Person(string region, string name = "王建国", string? nationalId = null, string award = "全国劳动模范", string year = "2015") => new()
    {
        Name = name,
        NationalId = nationalId ?? NationalId(new DateOnly(1968, 5, 12)),
        Awards = [new AwardInput { Kind = award, Year = year, AwardingBody = "中华全国总工会", EmployerAtAward = "济南第二机床厂" }],
        CurrentEmployer = "济南二机床集团有限公司",
        JobTitle = "高级技师",
        Region = region,
        Phone = "138 1234 5678",
    };

    public static byte[] Key() => [.. Enumerable.Range(0, 32).Select(_ => (byte)Random.Shared.Next(256))];
}
