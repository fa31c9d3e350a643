using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Gonghui.Storage.Queues;

/// <summary>The Queue service's XML: the message envelope we send and the message lists it returns.</summary>
internal static class QueueMessageXml
{
    public static byte[] Envelope(BinaryData body, QueueMessageEncoding encoding)
    {
        var text = encoding == QueueMessageEncoding.Base64
            ? Convert.ToBase64String(body.ToMemory().Span)
            : body.ToString();
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartElement("QueueMessage");
            writer.WriteElementString("MessageText", text);
            writer.WriteEndElement();
        }
        return Encoding.UTF8.GetBytes(output.ToString());
    }

    public static IEnumerable<XElement> Messages(BinaryData content)
    {
        var document = XDocument.Parse(content.ToString());
        return document.Root?.Elements("QueueMessage") ?? [];
    }

    public static string Text(XElement message, string name) =>
        message.Element(name)?.Value ?? throw new FormatException($"Queue response lacks <{name}>.");

    public static DateTimeOffset? Time(XElement message, string name) =>
        message.Element(name)?.Value is { Length: > 0 } value ? ParseTime(value) : null;

    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static BinaryData Body(XElement message, QueueMessageEncoding encoding)
    {
        var text = message.Element("MessageText")?.Value ?? "";
        return encoding == QueueMessageEncoding.Base64
            ? new BinaryData(Convert.FromBase64String(text))
            : BinaryData.FromString(text);
    }
}
