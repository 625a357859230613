using Microsoft.Extensions.Logging;
using Mlops.Core.Runs;
using Mlops.Core.Training.Search;

namespace Mlops.Workflows;

internal static partial class WorkflowLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Run {RunId} started for model {Model} on {Dataset}")]
    public static partial void RunStarted(ILogger logger, string runId, string model, string dataset);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Run {RunId} quarantined its dataset: {Reason}")]
    public static partial void RunQuarantined(ILogger logger, string runId, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Run {RunId} completed: version {Version}, promoted {Promoted}")]
    public static partial void RunCompleted(ILogger logger, string runId, int version, bool promoted);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Run {RunId} failed in stage {Stage}: {Reason}")]
    public static partial void RunFailed(ILogger logger, string runId, string stage, string reason);

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Run {RunId} started for dataset {Dataset}")]
    public static partial void RunScheduled(ILogger logger, string runId, string dataset);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Run {RunId} already exists for dataset {Dataset}; nothing started")]
    public static partial void RunExists(ILogger logger, string runId, string dataset);

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Run {RunId} planned a {Strategy} search of {Trials} trials, {Concurrency} at a time, scored on {Folds} fold(s)")]
    public static partial void SearchPlanned(ILogger logger, string runId, SearchStrategy strategy, int trials, int concurrency, int folds);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Run {RunId} trial {Trial} ({Trainer}) failed; the search goes on: {Reason}")]
    public static partial void TrialFailed(ILogger logger, string runId, int trial, string trainer, string reason);

    [LoggerMessage(EventId = 122, Level = LogLevel.Information, Message = "Run {RunId} searched {Trials} trials and selected {Trainer}: {StopReason}")]
    public static partial void SearchFinished(ILogger logger, string runId, int trials, string? trainer, string stopReason);

    [LoggerMessage(EventId = 130, Level = LogLevel.Warning, Message = "Run {RunId}: the heartbeat of {Activity} failed: {Reason}")]
    public static partial void HeartbeatFailed(ILogger logger, string runId, string activity, string reason);

    [LoggerMessage(EventId = 131, Level = LogLevel.Information, Message = "Run {RunId} trial {Trial} reused its checkpoint")]
    public static partial void TrialReused(ILogger logger, string runId, int trial);

    [LoggerMessage(EventId = 132, Level = LogLevel.Information, Message = "Run {RunId} reused its trained candidate {Path}")]
    public static partial void TrainingReused(ILogger logger, string runId, string path);

    [LoggerMessage(EventId = 133, Level = LogLevel.Warning, Message = "Run {RunId} restarted ({Kind}, attempt {Attempt}): {Reason}")]
    public static partial void RunRestarted(ILogger logger, string runId, RestartKind kind, int attempt, string reason);

    [LoggerMessage(EventId = 134, Level = LogLevel.Error, Message = "Run {RunId} stopped by the watchdog: {Reason}")]
    public static partial void RunStopped(ILogger logger, string runId, string reason);

    [LoggerMessage(EventId = 140, Level = LogLevel.Error, Message = "Experiment {ExperimentId}: a look failed and will be tried again: {Error}")]
    public static partial void ExperimentLookFailed(ILogger logger, string experimentId, string error);

    [LoggerMessage(EventId = 180, Level = LogLevel.Information, Message = "Scoring job {JobId} started for model {Model} version {Version} on {File}")]
    public static partial void ScoringStarted(ILogger logger, string jobId, string model, string file, int version);

    [LoggerMessage(EventId = 181, Level = LogLevel.Information, Message = "Scoring job {JobId} completed: {Rows} rows, {Rejected} rejected, written to {Output}")]
    public static partial void ScoringCompleted(ILogger logger, string jobId, long rows, long rejected, string output);

    [LoggerMessage(EventId = 182, Level = LogLevel.Error, Message = "Scoring job {JobId} failed: {Reason}")]
    public static partial void ScoringFailed(ILogger logger, string jobId, string reason);

    [LoggerMessage(EventId = 183, Level = LogLevel.Information, Message = "Scoring job {JobId} started for {File}")]
    public static partial void ScoringScheduled(ILogger logger, string jobId, string file);

    [LoggerMessage(EventId = 184, Level = LogLevel.Information, Message = "Scoring job {JobId} already exists for {File}; nothing started")]
    public static partial void ScoringExists(ILogger logger, string jobId, string file);
}
