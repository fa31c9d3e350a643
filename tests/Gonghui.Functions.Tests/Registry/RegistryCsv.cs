using System.Text;
using Gonghui.Functions.Registry.Import;

namespace Gonghui.Functions.Tests.Registry;

/// <summary>Import files of the template, built row by row, in the encodings union PCs save.</summary>
internal static class RegistryCsv
{
    public static readonly string Header = string.Join(",", ImportColumns.All);

    /// <summary>One template row; the award columns and the person's columns may be changed by name.</summary>
    public static string Row(string name, string nationalId, string region, string award = "全国劳动模范", string year = "2015",
        string employer = "济南二机床集团有限公司", string status = "", string statusDate = "", string statusReason = "", string phone = "13812345678") =>
        string.Join(",", name, "", "", nationalId, award, year, "中华全国总工会", "济南第二机床厂", employer, "高级技师", region, status, statusDate,
            statusReason, phone);

    public static string Text(params string[] rows) => Header + "\r\n" + string.Join("\r\n", rows) + "\r\n";

    public static byte[] Utf8(string text, bool bom) => [.. (bom ? new byte[] { 0xEF, 0xBB, 0xBF } : []), .. Encoding.UTF8.GetBytes(text)];

    public static byte[] Gb18030(string text) => ImportEncoding.Gb18030.GetBytes(text);
}
