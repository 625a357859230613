using System.Text.Json;
using Mlops.Core.Experiments;

namespace Mlops.Core.Datasets;

/// <summary>
/// Reads the spec's <c>"promotion"</c>: <c>{"strategy": "holdout|ab|shadow", "challengerTraffic": 0.1, "alpha": 0.05,
/// "minSamples": 200, "maxSamples": 20000, "maxDays": 14, "lookIntervalSeconds": 3600, "requireApproval": false,
/// "minImprovement": 0, "maxErrorRateIncrease": 0.01, "maxLatencyIncreaseMs": 10}</c>. Each mistake is a sentence naming
/// the field.
/// </summary>
internal static class ModelSpecPromotionReader
{
    private const string Block = "promotion";

    public static string? Read(JsonProperty property, out PromotionSettings promotion)
    {
        promotion = PromotionSettings.Default;
        var value = property.Value;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return $"'promotion' must be an object such as {{\"strategy\": \"ab\", \"challengerTraffic\": 0.1}}, but it is {ModelSpecText.Show(value)}.";
        }

        foreach (var field in value.EnumerateObject())
        {
            string? problem;
            double number;
            switch (field.Name.ToUpperInvariant())
            {
                case "STRATEGY":
                    var strategy = field.Value.ValueKind == JsonValueKind.String
                        ? PromotionStrategies.All.FirstOrDefault(s => string.Equals(s, field.Value.GetString()!.Trim(), StringComparison.OrdinalIgnoreCase))
                        : null;
                    problem = strategy is null ? $"'promotion.{field.Name}' is {ModelSpecText.Show(field.Value)}, but it must be \"holdout\", \"ab\" or \"shadow\"." : null;
                    promotion = promotion with { Strategy = strategy ?? promotion.Strategy };
                    break;
                case "CHALLENGERTRAFFIC":
                    problem = ModelSpecText.Number(Block, field, out number) ?? (number is > 0 and <= 1 ? null : ModelSpecText.Rule(Block, field, "must be above 0 and at most 1"));
                    promotion = promotion with { ChallengerTraffic = number };
                    break;
                case "ALPHA":
                    problem = ModelSpecText.Number(Block, field, out number) ?? (number is > 0 and <= 0.5 ? null : ModelSpecText.Rule(Block, field, "must be above 0 and at most 0.5"));
                    promotion = promotion with { Alpha = number };
                    break;
                case "MINSAMPLES":
                    problem = ModelSpecText.Whole(Block, field, 2, 10_000_000, out number);
                    promotion = promotion with { MinSamples = (int)number };
                    break;
                case "MAXSAMPLES":
                    problem = ModelSpecText.Whole(Block, field, 2, 100_000_000, out number);
                    promotion = promotion with { MaxSamples = (int)number };
                    break;
                case "MAXDAYS":
                    problem = ModelSpecText.Number(Block, field, out number) ?? (number is > 0 and <= 365 ? null : ModelSpecText.Rule(Block, field, "must be above 0 and at most 365"));
                    promotion = promotion with { MaxDays = number };
                    break;
                case "LOOKINTERVALSECONDS":
                    problem = ModelSpecText.Whole(Block, field, 1, 7 * 24 * 3600, out number);
                    promotion = promotion with { LookIntervalSeconds = (int)number };
                    break;
                case "REQUIREAPPROVAL":
                    problem = field.Value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"'promotion.{field.Name}' must be true or false, but it is {ModelSpecText.Show(field.Value)}.";
                    promotion = promotion with { RequireApproval = field.Value.ValueKind == JsonValueKind.True };
                    break;
                case "MINIMPROVEMENT":
                    problem = ModelSpecText.Number(Block, field, out number) ?? (number >= 0 ? null : ModelSpecText.Rule(Block, field, "must not be negative"));
                    promotion = promotion with { MinImprovement = number };
                    break;
                case "MAXERRORRATEINCREASE":
                    problem = ModelSpecText.Number(Block, field, out number) ?? (number is >= 0 and < 1 ? null : ModelSpecText.Rule(Block, field, "must be at least 0 and below 1"));
                    promotion = promotion with { MaxErrorRateIncrease = number };
                    break;
                case "MAXLATENCYINCREASEMS":
                    problem = ModelSpecText.Number(Block, field, out number) ?? (number is >= 0 and <= 60_000 ? null : ModelSpecText.Rule(Block, field, "must be from 0 to 60000"));
                    promotion = promotion with { MaxLatencyIncreaseMs = number };
                    break;
                default:
                    problem = $"'promotion.{field.Name}' is not a promotion setting; they are strategy, challengerTraffic, alpha, minSamples, maxSamples, maxDays, lookIntervalSeconds, requireApproval, minImprovement, maxErrorRateIncrease and maxLatencyIncreaseMs.";
                    break;
            }

            if (problem is not null)
            {
                return problem;
            }
        }

        if (promotion.MinSamples > promotion.MaxSamples)
        {
            return $"'promotion.minSamples' ({promotion.MinSamples}) is above 'promotion.maxSamples' ({promotion.MaxSamples}), so no look could ever decide.";
        }

        // All of the traffic on the challenger would leave no champion to compare with; a shadow copy of all of it is fine.
        return promotion.ChallengerTraffic >= 1 && promotion.Strategy != PromotionStrategies.Shadow
            ? $"'promotion.challengerTraffic' is 1, which only the \"shadow\" strategy allows; under \"{promotion.Strategy}\" the champion needs a share of the requests."
            : null;
    }
}
