using Mlops.Core.Validation;

namespace Mlops.Core.Training;

/// <summary>The kinds of data-report mitigation training knows how to apply.</summary>
public static class TrainingMitigations
{
    /// <summary>Imbalanced classes: rows are weighted inversely to their class's frequency.</summary>
    public const string ClassWeights = MitigationKinds.ClassWeights;

    /// <summary>Rare classes: folds and holdout keep each class's share (always done; recorded when asked for).</summary>
    public const string StratifiedSplit = MitigationKinds.StratifiedSplit;

    /// <summary>The kinds of <paramref name="requested"/> training applies, in a stable order; others are ignored.</summary>
    public static IReadOnlyList<string> Applicable(IEnumerable<string> requested, bool classification)
    {
        ArgumentNullException.ThrowIfNull(requested);
        var kinds = requested.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var applied = new List<string>();
        if (classification && kinds.Contains(ClassWeights))
        {
            applied.Add(ClassWeights);
        }

        if (classification && kinds.Contains(StratifiedSplit))
        {
            applied.Add(StratifiedSplit);
        }

        return applied;
    }
}
