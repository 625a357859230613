namespace Mlops.Core.Experiments;

/// <summary>What one look saw: predictions and labelled outcomes per variant, their mean scores and the test's reading.</summary>
public sealed record ExperimentLook(
    DateTimeOffset At,
    long ChampionPredictions,
    long ChallengerPredictions,
    VariantTally Champion,
    VariantTally Challenger,
    SequentialLook? Test);
