using System.Globalization;
using System.Text.Json;
using Mlops.Core.Evaluation;
using Mlops.Core.Validation;

namespace Mlops.Core.Datasets;

/// <summary>
/// Reads the spec's <c>"gates"</c>: <c>{"thresholds": {"auc": {"min": 0.8}, "rmse": {"max": 4}}, "minImprovement":
/// 0.005, "improvement": "absolute|relative", "confidence": 0.95, "resamples": 1000}</c>. Each mistake is a sentence
/// naming the field.
/// </summary>
internal static class ModelSpecGatesReader
{
    private const string Block = "gates";
    private const int MinResamples = 200;
    private const int MaxResamples = 10_000;

    public static string? Read(JsonProperty property, out EvaluationGates gates)
    {
        gates = EvaluationGates.Default;
        var value = property.Value;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return $"'gates' must be an object such as {{\"thresholds\": {{\"auc\": {{\"min\": 0.8}}}}, \"minImprovement\": 0.005}}, but it is {ModelSpecText.Show(value)}.";
        }

        foreach (var field in value.EnumerateObject())
        {
            string? problem;
            switch (field.Name.ToUpperInvariant())
            {
                case "THRESHOLDS":
                    problem = ReadThresholds(field, out var thresholds);
                    gates = gates with { Thresholds = thresholds };
                    break;
                case "MINIMPROVEMENT":
                    problem = ModelSpecText.Number(Block, field, 0, double.MaxValue, "must not be negative", out var improvement);
                    gates = gates with { MinImprovement = improvement };
                    break;
                case "IMPROVEMENT":
                    problem = ReadKind(field, out var relative);
                    gates = gates with { Relative = relative };
                    break;
                case "CONFIDENCE":
                    problem = ModelSpecText.Number(Block, field, 0.5, 0.999, "must be between 0.5 and 0.999", out var confidence);
                    gates = gates with { Confidence = confidence };
                    break;
                case "RESAMPLES":
                    problem = ModelSpecText.Whole(Block, field, MinResamples, MaxResamples, out var resamples);
                    gates = gates with { Resamples = (int)resamples };
                    break;
                default:
                    problem = $"'gates.{field.Name}' is not a gate setting; they are thresholds, minImprovement, improvement, confidence and resamples.";
                    break;
            }

            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? ReadThresholds(JsonProperty field, out IReadOnlyDictionary<string, MetricBounds> thresholds)
    {
        var read = new Dictionary<string, MetricBounds>(StringComparer.Ordinal);
        thresholds = read;
        if (field.Value.ValueKind != JsonValueKind.Object)
        {
            return $"'gates.{field.Name}' must be an object such as {{\"auc\": {{\"min\": 0.8}}}}, but it is {ModelSpecText.Show(field.Value)}.";
        }

        foreach (var entry in field.Value.EnumerateObject())
        {
            var path = $"gates.{field.Name}.{entry.Name}";
            if (TaskMetrics.Canonical(entry.Name) is not { } metric)
            {
                return $"'{path}' is not a metric; the metrics are {string.Join(", ", TaskMetrics.All)}.";
            }

            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                return $"'{path}' must be an object such as {{\"min\": 0.8}} or {{\"max\": 4}}, but it is {ModelSpecText.Show(entry.Value)}.";
            }

            double? min = null, max = null;
            foreach (var bound in entry.Value.EnumerateObject())
            {
                if (bound.Value.ValueKind != JsonValueKind.Number || !bound.Value.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    return $"'{path}.{bound.Name}' must be a number, but it is {ModelSpecText.Show(bound.Value)}.";
                }

                switch (bound.Name.ToUpperInvariant())
                {
                    case "MIN":
                        min = number;
                        break;
                    case "MAX":
                        max = number;
                        break;
                    default:
                        return $"'{path}.{bound.Name}' is not a bound; a metric's gate has min and/or max.";
                }
            }

            if (min is null && max is null)
            {
                return $"'{path}' sets no bound; give it min and/or max.";
            }

            if (min > max)
            {
                return string.Create(CultureInfo.InvariantCulture, $"'{path}' has min {min} above max {max}, which no model can meet.");
            }

            read[metric] = new MetricBounds(min, max);
        }

        return null;
    }

    private static string? ReadKind(JsonProperty field, out bool relative)
    {
        relative = false;
        var text = field.Value.ValueKind == JsonValueKind.String ? field.Value.GetString()!.Trim() : null;
        if (string.Equals(text, "absolute", StringComparison.OrdinalIgnoreCase) || string.Equals(text, "relative", StringComparison.OrdinalIgnoreCase))
        {
            relative = string.Equals(text, "relative", StringComparison.OrdinalIgnoreCase);
            return null;
        }

        return $"'gates.{field.Name}' is {ModelSpecText.Show(field.Value)}, but it must be \"absolute\" or \"relative\".";
    }
}
