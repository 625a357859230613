namespace Mlops.Core.Datasets;

/// <summary>
/// Which number comes first in a date written with numbers only, such as 03/04/2025: the month (the invariant
/// culture's reading, 4 March being 03/04 in the United States) or the day (most of the world, and every locale that
/// writes decimal commas). ISO 8601 dates (2025-04-03) read the same under either.
/// </summary>
public enum DateOrder
{
    MonthFirst,
    DayFirst,
}
