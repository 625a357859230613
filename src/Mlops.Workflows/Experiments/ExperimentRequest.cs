using Mlops.Core.Experiments;

namespace Mlops.Workflows.Experiments;

/// <summary>What starts an experiment: by hand (POST /api/models/{model}/experiments) or by a run whose version passed its gates.</summary>
/// <param name="Model">The model.</param>
/// <param name="Challenger">The registered version on trial.</param>
/// <param name="Strategy"><see cref="PromotionStrategies.Ab"/> or <see cref="PromotionStrategies.Shadow"/>.</param>
/// <param name="Traffic">The challenger's share of requests, in (0, 1); for a shadow, the share it scores, in (0, 1].</param>
/// <param name="Settings">The model's promotion settings (alpha, sample bounds, look interval, approval).</param>
/// <param name="StartedBy">"manual" or "run {runId}".</param>
public sealed record ExperimentRequest(string Model, int Challenger, string Strategy, double Traffic, PromotionSettings Settings, string StartedBy);
