namespace Mlops.Core.Experiments;

/// <summary>Rows of one predict request for a shadow experiment's challenger to score off the request path.</summary>
public sealed record ShadowRequest(string Model, string ExperimentId, int ChallengerVersion, IReadOnlyList<ShadowRow> Rows);
