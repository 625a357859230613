using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Mlops.Core;
using Mlops.Core.Registry;
using Mlops.Core.Training.Search;
using Mlops.Workflows.Contracts;

namespace Mlops.Workflows;

/// <summary>
/// What a run's expensive activities already produced, kept beside its candidate so that a retried or restarted run
/// resumes where it stopped: each trial's result and the refit's summary. A checkpoint is used only when it was
/// made from the same input (its fingerprint), so a changed plan or dataset never reuses a stale one.
/// </summary>
public sealed class RunCheckpoints(IModelArtifactStore artifacts)
{
    private const int CheckpointReads = 16;

    /// <summary>The trial's kept outcome; a failure is never reused, since a failed fit may have been the host's fault.</summary>
    public async Task<TrialResult?> ReadTrialAsync(RunTrialInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var kept = await ReadAsync<TrialResult>(ArtifactPaths.TrialCheckpoint(input.Dataset.Model, input.RunId, input.Trial.Index), Fingerprint(input), cancellationToken);
        return kept?.Status == TrialStatus.Failed ? null : kept;
    }

    /// <summary>Keeps a trial's outcome, failures too, so that the search so far can be shown while it runs.</summary>
    public Task WriteTrialAsync(RunTrialInput input, TrialResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(result);
        return WriteAsync(ArtifactPaths.TrialCheckpoint(input.Dataset.Model, input.RunId, input.Trial.Index), Fingerprint(input), result, cancellationToken);
    }

    /// <summary>Keeps the search's plan as it starts (a retry writes the same plan again).</summary>
    public Task WriteSearchStartAsync(string model, SearchStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        return artifacts.WriteAsync(ArtifactPaths.SearchStart(model, start.RunId), BinaryData.FromObjectAsJson(start, MlopsJson.Options), cancellationToken);
    }

    /// <summary>
    /// The run's search as far as it has gone: null before it is planned. Trials come from their checkpoints whatever
    /// attempt wrote them, since this is for showing, not for reusing.
    /// </summary>
    public async Task<SearchRecord?> ReadSearchSoFarAsync(string model, string runId, DateTime asOf, CancellationToken cancellationToken)
    {
        if (await artifacts.ReadAsync(ArtifactPaths.SearchStart(model, runId), cancellationToken) is not { } content
            || content.ToObjectFromJson<SearchStart>(MlopsJson.Options) is not { } start)
        {
            return null;
        }

        var paths = await artifacts.ListAsync(ArtifactPaths.TrialCheckpoints(model, runId), cancellationToken);
        var trials = new ConcurrentBag<TrialResult>();
        var reading = new ParallelOptions { MaxDegreeOfParallelism = CheckpointReads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(paths, reading, async (path, token) =>
        {
            // A checkpoint deleted since the listing (the run's folder cleaned up) is simply not shown.
            if (await artifacts.ReadAsync(path, token) is { } content
                && content.ToObjectFromJson<Checkpoint<TrialResult>>(MlopsJson.Options)?.Value is { } trial)
            {
                trials.Add(trial);
            }
        });
        return start.SoFar(trials, asOf);
    }

    public async Task<TrainingSummary?> ReadTrainingAsync(TrainModelInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var summary = await ReadAsync<TrainingSummary>(ArtifactPaths.TrainingCheckpoint(input.Dataset.Model, input.RunId), Fingerprint(TrainingKey(input)), cancellationToken);

        // The summary is written after the candidate, so finding it means the candidate was complete; it must still be there.
        return summary is not null && await artifacts.ReadAsync(summary.CandidatePath, cancellationToken) is { } zip
            && Convert.ToHexStringLower(SHA256.HashData(zip.ToMemory().Span)) == summary.CandidateSha256
            ? summary
            : null;
    }

    public Task WriteTrainingAsync(TrainModelInput input, TrainingSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return WriteAsync(ArtifactPaths.TrainingCheckpoint(input.Dataset.Model, input.RunId), Fingerprint(TrainingKey(input)), summary, cancellationToken);
    }

    /// <summary>What decides the refit's output: not the winner's measured duration, which a re-run trial changes.</summary>
    private static object TrainingKey(TrainModelInput input) =>
        new { input.Dataset, input.Schema, input.Search?.Winner.Configuration, input.Search?.Winner.Budget, input.Search?.Settings };

    private static string Fingerprint<T>(T input) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(input, MlopsJson.Options)));

    private async Task<T?> ReadAsync<T>(string path, string fingerprint, CancellationToken cancellationToken)
        where T : class
    {
        if (await artifacts.ReadAsync(path, cancellationToken) is not { } content)
        {
            return null;
        }

        var checkpoint = content.ToObjectFromJson<Checkpoint<T>>(MlopsJson.Options);
        return checkpoint?.Fingerprint == fingerprint ? checkpoint.Value : null;
    }

    private Task WriteAsync<T>(string path, string fingerprint, T value, CancellationToken cancellationToken) =>
        artifacts.WriteAsync(path, BinaryData.FromObjectAsJson(new Checkpoint<T>(fingerprint, value), MlopsJson.Options), cancellationToken);

    private sealed record Checkpoint<T>(string Fingerprint, T Value);
}
