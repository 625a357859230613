using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Mlops.Core.Datasets;
using Mlops.Core.Errors;
using Mlops.Core.Evaluation;
using Mlops.Core.Events;
using Mlops.Core.Feedback;
using Mlops.Core.Profiling;
using Mlops.Core.Registry;
using Mlops.Core.Scoring;
using Mlops.Core.Serving;
using Mlops.Core.Telemetry;
using Mlops.Core.Validation;

namespace Mlops.Core.Monitoring;

/// <summary>
/// Closes a model's monitoring window: the champion's predictions made since the last window, each feature and the
/// prediction compared with the champion's data contract (drift declared after k judged windows in a row), the metric
/// over the labels joined so far against the one the version was registered with, and Page-Hinkley on the error stream.
/// A detection is a registry event; it starts a retraining run on the champion's data plus the labelled predictions
/// since (<see cref="RetrainingSetBuilder"/>), unless the cool-down or the monthly budget forbids it or no prediction
/// has a label, in which case it is an alert. A window holds at most <see cref="MaxRows"/> rows for its statistics (a
/// seeded uniform sample beyond that); its row count is the full one. The window is stored before anything is done
/// about it, and only the pass whose commit stored it acts (<see cref="WindowFinisher"/>): a timer and a person closing
/// the same window at once give one window, one event per detection and at most one run.
/// </summary>
public sealed class MonitoringPass(
    IModelRegistry registry,
    IModelArtifactStore artifacts,
    IDatasetStore datasets,
    IPredictionLog predictions,
    IFeedbackStore feedback,
    IMonitoringStore store,
    RetrainingSetBuilder sets,
    WindowFinisher finisher,
    TimeProvider clock)
{
    /// <summary>
    /// How long a window's actions may stay unrecorded before another pass takes them over: far longer than starting a
    /// run takes, so a pass that is alive finishes its own window.
    /// </summary>
    public static readonly TimeSpan FinishAfter = TimeSpan.FromMinutes(10);

    /// <summary>Rows a window's statistics read: effect sizes are stable long before this, and memory stays bounded.</summary>
    public const int MaxRows = 100_000;

    /// <summary>Labels a window needs before its metric is reported.</summary>
    public const int MinLabelled = 30;

    /// <summary>Retraining sets are stored as "{model}/retrain-{window}.csv"; the blob trigger leaves them to monitoring.</summary>
    public const string RetrainFilePrefix = "retrain-";

    /// <param name="model">The model.</param>
    /// <param name="retrainer">Starts a retraining run; null to only alert (a host without a Durable client).</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    public async Task<MonitoringWindow> CloseWindowAsync(string model, IRetrainer? retrainer, CancellationToken cancellationToken)
    {
        ModelName.Validate(model);
        var champion = await registry.GetAliasAsync(model, Aliases.Champion, cancellationToken)
            ?? throw MlopsException.NotFound($"Model '{model}' has no champion to monitor.");
        var version = await registry.GetVersionAsync(model, champion.Version, cancellationToken)
            ?? throw MlopsException.NotFound($"Model '{model}' version {champion.Version} does not exist.");
        var contract = await ContractOfAsync(version, cancellationToken);
        var spec = await SpecAsync(model, cancellationToken);
        var settings = spec?.Monitoring ?? MonitoringSettings.Default;
        var stored = await store.GetStateAsync(model, cancellationToken);
        // A new champion starts its streaks and detector afresh (its contract is another reference); the cool-down and
        // the month's budget carry over, or every retrained champion would reopen them, and so do windows left unfinished.
        var previous = stored?.State;
        var state = previous is not null && previous.Version == version.Version
            ? previous
            : new MonitoringState(model, version.Version, version.CreatedAt)
            {
                LastRetrainAt = previous?.LastRetrainAt,
                RetrainMonth = previous?.RetrainMonth,
                RetrainsThisMonth = previous?.RetrainsThisMonth ?? 0,
                Unfinished = previous?.Unfinished ?? [],
            };
        var to = clock.GetUtcNow();
        var (rows, total) = await SampleAsync(model, version.Version, state.LastWindowEnd, to, cancellationToken);

        var detector = new DriftDetector(settings);
        var features = contract.Schema.Features.Where(f => f.Kind is not ColumnKind.Date and not ColumnKind.Text).ToArray();
        var drifts = features.Select(f => Compare(detector, contract, f, rows)).Where(d => d is not null).Select(d => d!).ToArray();
        var predictionDrift = ComparePrediction(detector, contract, rows);
        var streaks = drifts.Select(d => (state.Streaks.FirstOrDefault(s => s.Feature == d.Feature) ?? DriftStreak.Start(d.Feature)).After(d, settings.ConsecutiveWindows)).ToArray();
        var predictionStreak = predictionDrift is null ? null : (state.PredictionStreak ?? DriftStreak.Start(predictionDrift.Feature)).After(predictionDrift, settings.ConsecutiveWindows);
        var verdict = ModelDriftVerdict.Judge(streaks, predictionStreak, settings.DriftedFeatureShare);
        var (decay, detectorState) = await DecayAsync(model, contract.Schema, version, settings, state.Detector, rows, cancellationToken);

        var id = to.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var detections = new List<MonitoringDetection>();
        var newlyDeclared = streaks.Any(s => s.JustDeclared) || predictionStreak is { JustDeclared: true };
        if (verdict.Detected && newlyDeclared)
        {
            string[] drifted = [.. verdict.DriftedFeatures, .. verdict.PredictionDrifted ? ["the prediction"] : Array.Empty<string>()];
            var what = drifted.Length == 1 ? drifted[0] : $"{string.Join(", ", drifted[..^1])} and {drifted[^1]}";
            var streak = settings.ConsecutiveWindows == 1 ? "in this window" : $"for {settings.ConsecutiveWindows} windows in a row";
            detections.Add(new(RetrainKinds.Drift, $"Drift in window {id}: {what} drifted {streak}."));
        }

        if (decay is { Detected: true } && !state.Decaying)
        {
            detections.Add(new(RetrainKinds.Decay, decay.ChangeDetected && decay.Value is null
                ? $"Decay in window {id}: the error stream's change detector fired."
                : string.Create(CultureInfo.InvariantCulture, $"Decay in window {id}: {decay.Metric} {decay.Value:0.####} (interval {decay.Lower:0.####} to {decay.Upper:0.####}) over {decay.Labelled} labels, registered {decay.Baseline:0.####}.")));
        }

        var actions = new List<MonitoringAction>();
        BinaryData? set = null;
        if (detections.Count > 0)
        {
            (var action, set, var retrained) = await PlanAsync(id, version, settings, state, to, detections[0].Kind, string.Join(" ", detections.Select(d => d.Reason)), retrainer, cancellationToken);
            actions.Add(action);
            state = retrained ?? state;
        }
        else if (spec?.RetrainSchedule is { } schedule && RetrainSchedules.IsDue(schedule, state.LastWindowEnd, to))
        {
            (var action, set, var retrained) = await PlanAsync(id, version, settings, state, to, RetrainKinds.Schedule, $"Scheduled retraining ({schedule}) was due in window {id}.", retrainer, cancellationToken);
            actions.Add(action);
            state = retrained ?? state;
        }

        var window = new MonitoringWindow(
            id,
            model,
            version.Version,
            state.LastWindowEnd,
            to,
            total,
            rows.Count >= settings.MinSamples ? MonitoringWindow.Judged : MonitoringWindow.Insufficient,
            new WindowDrift(verdict.Detected, [.. drifts.Zip(streaks, View)], predictionDrift is null ? null : View(predictionDrift, predictionStreak!)),
            decay)
        {
            Actions = actions,
            Detections = detections,
            Pending = detections.Count > 0 || actions.Any(a => a.Kind != MonitoringAction.Skipped),
        };

        // Windows a pass closed and never recorded finished (it died, or is still at it) are taken over once FinishAfter
        // has passed since they were last claimed: this commit is the claim, so two passes never take the same one.
        var stale = state.Unfinished.Where(u => to - u.ClaimedAt >= FinishAfter).Select(u => u.End).ToArray();
        var next = state with
        {
            Version = version.Version,
            LastWindowEnd = to,
            Streaks = streaks,
            PredictionStreak = predictionStreak,
            Detector = detectorState,
            Windows = state.Windows + 1,
            Decaying = decay is { Labelled: >= MinLabelled } || decay is { ChangeDetected: true } ? decay.Detected : state.Decaying,
            Unfinished =
            [
                .. state.Unfinished.Select(u => stale.Contains(u.End) ? u with { ClaimedAt = to } : u),
                .. window.Pending ? [new UnfinishedWindow(to, to)] : Array.Empty<UnfinishedWindow>(),
            ],
        };

        // The window is stored before anything is done about it: of two passes that read the same state, one commits
        // and acts, the other acts on nothing and answers the window that was closed.
        if (!await store.TryCommitAsync(window, next, stored?.ETag, cancellationToken))
        {
            var latest = await store.ListAsync(model, 1, cancellationToken);
            return latest.Count > 0 ? latest[0] : throw new MlopsException(MlopsErrorCode.Conflict, $"Another monitoring pass changed the monitoring of '{model}' at the same time; run it again.");
        }

        if (window.Pending)
        {
            window = await finisher.FinishAsync(window, set, retrainer, cancellationToken);
        }

        Count(window);
        foreach (var end in stale)
        {
            if (await store.GetWindowAsync(model, end, cancellationToken) is { Pending: true } left)
            {
                Count(await finisher.FinishAsync(left, null, retrainer, cancellationToken));
            }
            else
            {
                await finisher.ForgetAsync(model, end, cancellationToken);
            }
        }

        return window;
    }

    /// <summary>Detections and actions as carried out, each counted once: by the pass that finished its window.</summary>
    private static void Count(MonitoringWindow window)
    {
        var model = window.Model;
        foreach (var detection in window.Detections)
        {
            MlopsTelemetry.MonitoringDetections.Add(1, new KeyValuePair<string, object?>("model", model), new KeyValuePair<string, object?>("kind", detection.Kind));
        }

        foreach (var action in window.Actions)
        {
            var tags = new TagList { { "model", model }, { "kind", action.Kind } };
            if (action.Cause is { } cause)
            {
                tags.Add("cause", cause);
            }

            MlopsTelemetry.MonitoringActions.Add(1, tags);
        }
    }

    /// <summary>
    /// A retraining run (its set built now, started once the window is stored) when the cool-down, the month's budget and
    /// new labels allow it; an alert saying why not otherwise; for a schedule with nothing new, a skip.
    /// </summary>
    private async Task<(MonitoringAction Action, BinaryData? Set, MonitoringState? State)> PlanAsync(
        string id, ModelVersion version, MonitoringSettings settings, MonitoringState state, DateTimeOffset now, string kind, string reason, IRetrainer? retrainer, CancellationToken cancellationToken)
    {
        var month = now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var used = state.RetrainMonth == month ? state.RetrainsThisMonth : 0;
        (string Cause, string Text)? refusal = null;
        if (retrainer is null)
        {
            refusal = (AlertCauses.NoRuns, "this host does not start runs");
        }
        else if (state.LastRetrainAt is { } last && now - last < TimeSpan.FromHours(settings.CooldownHours))
        {
            refusal = (AlertCauses.Cooldown, string.Create(CultureInfo.InvariantCulture, $"the cool-down of {settings.CooldownHours} hours since the retraining of {last:u} has not passed"));
        }
        else if (used >= settings.MonthlyRetrainBudget)
        {
            refusal = (AlertCauses.Budget, string.Create(CultureInfo.InvariantCulture, $"this month's retraining budget ({settings.MonthlyRetrainBudget}) is spent"));
        }

        if (refusal is null && await sets.BuildAsync(version, now, cancellationToken) is var (csv, added))
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"window {id}: {reason} The set adds {added} labelled predictions to {version.Lineage.DatasetBlob}.");
            var run = new MonitoringAction(now, MonitoringAction.Retrain, null, detail) { Trigger = kind, Added = added };
            return (run, csv, state with { LastRetrainAt = now, RetrainMonth = month, RetrainsThisMonth = used + 1 });
        }

        var (cause, text) = refusal ?? (AlertCauses.NothingNew, "no prediction since the champion was trained has a label, so a run would learn nothing new");
        var alert = $"{reason} No retraining: {text}.";
        if (kind == RetrainKinds.Schedule && cause == AlertCauses.NothingNew)
        {
            // A schedule finding nothing new is routine, not an alert.
            return (new MonitoringAction(now, MonitoringAction.Skipped, null, alert), null, null);
        }

        return (new MonitoringAction(now, MonitoringAction.Alert, null, alert) { Cause = cause }, null, null);
    }

    private static FeatureDriftView View(FeatureDrift drift, DriftStreak streak) => new(
        drift.Feature,
        drift.Rows,
        drift.Status == WindowStatus.Judged ? MonitoringWindow.Judged : MonitoringWindow.Insufficient,
        drift.Statistics,
        drift.Drifted,
        streak.Consecutive,
        streak.Declared);

    private static FeatureDrift? Compare(DriftDetector detector, DataContract contract, ColumnSchema feature, List<SampledRow> rows)
    {
        if (contract.Columns.FirstOrDefault(c => c.Name == feature.Name) is not { } profile)
        {
            return null;
        }

        long missing = 0;
        if (feature.Kind == ColumnKind.Numeric)
        {
            if (profile.Histogram.Count == 0 || profile.Histogram.Sum(b => b.Count) == 0)
            {
                return null;
            }

            var values = new List<double>(rows.Count);
            foreach (var row in rows)
            {
                if (row.Number(feature.Name, contract.Schema.Dialect) is { } value)
                {
                    values.Add(value);
                }
                else
                {
                    missing++;
                }
            }

            return detector.Compare(feature.Name, NumericReference.From(profile), values.ToArray(), missing);
        }

        var categories = new List<string>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Text(feature, contract.Schema.Dialect) is { } value)
            {
                categories.Add(value);
            }
            else
            {
                missing++;
            }
        }

        return detector.Compare(feature.Name, CategoricalReference.From(profile), categories, missing);
    }

    /// <summary>The predictions against the training labels' distribution (the contract's profile of the label).</summary>
    private static FeatureDrift? ComparePrediction(DriftDetector detector, DataContract contract, List<SampledRow> rows)
    {
        if (contract.Columns.FirstOrDefault(c => c.Name == contract.Schema.Label) is not { } profile)
        {
            return null;
        }

        if (contract.Schema.Task == MlTask.Regression)
        {
            if (profile.Histogram.Count == 0)
            {
                return null;
            }

            var values = rows.Select(r => CsvValues.TryParseNumber(r.Prediction.Prediction, out var v) ? v : double.NaN).Where(double.IsFinite).ToArray();
            return detector.Compare("prediction", NumericReference.From(profile), values, rows.Count - values.Length);
        }

        return detector.Compare("prediction", CategoricalReference.From(profile), [.. rows.Select(r => r.Prediction.Prediction)]);
    }

    private async Task<(WindowDecay? Decay, PageHinkleyState Detector)> DecayAsync(
        string model, DatasetSchema schema, ModelVersion version, MonitoringSettings settings, PageHinkleyState detector, List<SampledRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return (null, detector);
        }

        var labels = (await feedback.FindAsync(model, [.. rows.Select(r => r.Prediction.PredictionId)], cancellationToken))
            .ToDictionary(l => l.PredictionId, l => l.Label, StringComparer.Ordinal);
        var labelled = rows.Where(r => labels.ContainsKey(r.Prediction.PredictionId)).OrderBy(r => r.Prediction.PredictionId, StringComparer.Ordinal).ToArray();
        var regression = schema.Task == MlTask.Regression;
        var metric = regression ? MetricNames.Rmse : MetricNames.Accuracy;
        double? baseline = version.Metrics.TryGetValue(metric, out var registered) ? registered : null;
        var errors = new List<double>(labelled.Length);
        long correct = 0;
        foreach (var row in labelled)
        {
            var label = labels[row.Prediction.PredictionId];
            if (!regression)
            {
                var right = string.Equals(label.Trim(), row.Prediction.Prediction.Trim(), StringComparison.Ordinal);
                correct += right ? 1 : 0;
                errors.Add(right ? 0 : 1);
            }
            else if (CsvValues.TryParseNumber(label, out var actual) && CsvValues.TryParseNumber(row.Prediction.Prediction, out var predicted))
            {
                errors.Add(predicted - actual);
            }
        }

        // Page-Hinkley reads 0/1 errors for a classifier and absolute errors in units of the registered RMSE for a regression.
        var scale = regression && baseline is > 0 ? baseline.Value : 1;
        var stream = errors.Select(e => regression ? Math.Abs(e) / scale : e).ToArray();
        var after = settings.Detector.Observe(detector, stream);
        MetricInterval? interval = errors.Count < MinLabelled ? null
            : regression ? WindowMetrics.Rmse(errors.ToArray(), settings.Confidence)
            : WindowMetrics.Accuracy(correct, errors.Count, settings.Confidence);
        var worse = interval is not null && baseline is { } b && interval.WorseThan(b);
        var decay = new WindowDecay(metric, interval?.Value, interval?.Lower, interval?.Upper, errors.Count, baseline, worse || (after.Detected && !detector.Detected))
        {
            ChangeDetected = after.Detected,
        };
        return (decay, after);
    }

    private async Task<(List<SampledRow> Rows, long Total)> SampleAsync(string model, int version, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var sample = new List<SampledRow>();
        // Seeded by the window's start and the version (not HashCode, which differs per process): the same rows give the same sample.
        var random = new Random(unchecked((int)(from.UtcTicks ^ (from.UtcTicks >> 32)) ^ version));
        long total = 0;
        await foreach (var prediction in predictions.ReadRangeAsync(model, from, to, cancellationToken))
        {
            // The champion's own traffic and the files it scored with their rows logged; never an experiment's challenger.
            if (prediction.Version != version || prediction.Variant is not (Aliases.Champion or ChunkLogging.Variant))
            {
                continue;
            }

            total++;

            // Reservoir sampling (algorithm R), seeded by the window: every prediction equally likely to be read.
            if (sample.Count < MaxRows)
            {
                sample.Add(SampledRow.From(prediction));
            }
            else if (random.NextInt64(total) is var slot && slot < MaxRows)
            {
                sample[(int)slot] = SampledRow.From(prediction);
            }
        }

        return (sample, total);
    }

    private async Task<DataContract> ContractOfAsync(ModelVersion version, CancellationToken cancellationToken)
    {
        var json = version.ContractVersion is null ? null : await artifacts.ReadAsync(ArtifactPaths.Contract(version.Model, version.Version), cancellationToken);
        return json?.ToObjectFromJson<DataContract>(MlopsJson.Options)
            ?? throw new MlopsException(MlopsErrorCode.Conflict, $"Model '{version.Model}' version {version.Version} has no data contract to compare its predictions with.");
    }

    private async Task<ModelSpec?> SpecAsync(string model, CancellationToken cancellationToken)
    {
        // A spec that does not parse is refused when it is written; one broken since is read as the defaults.
        var json = await datasets.ReadSpecAsync(model, cancellationToken);
        return json is null ? null : ModelSpecParser.Parse(json, out _);
    }
}
