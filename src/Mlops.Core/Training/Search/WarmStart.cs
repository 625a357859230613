using System.Globalization;

namespace Mlops.Core.Training.Search;

/// <summary>
/// What a new run of an existing model starts its search from: the champion's configuration and the best other
/// configurations its own search measured. Offered by <see cref="WarmStartSource"/>; the planner keeps the ones the
/// task's trainers still accept and records those in <see cref="SearchPlan.WarmStart"/>, first in its configurations.
/// </summary>
/// <param name="Version">The champion version they come from.</param>
/// <param name="Champion">The champion's trainer and hyperparameters; null when it was not offered or not kept.</param>
/// <param name="BestTrials">Configurations of the champion's search, best first, the champion's own left out.</param>
public sealed record WarmStart(int Version, TrialConfiguration? Champion, IReadOnlyList<TrialConfiguration> BestTrials)
{
    /// <summary>
    /// At most this many configurations seed a search: the champion and its search's two best others. They replace
    /// the default and random draws that explore, and on new data the old optimum is a good guess, not an answer: more
    /// would spend a small budget (12 trials by default) re-measuring one neighbourhood. A search's next-best
    /// configurations are usually near its best, so a fourth would add little that the first three do not.
    /// </summary>
    public const int MaxConfigurations = 3;

    /// <summary>The configurations in the order a search dispatches them: the champion's first.</summary>
    public IReadOnlyList<TrialConfiguration> Configurations() => Champion is null ? BestTrials : [Champion, .. BestTrials];

    /// <summary>A phrase for the run's train stage, e.g. "warm-started from v3's configuration and 2 of its search's best trials".</summary>
    public string Describe() => Champion is null
        ? string.Create(CultureInfo.InvariantCulture, $"warm-started from {BestTrials.Count} of v{Version}'s search's best trials")
        : BestTrials.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"warm-started from v{Version}'s configuration")
            : string.Create(CultureInfo.InvariantCulture, $"warm-started from v{Version}'s configuration and {BestTrials.Count} of its search's best trials");
}
