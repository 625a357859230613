namespace Mlops.Core.Profiling;

/// <summary>The earliest and latest value of a date/time column (values with an offset are converted to UTC).</summary>
public sealed record DateRange(DateTime Min, DateTime Max);
