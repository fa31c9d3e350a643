namespace Gonghui.Functions.Hotline.Domain;

public enum FigureGroupBy
{
    None,
    Region,
    Category,
    Unit,
    Day,
    Month,
}
