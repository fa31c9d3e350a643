using Gonghui.Functions.Approvals;

namespace Gonghui.Functions.StaffPages;

/// <summary>The controls of staff forms; every value is encoded, labels are tied to their controls.</summary>
public static class StaffFormControls
{
    /// <summary>The hidden field every staff POST form carries: its token is bound to the session (checked by <see cref="StaffPageGate"/>).</summary>
    public static string TokenField(StaffSession session) =>
        $"""<input type="hidden" name="{StaffPageGate.FormTokenField}" value="{Html.Encode(session.FormToken)}">""";

    /// <summary>A labelled control with its error messages under it.</summary>
    public static string Field(string id, string label, string control, IEnumerable<string> errors, string cssClass = "") =>
        $"""<div class="{cssClass}"><label for="{id}">{Html.Encode(label)}</label>{control}{string.Concat(errors.Select(e => Html.Paragraph(e, "error")))}</div>""";

    public static string Input(string id, string value, int maxLength, string type = "text", string? inputMode = null) =>
        $"""<input id="{id}" name="{id}" type="{type}" value="{Html.Encode(value)}" maxlength="{maxLength}"{(inputMode is null ? "" : $" inputmode=\"{inputMode}\"")}>""";

    public static string Select(string id, string selected, IEnumerable<(string Value, string Label)> options) =>
        $"""<select id="{id}" name="{id}">{string.Concat(options.Select(o =>
            $"<option value=\"{Html.Encode(o.Value)}\"{(o.Value == selected ? " selected" : "")}>{Html.Encode(o.Label)}</option>"))}</select>""";

    public static string TextArea(string id, string value, int maxLength) =>
        $"""<textarea id="{id}" name="{id}" maxlength="{maxLength}">{Html.Encode(value)}</textarea>""";
}
