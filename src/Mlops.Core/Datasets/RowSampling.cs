namespace Mlops.Core.Datasets;

/// <summary>
/// Keep at most <paramref name="MaxRows"/> rows of a file, drawn without replacement and the same for the same seed:
/// each row's priority is a hash of its position and the seed, and the rows with the lowest priorities stay. With
/// <paramref name="StratifyBy"/>, every value of that column (the label) also keeps its
/// <paramref name="MinRowsPerStratum"/> lowest-priority rows, so a rare class is never sampled away.
/// </summary>
public sealed record RowSampling(int MaxRows, string? StratifyBy, ulong Seed, int MinRowsPerStratum = 1_000);
