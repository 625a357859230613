namespace Mlops.Core.Training.Search;

/// <summary>A trainer and its hyperparameters: one point of the search space.</summary>
/// <param name="Trainer">The trainer's name, as in the catalog (e.g. "LightGbmBinary").</param>
/// <param name="Parameters">Hyperparameter values by name; a parameter left out takes the trainer's default.</param>
public sealed record TrialConfiguration(string Trainer, IReadOnlyDictionary<string, double> Parameters)
{
    public override string ToString() =>
        $"{Trainer}({string.Join(", ", Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => FormattableString.Invariant($"{p.Key}={p.Value}")))})";

    public bool Equals(TrialConfiguration? other) =>
        other is not null
        && string.Equals(Trainer, other.Trainer, StringComparison.Ordinal)
        && Parameters.Count == other.Parameters.Count
        && Parameters.All(p => other.Parameters.TryGetValue(p.Key, out var value) && value.Equals(p.Value));

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Trainer), Parameters.Count);
}
