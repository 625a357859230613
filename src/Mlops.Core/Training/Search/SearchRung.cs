namespace Mlops.Core.Training.Search;

/// <summary>One rung of a search: how many trials run on it and on what share of the rows.</summary>
/// <param name="Trials">Trials on this rung.</param>
/// <param name="Budget">Share of each fold's training rows, in (0, 1]; the last rung's is 1 unless the
/// fold has more rows than <see cref="TrainingOptions.SearchMaxRows"/>.</param>
public sealed record SearchRung(int Trials, double Budget);
