namespace Gonghui.Functions.Calendar;

/// <summary>
/// Seed data: the State Council General Office's published holiday arrangements (国务院办公厅关于
/// 部分节假日安排的通知). Admins edit the stored copies; these only fill an empty store.
/// </summary>
public static class StateCouncilHolidayArrangements
{
    /// <summary>国办发明电〔2024〕12号, published 2024-11-12.</summary>
    public static HolidayCalendarYear Year2025 { get; } = new(
        2025,
        [
            Period("元旦", 2025, 1, 1, 1, 1),
            Period("春节", 2025, 1, 28, 2, 4),
            Period("清明节", 2025, 4, 4, 4, 6),
            Period("劳动节", 2025, 5, 1, 5, 5),
            Period("端午节", 2025, 5, 31, 6, 2),
            Period("国庆节、中秋节", 2025, 10, 1, 10, 8),
        ],
        [
            Worked("春节", 2025, 1, 26),
            Worked("春节", 2025, 2, 8),
            Worked("劳动节", 2025, 4, 27),
            Worked("国庆节、中秋节", 2025, 9, 28),
            Worked("国庆节、中秋节", 2025, 10, 11),
        ],
        "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）");

    /// <summary>Published by the State Council General Office on 2025-11-04 (Xinhua).</summary>
    public static HolidayCalendarYear Year2026 { get; } = new(
        2026,
        [
            Period("元旦", 2026, 1, 1, 1, 3),
            Period("春节", 2026, 2, 15, 2, 23),
            Period("清明节", 2026, 4, 4, 4, 6),
            Period("劳动节", 2026, 5, 1, 5, 5),
            Period("端午节", 2026, 6, 19, 6, 21),
            Period("中秋节", 2026, 9, 25, 9, 27),
            Period("国庆节", 2026, 10, 1, 10, 7),
        ],
        [
            Worked("元旦", 2026, 1, 4),
            Worked("春节", 2026, 2, 14),
            Worked("春节", 2026, 2, 28),
            Worked("劳动节", 2026, 5, 9),
            Worked("国庆节", 2026, 9, 20),
            Worked("国庆节", 2026, 10, 10),
        ],
        "国务院办公厅关于2026年部分节假日安排的通知（2025-11-04，新华社）");

    public static IReadOnlyList<HolidayCalendarYear> All { get; } = [Year2025, Year2026];

    private static HolidayPeriod Period(string name, int year, int firstMonth, int firstDay, int lastMonth, int lastDay) =>
        new(name, new DateOnly(year, firstMonth, firstDay), new DateOnly(year, lastMonth, lastDay));

    private static AdjustedWorkingDay Worked(string holiday, int year, int month, int day) =>
        new(new DateOnly(year, month, day), holiday);
}
