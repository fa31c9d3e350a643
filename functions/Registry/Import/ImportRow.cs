using Gonghui.Functions.Registry.Domain;

namespace Gonghui.Functions.Registry.Import;

/// <summary>A valid row: the person with this row's one award, and the status the row sets (null when it sets none).</summary>
public sealed record ImportRow(int Row, PersonDetails Person, RecordStanding? Standing);
