namespace Gonghui.Functions.Hotline;

public enum FigureGroupBy
{
    None,
    Region,
    Category,
    Unit,
    Day,
    Month,
}
