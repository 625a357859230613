namespace Mlops.Core.Training.Trainers;

/// <summary>What a trainer is built from besides the context.</summary>
/// <param name="Parameters">Every hyperparameter's value.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="WeightColumn">The example-weight column, or null to weigh rows equally.</param>
internal sealed record TrainerInputs(ParameterValues Parameters, int Seed, string? WeightColumn);
