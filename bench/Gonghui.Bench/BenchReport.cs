using System.Globalization;
using System.Text.Json;

namespace Gonghui.Bench;

/// <summary>
/// Collects a benchmark's figures and prints them as a readable table, then one JSON object per figure and line
/// ({"bench":..,"metric":..,"value":..,"unit":..}) so runs can be compared by tools.
/// </summary>
public sealed class BenchReport(string bench)
{
    private readonly List<Figure> _figures = [];

    public void Add(string metric, double value, string unit, string? note = null) =>
        _figures.Add(new Figure(metric, value, unit, note));

    public void Print(TextWriter output)
    {
        var metricWidth = Math.Max(6, _figures.Select(f => f.Metric.Length).DefaultIfEmpty().Max());
        output.WriteLine();
        output.WriteLine($"== {bench}");
        output.WriteLine($"{"metric".PadRight(metricWidth)}  {"value",12}  unit");
        output.WriteLine(new string('-', metricWidth + 24));
        foreach (var figure in _figures)
        {
            var line = $"{figure.Metric.PadRight(metricWidth)}  {figure.Value.ToString("0.##", CultureInfo.InvariantCulture),12}  {figure.Unit}";
            output.WriteLine(figure.Note is null ? line : $"{line}  ({figure.Note})");
        }
        output.WriteLine();
        foreach (var figure in _figures)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                bench,
                metric = figure.Metric,
                value = Math.Round(figure.Value, 3),
                unit = figure.Unit,
            }));
        }
    }

    private sealed record Figure(string Metric, double Value, string Unit, string? Note);
}
