namespace Gonghui.Functions.Registry.Services;

/// <summary>What an export wrote: how many records, and whether national IDs were in full.</summary>
public sealed record ExportSummary(int Records, bool FullNationalIds);
