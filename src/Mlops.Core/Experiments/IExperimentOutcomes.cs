namespace Mlops.Core.Experiments;

/// <summary>The scored outcomes of an experiment's predictions, joined when their labels arrive.</summary>
public interface IExperimentOutcomes
{
    /// <summary>Records (or replaces, when a label is corrected) one prediction's score under its variant.</summary>
    Task RecordAsync(string experimentId, string predictionId, string variant, double score, CancellationToken cancellationToken);

    /// <summary>The champion's and the challenger's tallies so far.</summary>
    Task<(VariantTally Champion, VariantTally Challenger)> TallyAsync(string experimentId, CancellationToken cancellationToken);
}
