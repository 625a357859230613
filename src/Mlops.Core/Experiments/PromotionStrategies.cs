namespace Mlops.Core.Experiments;

/// <summary>How a version that passed its gates reaches the champion's place (the spec's <c>promotion.strategy</c>).</summary>
public static class PromotionStrategies
{
    /// <summary>Promoted at once on the holdout verdict.</summary>
    public const string Holdout = "holdout";

    /// <summary>Becomes the challenger and serves a weighted share of live traffic until a sequential test decides.</summary>
    public const string Ab = "ab";

    /// <summary>Becomes the challenger and scores every request off the request path; the champion answers.</summary>
    public const string Shadow = "shadow";

    public static IReadOnlyList<string> All { get; } = [Holdout, Ab, Shadow];
}
