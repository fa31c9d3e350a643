using System.Text;

namespace Gonghui.Functions.Approvals;

/// <summary>The plain-text alternative of an e-mail: greeting, lead paragraph, "label：value" lines, closing lines.</summary>
internal static class PlainTextLetter
{
    public static string Write(string greeting, string lead, IEnumerable<SummaryRow> rows, params string[] closing)
    {
        var text = new StringBuilder().AppendLine(greeting).AppendLine().AppendLine(lead).AppendLine();
        foreach (var row in rows) text.Append(row.Label).Append('：').AppendLine(row.Value);
        if (closing.Length > 0) text.AppendLine();
        foreach (var line in closing) text.AppendLine(line);
        return text.ToString();
    }
}
