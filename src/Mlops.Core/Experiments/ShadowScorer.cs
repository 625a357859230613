using System.Diagnostics;
using System.Text.Json;
using Mlops.Core.Feedback;
using Mlops.Core.Registry;
using Mlops.Core.Serving;

namespace Mlops.Core.Experiments;

/// <summary>
/// Scores rows the champion answered with a shadow experiment's challenger, off the request path, and logs each under
/// the champion's prediction id. A label that arrived before the shadow scored is joined here; one arriving later is
/// joined by feedback, so every labelled shadow prediction is compared with its champion prediction.
/// </summary>
public sealed class ShadowScorer(
    ServedModels models,
    IShadowPredictionLog shadows,
    IFeedbackStore feedback,
    IExperimentStore experiments,
    IExperimentOutcomes outcomes,
    TimeProvider clock)
{
    /// <summary>Scores the rows; returns how many were logged (none once the experiment has ended).</summary>
    public async Task<int> ScoreAsync(ShadowRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ModelName.Validate(request.Model);
        if (await experiments.GetAsync(request.Model, request.ExperimentId, cancellationToken) is not { } stored
            || !ExperimentStatuses.IsOpen(stored.Experiment.Status)
            || stored.Experiment.ChallengerVersion != request.ChallengerVersion)
        {
            // Rows queued before the experiment ended tell it nothing any more.
            return 0;
        }

        var experiment = stored.Experiment;
        var challenger = await models.GetVersionAsync(request.Model, request.ChallengerVersion, Aliases.Challenger, cancellationToken);
        var now = clock.GetUtcNow();
        var records = request.Rows.Select(row => Score(experiment, challenger, row, now)).ToArray();
        await shadows.RecordAsync(records, cancellationToken);

        var answered = records.Where(r => r.ChallengerError is null).ToDictionary(r => r.PredictionId, StringComparer.Ordinal);
        foreach (var label in await feedback.FindAsync(request.Model, answered.Keys, cancellationToken))
        {
            if (ExperimentMetrics.Score(experiment.Metric, answered[label.PredictionId].Prediction, label.Label) is { } score)
            {
                await outcomes.RecordAsync(experiment.Id, label.PredictionId, Aliases.Challenger, score, cancellationToken);
            }
        }

        return records.Length;
    }

    private static PredictionRecord Score(Experiment experiment, ServedModel? challenger, ShadowRow row, DateTimeOffset now)
    {
        var record = new PredictionRecord(experiment.Model, row.PredictionId, experiment.ChallengerVersion, Aliases.Challenger, now, "{}", string.Empty, null, row.EntityId)
        {
            ExperimentId = experiment.Id,
        };
        if (challenger is null)
        {
            return record with { ChallengerError = $"Version {experiment.ChallengerVersion} cannot be served." };
        }

        try
        {
            var features = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(row.FeaturesJson, MlopsJson.Options)
                ?? throw new JsonException("The features are null.");
            var start = Stopwatch.GetTimestamp();
            var prediction = challenger.Predictor.Predict(features);
            return record with { Prediction = prediction.Label, Score = prediction.Score, LatencyMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A row the champion answered and the challenger cannot is the challenger's failure, counted by its guardrail.
            return record with { ChallengerError = e.Message };
        }
    }
}
