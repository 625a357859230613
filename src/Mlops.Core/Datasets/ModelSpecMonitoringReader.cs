using System.Text.Json;
using Mlops.Core.Monitoring;

namespace Mlops.Core.Datasets;

/// <summary>
/// Reads the spec's <c>"monitoring"</c>: <c>{"psi": 0.2, "jensenShannon": 0.1, "wasserstein": 0.1, "minSamples": 500,
/// "k": 3, "driftedFeatureShare": 0.3, "confidence": 0.95, "pageHinkleyDelta": 0.01, "pageHinkleyLambda": 50,
/// "pageHinkleyMinObservations": 30, "cooldownHours": 24, "monthlyRetrainBudget": 4}</c>. Each mistake is a sentence
/// naming the field.
/// </summary>
internal static class ModelSpecMonitoringReader
{
    private const string Block = "monitoring";

    public static string? Read(JsonProperty property, out MonitoringSettings monitoring)
    {
        monitoring = MonitoringSettings.Default;
        var value = property.Value;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return $"'monitoring' must be an object such as {{\"psi\": 0.2, \"k\": 3}}, but it is {ModelSpecText.Show(value)}.";
        }

        foreach (var field in value.EnumerateObject())
        {
            string? problem;
            double number;
            switch (field.Name.ToUpperInvariant())
            {
                case "PSI":
                    problem = Positive(field, 10, out number);
                    monitoring = monitoring with { PsiThreshold = number };
                    break;
                case "JENSENSHANNON":
                    problem = ModelSpecText.Number(Block, field, out number) ?? (number is > 0 and < 1 ? null : ModelSpecText.Rule(Block, field, "must be between 0 and 1, both excluded"));
                    monitoring = monitoring with { JensenShannonThreshold = number };
                    break;
                case "WASSERSTEIN":
                    problem = Positive(field, 100, out number);
                    monitoring = monitoring with { WassersteinThreshold = number };
                    break;
                case "MINSAMPLES":
                    problem = ModelSpecText.Whole(Block, field, 1, 100_000_000, out number);
                    monitoring = monitoring with { MinSamples = (int)number };
                    break;
                case "K":
                    problem = ModelSpecText.Whole(Block, field, 1, 100, out number);
                    monitoring = monitoring with { ConsecutiveWindows = (int)number };
                    break;
                case "DRIFTEDFEATURESHARE":
                    problem = ModelSpecText.Number(Block, field, out number) ?? (number is > 0 and <= 1 ? null : ModelSpecText.Rule(Block, field, "must be above 0 and at most 1"));
                    monitoring = monitoring with { DriftedFeatureShare = number };
                    break;
                case "CONFIDENCE":
                    problem = ModelSpecText.Number(Block, field, 0.5, 0.999, "must be between 0.5 and 0.999", out number);
                    monitoring = monitoring with { Confidence = number };
                    break;
                case "PAGEHINKLEYDELTA":
                    problem = ModelSpecText.Number(Block, field, 0, 1, "must be from 0 to 1", out number);
                    monitoring = monitoring with { PageHinkleyDelta = number };
                    break;
                case "PAGEHINKLEYLAMBDA":
                    problem = Positive(field, 1_000_000, out number);
                    monitoring = monitoring with { PageHinkleyLambda = number };
                    break;
                case "PAGEHINKLEYMINOBSERVATIONS":
                    problem = ModelSpecText.Whole(Block, field, 1, 1_000_000, out number);
                    monitoring = monitoring with { PageHinkleyMinObservations = (int)number };
                    break;
                case "COOLDOWNHOURS":
                    problem = ModelSpecText.Number(Block, field, 0, 24 * 366, "must be from 0 to 8784 (a year)", out number);
                    monitoring = monitoring with { CooldownHours = number };
                    break;
                case "MONTHLYRETRAINBUDGET":
                    problem = ModelSpecText.Whole(Block, field, 0, 1000, out number);
                    monitoring = monitoring with { MonthlyRetrainBudget = (int)number };
                    break;
                default:
                    problem = $"'monitoring.{field.Name}' is not a monitoring setting; they are psi, jensenShannon, wasserstein, minSamples, k, driftedFeatureShare, confidence, pageHinkleyDelta, pageHinkleyLambda, pageHinkleyMinObservations, cooldownHours and monthlyRetrainBudget.";
                    break;
            }

            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? Positive(JsonProperty field, double max, out double number) =>
        ModelSpecText.Number(Block, field, out number) ?? (number > 0 && number <= max ? null : ModelSpecText.Rule(Block, field, $"must be above 0 and at most {max}"));
}
