using Mlops.Core.Experiments;

namespace Mlops.Workflows.Experiments;

/// <summary>A run's registered version that passed its gates, to be tried on live traffic rather than promoted at once.</summary>
public sealed record BeginExperimentInput(string RunId, string Model, int Version, PromotionSettings Settings);
