namespace Mlops.Core.Retention;

/// <summary>What a retention pass did, model by model (the answer of POST /api/retention/run).</summary>
public sealed record RetentionReport(IReadOnlyList<ModelRetention> Models);
