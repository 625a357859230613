using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Mlops.Core.Telemetry;

/// <summary>
/// The product's one ActivitySource and one Meter, both named "Mlops"; the hosts register them with
/// OpenTelemetry, which exports them to Azure Monitor in Azure.
/// </summary>
public static class MlopsTelemetry
{
    public const string Name = "Mlops";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Predictions served, tagged with model, version and variant.</summary>
    public static readonly Counter<long> Predictions = Meter.CreateCounter<long>("mlops.predictions", unit: "{prediction}");

    /// <summary>Predict's own time per request (scoring and handing to the log, not the HTTP pipeline), tagged with model and version.</summary>
    public static readonly Histogram<double> PredictDuration = Meter.CreateHistogram<double>("mlops.predict.duration", unit: "ms");

    /// <summary>
    /// Runs that ended, tagged with model, outcome (completed, quarantined, failed) and trigger (upload, blob, manual,
    /// drift, decay, schedule): the "a run failed" alert reads this.
    /// </summary>
    public static readonly Counter<long> Runs = Meter.CreateCounter<long>("mlops.runs", unit: "{run}");

    /// <summary>Monitoring windows' detections, tagged with model and kind (drift, decay).</summary>
    public static readonly Counter<long> MonitoringDetections = Meter.CreateCounter<long>("mlops.monitoring.detections", unit: "{detection}");

    /// <summary>
    /// What monitoring did, tagged with model, kind (retrain, alert, skipped) and, for an alert, its cause (budget,
    /// cooldown, nothing-new, no-runs): the "retraining budget spent" alert reads this.
    /// </summary>
    public static readonly Counter<long> MonitoringActions = Meter.CreateCounter<long>("mlops.monitoring.actions", unit: "{action}");

    /// <summary>Predictions answered but never logged, tagged with model and reason (full, stopping, refused, unwritten): never silent.</summary>
    public static readonly Counter<long> PredictionLogDropped = Meter.CreateCounter<long>("mlops.predictions.log.dropped", unit: "{prediction}");

    /// <summary>Rows a shadow challenger never scored, tagged with model and reason (backlog, size, send): shadow traffic is best-effort.</summary>
    public static readonly Counter<long> ShadowDropped = Meter.CreateCounter<long>("mlops.shadow.dropped", unit: "{row}");

    /// <summary>Webhook deliveries of one event, tagged with model and outcome (delivered, failed): a failing receiver shows here first.</summary>
    public static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>("mlops.webhook.deliveries", unit: "{delivery}");
}
