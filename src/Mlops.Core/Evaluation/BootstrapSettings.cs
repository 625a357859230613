namespace Mlops.Core.Evaluation;

/// <summary>How a paired bootstrap is drawn.</summary>
/// <param name="Resamples">Resamples drawn; 1,000 keeps a 95% interval's ends stable to about a percent of its width.</param>
/// <param name="Confidence">The interval's coverage.</param>
/// <param name="Seed">The generator's seed: the same seed gives the same interval.</param>
public sealed record BootstrapSettings(int Resamples = 1000, double Confidence = 0.95, ulong Seed = 20240607);
