using System.Globalization;
using System.Text;
using System.Xml;

namespace Gonghui.Storage.Queues;

/// <summary>The Queue service's XML: the message envelope we send and the message lists it returns.</summary>
internal static class QueueMessageXml
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = true,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    private static readonly XmlWriterSettings WriterSettings = new() { OmitXmlDeclaration = true, Encoding = Encoding.UTF8 };

    public static byte[] Envelope(BinaryData body, QueueMessageEncoding encoding)
    {
        if (encoding == QueueMessageEncoding.Base64)
        {
            // Base64 needs no escaping: write the envelope around it directly.
            return Encoding.ASCII.GetBytes("<QueueMessage><MessageText>" + Convert.ToBase64String(body.ToMemory().Span) +
                                           "</MessageText></QueueMessage>");
        }
        var output = new StringBuilder();
        using (var writer = XmlWriter.Create(output, WriterSettings))
        {
            writer.WriteStartElement("QueueMessage");
            writer.WriteElementString("MessageText", body.ToString());
            writer.WriteEndElement();
        }
        return Encoding.UTF8.GetBytes(output.ToString());
    }

    /// <summary>
    /// The QueueMessage elements of a QueueMessagesList, read forward-only (no DOM: a receive is the hot path of
    /// every queue listener). Each message is its child elements by name.
    /// </summary>
    public static List<Dictionary<string, string>> Messages(BinaryData content)
    {
        var messages = new List<Dictionary<string, string>>();
        using var reader = XmlReader.Create(content.ToStream(), ReaderSettings);
        Dictionary<string, string>? current = null;
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 2 && current is not null)
            {
                // Reading the content moves to the node after the element, so do not Read() again.
                current[reader.LocalName] = reader.ReadElementContentAsString();
                continue;
            }
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName == "QueueMessage")
            {
                current = new Dictionary<string, string>(8, StringComparer.Ordinal);
                messages.Add(current);
            }
            reader.Read();
        }
        return messages;
    }

    public static string Text(Dictionary<string, string> message, string name) =>
        message.TryGetValue(name, out var value) ? value : throw new FormatException($"Queue response lacks <{name}>.");

    public static DateTimeOffset? Time(Dictionary<string, string> message, string name) =>
        message.TryGetValue(name, out var value) && value.Length > 0 ? ParseTime(value) : null;

    /// <summary>The service writes RFC 1123 times ("Sat, 21 Nov 2026 10:00:00 GMT"); anything else is parsed leniently.</summary>
    public static DateTimeOffset ParseTime(string value) =>
        DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static BinaryData Body(Dictionary<string, string> message, QueueMessageEncoding encoding)
    {
        var text = message.GetValueOrDefault("MessageText", "");
        return encoding == QueueMessageEncoding.Base64
            ? new BinaryData(Convert.FromBase64String(text))
            : BinaryData.FromString(text);
    }
}
