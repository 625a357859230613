namespace Mlops.Core.Training.Search;

/// <summary>A search as it starts: what <see cref="SearchRecord"/> is made from before any trial has finished.</summary>
/// <param name="RunId">The run searching.</param>
/// <param name="Dataset">The dataset blob it searches on.</param>
/// <param name="Plan">The plan it follows.</param>
/// <param name="StartedAt">When it was planned (UTC).</param>
public sealed record SearchStart(string RunId, string Dataset, SearchPlan Plan, DateTime StartedAt)
{
    /// <summary>
    /// The search record as far as it has gone: the trials finished so far in index order, no winner yet, and
    /// <see cref="SearchRecord.Partial"/> set; <paramref name="asOf"/> stands in for its end.
    /// </summary>
    public SearchRecord SoFar(IEnumerable<TrialResult> finished, DateTime asOf)
    {
        ArgumentNullException.ThrowIfNull(finished);
        var trials = finished.OrderBy(t => t.Index).ToList();
        var outcome = new SearchOutcome(trials, null, "in progress");
        return SearchRecord.Of(RunId, Dataset, Plan, outcome, StartedAt, asOf) with { Partial = true };
    }
}
